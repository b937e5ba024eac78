/**
 * Retention: every day (Cron Trigger, see wrangler.toml) each account that set
 * `retention_days` loses its closed chats (with their messages and surveys) that closed before
 * now − N days (with their files in R2), its offline messages created before then (with their e-mail threads), and its
 * tickets closed before then (with their entries; worker/tickets/purge.ts). Open chats and open
 * tickets are never touched.
 * Department rooms keep a closed chat for an hour only (`CLOSED_CHAT_KEPT_MS`), far less than
 * the one-day minimum, so D1 is the only copy left to delete.
 *
 * Deletes run in bounded batches (`BATCH` rows chosen by one subquery, children first because
 * D1 enforces foreign keys), at most `MAX_BATCHES` per account and kind per run: a large
 * backlog is worked down over a few nights instead of in one long statement. Each batch is
 * atomic; the audit entry with the counts follows the last one.
 */
import { and, asc, eq, gt, inArray, isNotNull, lt } from "drizzle-orm";
import { auditEntry } from "./audit";
import { database, type Database } from "./db/client";
import { accounts, chatLabels, chatMessages, chatSurveys, chats, offlineMessageEntries, offlineMessages } from "./db/schema";
import { purgeClosedTickets } from "./tickets/purge";
import { purgeChatAttachments } from "./attachments/store";
import type { Env } from "./env";

/** What the purge needs: D1 and the bucket of the chats' files. */
export type RetentionEnv = Pick<Env, "DB" | "ATTACHMENTS">;

const DAY_MS = 86_400_000;
/** Chats (or offline messages) per batch: each of their statements stays short. */
export const BATCH = 500;
/** Batches per account and kind in one run (5,000 rows each night at most). */
export const MAX_BATCHES = 10;
/** Accounts read per page while walking the ones with a retention period. */
const ACCOUNT_PAGE = 100;

export const RETENTION_ACTOR = { id: null, name: "Sistema" } as const;

/** What one run deleted for one account. */
export interface RetentionReport {
  accountId: string;
  chats: number;
  offlineMessages: number;
  /** Closed tickets (with their entries) that closed before the cutoff. */
  tickets: number;
}

/** One batch of expired chats: their messages and surveys, then the chats; the number of chats deleted. */
async function purgeChatBatch(db: Database, bucket: R2Bucket, accountId: string, before: number): Promise<number> {
  const doomed = db
    .select({ id: chats.id })
    .from(chats)
    .where(and(eq(chats.accountId, accountId), eq(chats.status, "closed"), lt(chats.closedAt, before)))
    .orderBy(asc(chats.closedAt), asc(chats.id))
    .limit(BATCH);
  // Their files: the R2 objects now, the rows first in the batch (they point at the chats).
  const { deleteRows: files } = await purgeChatAttachments(bucket, db, accountId, doomed);
  const [, , , , deleted] = await db.batch([
    files,
    // Their labels first: chat_labels points at the chats (foreign key).
    db.delete(chatLabels).where(and(eq(chatLabels.accountId, accountId), inArray(chatLabels.chatId, doomed))),
    db.delete(chatMessages).where(and(eq(chatMessages.accountId, accountId), inArray(chatMessages.chatId, doomed))),
    db.delete(chatSurveys).where(and(eq(chatSurveys.accountId, accountId), inArray(chatSurveys.chatId, doomed))),
    db.delete(chats).where(and(eq(chats.accountId, accountId), inArray(chats.id, doomed))).returning({ id: chats.id }),
  ]);
  return deleted.length;
}

async function purgeOfflineBatch(db: Database, accountId: string, before: number): Promise<number> {
  const doomed = db
    .select({ id: offlineMessages.id })
    .from(offlineMessages)
    .where(and(eq(offlineMessages.accountId, accountId), lt(offlineMessages.createdAt, before)))
    .orderBy(asc(offlineMessages.createdAt))
    .limit(BATCH);
  // Their thread entries first: they point at the messages (foreign key).
  const [, deleted] = await db.batch([
    db.delete(offlineMessageEntries).where(and(eq(offlineMessageEntries.accountId, accountId), inArray(offlineMessageEntries.offlineMessageId, doomed))),
    db.delete(offlineMessages).where(and(eq(offlineMessages.accountId, accountId), inArray(offlineMessages.id, doomed))).returning({ id: offlineMessages.id }),
  ]);
  return deleted.length;
}

/** Runs `batch` until it deletes less than a full batch or the per-run cap is reached. */
async function drain(batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const deleted = await batch();
    total += deleted;
    if (deleted < BATCH) break;
  }
  return total;
}

/** Purges one account and records what went in its audit log (nothing is recorded when nothing was due). */
export async function purgeAccount(env: RetentionEnv, account: { id: string; retentionDays: number }, now = Date.now()): Promise<RetentionReport> {
  const db = database(env.DB);
  const before = now - account.retentionDays * DAY_MS;
  const chatCount = await drain(() => purgeChatBatch(db, env.ATTACHMENTS, account.id, before));
  const offlineCount = await drain(() => purgeOfflineBatch(db, account.id, before));
  const ticketCount = await drain(() => purgeClosedTickets(db, account.id, before, BATCH));
  if (chatCount + offlineCount + ticketCount > 0) {
    await auditEntry(db, {
      accountId: account.id,
      actor: RETENTION_ACTOR,
      action: "retention.purged",
      detail: { chats: chatCount, offlineMessages: offlineCount, tickets: ticketCount, retentionDays: account.retentionDays, before },
      at: now,
    });
  }
  return { accountId: account.id, chats: chatCount, offlineMessages: offlineCount, tickets: ticketCount };
}

/**
 * The daily run over every account with a retention period, a page of accounts at a time.
 * One account's failure is logged and does not stop the others.
 */
export async function purgeExpired(env: RetentionEnv, now = Date.now()): Promise<RetentionReport[]> {
  const db = database(env.DB);
  const reports: RetentionReport[] = [];
  let after = "";
  for (;;) {
    const page = await db
      .select({ id: accounts.id, retentionDays: accounts.retentionDays })
      .from(accounts)
      .where(and(isNotNull(accounts.retentionDays), gt(accounts.id, after)))
      .orderBy(asc(accounts.id))
      .limit(ACCOUNT_PAGE);
    for (const account of page) {
      if (account.retentionDays === null) continue;
      try {
        reports.push(await purgeAccount(env, { id: account.id, retentionDays: account.retentionDays }, now));
      } catch (error) {
        console.error("retention failed for account", account.id, error);
      }
    }
    const last = page.at(-1);
    if (!last || page.length < ACCOUNT_PAGE) return reports;
    after = last.id;
  }
}
