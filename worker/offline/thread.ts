/**
 * Reading an offline message's thread for the console: the message itself (who may open it is
 * the list's rule, offline/audience.ts), and its entries oldest first, each attendant answer with its delivery state read
 * from the account's outbox.
 */
import { and, asc, eq } from "drizzle-orm";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { departments, offlineMessageEntries, offlineMessages } from "../db/schema";
import { outboxOf } from "../email/send";
import type { Env } from "../env";
import { notFound } from "../errors";
import { offlineAudience, offlineVisible } from "./audience";
import type { OfflineDelivery, OfflineMessageDetail, OfflineThreadEntry } from "../views-offline";

/** Entries read per thread: far more than an e-mail conversation about one request holds. */
export const MAX_THREAD_ENTRIES = 500;

const detailColumns = {
  id: offlineMessages.id,
  departmentId: offlineMessages.departmentId,
  departmentName: departments.name,
  name: offlineMessages.name,
  email: offlineMessages.email,
  message: offlineMessages.message,
  pageUrl: offlineMessages.pageUrl,
  createdAt: offlineMessages.createdAt,
  status: offlineMessages.status,
  answeredAt: offlineMessages.answeredAt,
  ticketId: offlineMessages.ticketId,
};

/** The message if `who` may see it; 404 otherwise, the same answer whether it exists elsewhere or not at all. */
export async function offlineMessageFor(db: D1Database, who: Pick<SessionAttendant, "id" | "accountId" | "role">, id: string): Promise<OfflineMessageDetail> {
  const row = await database(db)
    .select(detailColumns)
    .from(offlineMessages)
    .leftJoin(departments, and(eq(departments.id, offlineMessages.departmentId), eq(departments.accountId, offlineMessages.accountId)))
    .where(and(eq(offlineMessages.id, id), eq(offlineMessages.accountId, who.accountId)))
    .get();
  if (!row || !offlineVisible(await offlineAudience(db, who), row.departmentId)) throw notFound("No such offline message");
  return row;
}

type EntryRow = typeof offlineMessageEntries.$inferSelect;

/** The one mapping of an entry row to the console's `OfflineThreadEntry`. */
export function toThreadEntry(row: EntryRow, delivery: OfflineDelivery | null): OfflineThreadEntry {
  return {
    id: row.id,
    authorType: row.authorType,
    authorId: row.authorId,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt,
    delivery: row.authorType === "attendant" ? delivery : null,
  };
}

/**
 * The delivery state of an outbox row. "sending" is shown as queued (a try is running); a row the
 * outbox no longer has was sent: only sent rows are pruned (after 30 days, outbox-store.ts).
 */
export async function deliveryOf(env: Pick<Env, "OUTBOX">, accountId: string, outboxId: string | null): Promise<OfflineDelivery | null> {
  if (outboxId === null) return null;
  const row = await outboxOf(env, accountId).get(outboxId);
  if (!row) return { state: "sent", error: null };
  const state = row.status === "sent" ? "sent" : row.status === "failed" ? "failed" : "queued";
  return { state, error: state === "sent" ? null : row.lastError };
}

/** The thread's entries, oldest first, with the delivery state of each answer. */
export async function readThread(env: Pick<Env, "DB" | "OUTBOX">, accountId: string, offlineMessageId: string): Promise<OfflineThreadEntry[]> {
  const rows = await database(env.DB)
    .select()
    .from(offlineMessageEntries)
    .where(and(eq(offlineMessageEntries.accountId, accountId), eq(offlineMessageEntries.offlineMessageId, offlineMessageId)))
    .orderBy(asc(offlineMessageEntries.createdAt), asc(offlineMessageEntries.id))
    .limit(MAX_THREAD_ENTRIES);
  const deliveries = await Promise.all(rows.map((r) => (r.authorType === "attendant" ? deliveryOf(env, accountId, r.outboxId) : null)));
  return rows.map((r, i) => toThreadEntry(r, deliveries[i] ?? null));
}
