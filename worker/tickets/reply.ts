/**
 * An attendant's entry in a ticket's thread. An internal note is only stored (never e-mailed,
 * never shown to the customer). A public reply is first handed to the outbox (`sendEmail`:
 * stored durably before this answers) and then stored with its Message-ID and outbox row, so the
 * console shows its delivery state and the customer's answer threads back to it.
 *
 * The e-mail: Subject "[#<number>] <subject>", Reply-To the ticket's signed thread address,
 * In-Reply-To the thread's latest Message-ID and References the thread's ids, oldest first.
 * Without e-mail settings a public reply is only stored when the customer has a login to the
 * Painel do Cliente (they read it there and in the app); otherwise it is refused (409
 * `email_not_configured`) before anything is stored.
 */
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { customerCredentials, ticketEntries, tickets } from "../db/schema";
import { emailSettingsView } from "../email/settings";
import { sendEmail } from "../email/send";
import { textToHtml } from "../email/compose";
import { threadReplyTo } from "../email/thread-address";
import type { Env } from "../env";
import { ApiError } from "../errors";
import type { TicketRow } from "./read";

/** Most ids a References header carries (the first and the latest ones). */
const MAX_REFERENCES = 20;

export interface NewReply {
  body: string;
  internal: boolean;
}

/** The thread's Message-IDs, oldest first: what References names and In-Reply-To answers. */
async function threadIds(env: Env, accountId: string, ticketId: string): Promise<string[]> {
  const rows = await database(env.DB)
    .select({ id: ticketEntries.emailMessageId })
    .from(ticketEntries)
    .where(and(eq(ticketEntries.accountId, accountId), eq(ticketEntries.ticketId, ticketId), isNotNull(ticketEntries.emailMessageId)))
    .orderBy(asc(ticketEntries.createdAt), asc(ticketEntries.id))
    .limit(500);
  const ids = rows.map((r) => r.id!);
  return ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
}

/** Whether the ticket's customer reads replies in the Painel do Cliente (they have a login there). */
async function readsInPanel(env: Env, accountId: string, customerId: string): Promise<boolean> {
  const row = await database(env.DB)
    .select({ id: customerCredentials.customerId })
    .from(customerCredentials)
    .where(and(eq(customerCredentials.customerId, customerId), eq(customerCredentials.accountId, accountId)))
    .get();
  return row !== undefined;
}

/**
 * Hands a public reply to the outbox; its row id and Message-ID. Null when e-mail is not set up
 * but the customer reads replies in the panel: the reply is then only stored.
 */
async function mailReply(env: Env, ticket: TicketRow, accountId: string, body: string): Promise<{ id: string; messageId: string } | null> {
  const settings = await emailSettingsView(env.DB, accountId);
  if (!settings.configured) {
    if (await readsInPanel(env, accountId, ticket.customerId)) return null;
    throw new ApiError(409, "email_not_configured", "Set up e-mail (Configurações: E-mail) before replying to the customer");
  }
  if (!ticket.customerEmail) throw new ApiError(409, "no_customer_email", "The customer has no e-mail address");
  const ids = await threadIds(env, accountId, ticket.id);
  return sendEmail(env, accountId, {
    to: ticket.customerEmail,
    toName: ticket.customerName,
    subject: `[#${ticket.number}] ${ticket.subject}`,
    text: body,
    html: textToHtml(body),
    replyTo: await threadReplyTo(env, settings.fromAddress, { kind: "ticket", id: ticket.id }),
    ...(ids.length ? { inReplyTo: ids.at(-1)!, references: ids } : {}),
    ref: `ticket:${ticket.id}`,
  });
}

/** Stores the entry (and, for a public reply, sends it first); answers the stored row. */
export async function addReply(env: Env, who: Pick<SessionAttendant, "id" | "name" | "accountId">, ticket: TicketRow, reply: NewReply) {
  const mail = reply.internal ? null : await mailReply(env, ticket, who.accountId, reply.body);
  const db = database(env.DB);
  const now = Date.now();
  const entry = {
    id: crypto.randomUUID(),
    accountId: who.accountId,
    ticketId: ticket.id,
    kind: reply.internal ? ("note" as const) : ("reply" as const),
    authorId: who.id,
    authorName: who.name,
    body: reply.body,
    emailMessageId: mail?.messageId ?? null,
    outboxId: mail?.id ?? null,
    createdAt: now,
  };
  // A public answer hands the turn to the customer, unless the ticket stays closed.
  const status = reply.internal ? sql`${tickets.status}` : sql`CASE WHEN ${tickets.status} = 'closed' THEN 'closed' ELSE 'waiting_customer' END`;
  await db.batch([
    db.insert(ticketEntries).values(entry),
    db
      .update(tickets)
      .set({ status, updatedAt: now })
      .where(and(eq(tickets.id, ticket.id), eq(tickets.accountId, who.accountId))),
  ]);
  return entry;
}
