/**
 * Tickets made from something else, each source converted at most once (the unique index on
 * (account_id, source, source_id)):
 * - an offline message, by hand (`POST /api/offline-messages/:id/ticket`) or at once when the
 *   policy `offlineToTicket` (account, or the department's override) is on: its text is the
 *   first `customer` entry; the message becomes `status = "ticket"` with `ticket_id`, in the
 *   ticket's batch, so it leaves the offline list in the same moment the ticket appears;
 * - a chat (`POST /api/chats/:id/ticket`): its transcript (customer and attendant messages,
 *   never internal notes nor system lines) is the first entry, an internal `note`, since the
 *   customer already saw every line of it.
 */
import { and, eq, isNull, ne } from "drizzle-orm";
import type { AuditActor } from "../audit";
import { auditEntry } from "../audit";
import { readMessages, type ChatRef } from "../chat-reads";
import { database, type Database } from "../db/client";
import { guarded, isGuardAbort } from "../db/guarded";
import { customers, offlineMessages } from "../db/schema";
import type { Env } from "../env";
import { effectivePolicies } from "../settings/policies";
import { findOrNewCustomer, insertTicket, SourceTaken, subjectFrom, type TicketCustomer } from "./create";

/** Who converts: an attendant, or the system for the automatic conversion. */
export interface Converter {
  actor: AuditActor;
  ip: string | null;
}

export const SYSTEM_CONVERTER: Converter = { actor: { id: null, name: "Sistema" }, ip: null };

type OfflineRow = typeof offlineMessages.$inferSelect;

/** Whether new offline messages of `departmentId` (null: none chosen) become tickets at once. */
export async function offlineToTicketOn(db: D1Database, accountId: string, departmentId: string | null): Promise<boolean> {
  return (await effectivePolicies(db, accountId, departmentId ?? "")).offlineToTicket === true;
}

/** The customer behind an offline message: the one it is bound to, else found or created by its e-mail. */
async function offlineCustomer(db: Database, message: Pick<OfflineRow, "accountId" | "customerId" | "name" | "email">): Promise<TicketCustomer> {
  if (message.customerId) {
    const row = await db
      .select({ id: customers.id, name: customers.name, email: customers.email })
      .from(customers)
      .where(and(eq(customers.id, message.customerId), eq(customers.accountId, message.accountId), isNull(customers.deletedAt)))
      .get();
    if (row) return { ...row, isNew: false };
  }
  return findOrNewCustomer(db, message.accountId, { name: message.name, email: message.email });
}

function ticketOfOffline(message: Pick<OfflineRow, "id" | "accountId" | "departmentId" | "message">, customer: TicketCustomer, at: number) {
  return {
    accountId: message.accountId,
    subject: subjectFrom(message.message, "Mensagem offline"),
    customer,
    departmentId: message.departmentId,
    priority: "normal" as const,
    assigneeId: null,
    source: "offline_message" as const,
    sourceId: message.id,
    first: { kind: "customer" as const, authorId: null, authorName: customer.name, body: message.message },
    at,
  };
}

function createdEntry(db: Database, accountId: string, ticketId: string, by: Converter, detail: Record<string, unknown>, at: number) {
  return auditEntry(db, { accountId, actor: by.actor, ip: by.ip, action: "ticket.created", target: { type: "ticket", id: ticketId }, detail, at });
}

/**
 * Turns a stored offline message into a ticket. Returns the new ticket's id, or
 * `{ taken: ticketId }` when it was converted already (also when another conversion won a race).
 */
export async function convertOfflineMessage(d1: D1Database, message: OfflineRow, by: Converter): Promise<string | { taken: string | null }> {
  if (message.status === "ticket") return { taken: message.ticketId };
  const db = database(d1);
  const at = Date.now();
  const customer = await offlineCustomer(db, message);
  try {
    return await insertTicket(db, ticketOfOffline(message, customer, at), (ticketId) => [
      db
        .update(offlineMessages)
        // Aborts the batch if another conversion got there first (db/guarded.ts).
        .set({ status: guarded(ne(offlineMessages.status, "ticket"), "ticket"), ticketId })
        .where(and(eq(offlineMessages.id, message.id), eq(offlineMessages.accountId, message.accountId))),
      createdEntry(db, message.accountId, ticketId, by, { source: "offline_message", offlineMessageId: message.id }, at),
    ]);
  } catch (error) {
    if (!isGuardAbort(error, "offline_messages.status") && !(error instanceof SourceTaken)) throw error;
    const now = await db.select({ ticketId: offlineMessages.ticketId }).from(offlineMessages).where(eq(offlineMessages.id, message.id)).get();
    return { taken: now?.ticketId ?? null };
  }
}

/** A new offline message stored directly as a ticket (the automatic conversion): both rows in one batch. */
export async function storeOfflineAsTicket(d1: D1Database, message: Omit<OfflineRow, "status" | "ticketId" | "answeredAt">): Promise<string> {
  const db = database(d1);
  const customer = await offlineCustomer(db, message);
  return insertTicket(db, ticketOfOffline(message, customer, message.createdAt), (ticketId) => [
    db.insert(offlineMessages).values({ ...message, status: "ticket", ticketId }),
    createdEntry(db, message.accountId, ticketId, SYSTEM_CONVERTER, { source: "offline_message", offlineMessageId: message.id, automatic: true }, message.createdAt),
  ]);
}

/** A chat's transcript as text: one line per customer or attendant message ("Name: text"). */
export async function chatTranscript(env: Env, chat: ChatRef, attendantId: string): Promise<string> {
  const messages = await readMessages(env, { kind: "attendant", attendantId, supervises: true }, chat);
  return messages
    .filter((m) => !m.internal && (m.author.type === "customer" || m.author.type === "attendant"))
    .map((m) => `${m.author.name}: ${m.body}`)
    .join("\n");
}
