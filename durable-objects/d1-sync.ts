/**
 * Write-behind of the room's chats and messages to D1, where the console's history and the
 * reports read them. The room's own storage is written first (that is what makes a message
 * safe); D1 gets batched copies a moment later, from an alarm, so a burst of messages costs a
 * few D1 round trips instead of one each. Idempotent: messages are INSERT OR IGNORE by id and
 * chat rows are overwritten with their latest state, so a retry after a failure or an
 * eviction mid-write does no harm.
 */
import type { RoomStorage } from "./room-storage";

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
export async function syncToD1(db: D1Database, storage: RoomStorage): Promise<boolean> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const messages = storage.unflushedMessages(MESSAGES_PER_BATCH);
    const chats = storage.unsyncedChats(CHATS_PER_BATCH);
    if (messages.length === 0 && chats.length === 0) return true;
    const statements: D1PreparedStatement[] = [];
    for (const m of messages) {
      statements.push(
        db
          .prepare(
            `INSERT OR IGNORE INTO chat_messages (id, account_id, chat_id, seq, author_type, author_id, author_name, body, created_at)
             SELECT ?, account_id, id, ?, ?, ?, ?, ?, ? FROM chats WHERE id = ?`,
          )
          .bind(m.id, m.seq, m.author_type, m.author_id, m.author_name, m.body, m.created_at, m.chat_id),
      );
    }
    for (const c of chats) {
      statements.push(
        db
          .prepare(
            `UPDATE chats SET status = ?, attendant_id = ?, accepted_at = ?, closed_at = ?, closed_by = ?,
             closed_by_attendant_id = ?, last_seq = MAX(last_seq, ?) WHERE id = ? AND account_id = ?`,
          )
          .bind(c.status, c.attendant_id, c.accepted_at, c.closed_at, c.closed_by, c.closed_by_attendant_id, c.last_seq, c.id, c.account_id),
      );
    }
    await db.batch(statements);
    storage.markFlushed(
      messages.map((m) => m.id),
      chats.map((c) => ({ id: c.id, version: c.version })),
    );
  }
  return !storage.hasPendingSync();
}
