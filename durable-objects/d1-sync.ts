/**
 * Write-behind of the room's chats and messages to D1, where the console's history and the
 * reports read them. The room's own storage is written first (that is what makes a message
 * safe); D1 gets batched copies a moment later, from an alarm, so a burst of messages costs a
 * few D1 round trips instead of one each. Idempotent: messages are INSERT OR IGNORE by id and
 * chat rows are overwritten with their latest state, so a retry after a failure or an
 * eviction mid-write does no harm.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { database } from "../worker/db/client";
import { insertMessages, MESSAGES_PER_INSERT, updateChatState } from "../worker/db/writes";
import type { ChatRow, MessageRow, RoomStorage } from "./room-storage";
import { attachmentOf } from "./attachment-json";

/**
 * Small batches: locally D1 runs in the same workerd thread as the room, so one large batch
 * stalls every socket for tens of milliseconds (measured with npm run bench). In production
 * D1 is remote and a batch is one network round trip either way.
 */
const MESSAGES_PER_BATCH = 25;
const CHATS_PER_BATCH = 10;
/** Rounds per call, so that one call never holds the room for long. */
const MAX_ROUNDS = 40;

/** Copies pending chats and messages to D1. Returns true when nothing is left pending. */
export async function syncToD1(d1: D1Database, storage: RoomStorage): Promise<boolean> {
  const db = database(d1);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const messages = storage.unflushedMessages(MESSAGES_PER_BATCH);
    const chats = storage.unsyncedChats(CHATS_PER_BATCH);
    if (messages.length === 0 && chats.length === 0) return true;
    const accounts = storage.chatAccounts(messages.map((m) => m.chat_id));
    const copies = messages.map((m) => messageCopy(m, accounts.get(m.chat_id) ?? ""));
    // Building a statement costs more than binding a row (drizzle, then D1): a few rows per statement.
    const statements: BatchItem<"sqlite">[] = [];
    for (let i = 0; i < copies.length; i += MESSAGES_PER_INSERT) statements.push(insertMessages(db, copies.slice(i, i + MESSAGES_PER_INSERT)));
    for (const c of chats) statements.push(updateChatState(db, chatCopy(c)));
    await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
    storage.markFlushed(
      messages.map((m) => m.id),
      chats.map((c) => ({ id: c.id, version: c.version })),
    );
  }
  return !storage.hasPendingSync();
}

function messageCopy(m: MessageRow, accountId: string) {
  return {
    id: m.id,
    accountId,
    chatId: m.chat_id,
    seq: m.seq,
    authorType: m.author_type,
    authorId: m.author_id,
    authorName: m.author_name,
    body: m.body,
    createdAt: m.created_at,
    internal: m.internal === 1,
    attachmentId: attachmentOf(m.attachment).attachment?.id ?? null,
  };
}

function chatCopy(c: ChatRow) {
  return {
    id: c.id,
    accountId: c.account_id,
    departmentId: c.department_id,
    status: c.status,
    attendantId: c.attendant_id,
    acceptedAt: c.accepted_at,
    closedAt: c.closed_at,
    closedBy: c.closed_by,
    closedByAttendantId: c.closed_by_attendant_id,
    lastSeq: c.last_seq,
    abandonedAt: c.abandoned_at,
  };
}
