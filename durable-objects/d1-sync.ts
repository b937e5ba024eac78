/**
 * Write-behind of the room's chats and messages to D1, where the console's history and the
 * reports read them. The room's own storage is written first (that is what makes a message
 * safe); D1 gets batched copies a moment later, from an alarm, so a burst of messages costs a
 * few D1 round trips instead of one each. Idempotent: messages are INSERT OR IGNORE by id and
 * chat rows are overwritten with their latest state, so a retry after a failure or an
 * eviction mid-write does no harm.
 */
import type { ChatRow, MessageRow, RoomStorage } from "./room-storage";
import { chatsUpdate, messagesInsert, type ChatCopy, type MessageCopy } from "./d1-copy";
import { attachmentOf } from "./attachment-json";

/**
 * Locally D1 runs in the same workerd thread as the room, and a round's request to D1 and its
 * answer never pass through the socket poll: without a pause, the room's sockets wait for the
 * whole sync, not for one round. So a round carries up to 100 messages, whose D1 batch takes a
 * few milliseconds here. Each round also costs a fixed part (the request to D1, its
 * transaction, a new full-text segment, the room's own commit): with 25 per round that part was
 * most of the sync, and the room's delivery p99 at 1,000 messages/s went from 38–84 ms to
 * 17–27 ms with 100 (three runs of npm run bench each). In production D1 is remote and a batch
 * is one network round trip either way.
 */
const MESSAGES_PER_BATCH = 100;
const CHATS_PER_BATCH = 40;
/**
 * Rounds per call: up to 1,000 messages and 400 chats (as many chats as before the rounds grew,
 * so that a close's sync still reaches its chat behind a backlog of accepts). One call never
 * holds the room for long; the alarm goes on with the rest.
 */
const MAX_ROUNDS = 10;

/**
 * Copies pending chats and messages to D1. Returns true when nothing is left pending.
 * `pause` runs between two rounds: the alarm's sync gives the room's sockets their turn there
 * (department-room.ts `syncTimer`).
 */
export async function syncToD1(d1: D1Database, storage: RoomStorage, pause?: () => Promise<void>): Promise<boolean> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (round > 0 && pause) {
      if (!storage.hasPendingSync()) return true;
      await pause();
    }
    const messages = storage.unflushedMessages(MESSAGES_PER_BATCH);
    const chats = storage.unsyncedChats(CHATS_PER_BATCH);
    if (messages.length === 0 && chats.length === 0) return true;
    const accounts = storage.chatAccounts(messages.map((m) => m.chat_id));
    const copies = messages.map((m) => messageCopy(m, accounts.get(m.chat_id) ?? ""));
    // One statement per table, both in one atomic batch (d1-copy.ts).
    await d1.batch([...messagesInsert(d1, copies), ...chatsUpdate(d1, chats.map(chatCopy))]);
    storage.markFlushed(
      messages.map((m) => m.id),
      chats.map((c) => ({ id: c.id, version: c.version })),
    );
  }
  return !storage.hasPendingSync();
}

function messageCopy(m: MessageRow, accountId: string): MessageCopy {
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

function chatCopy(c: ChatRow): ChatCopy {
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
