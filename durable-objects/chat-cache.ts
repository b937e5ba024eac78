/**
 * The room's chat rows kept in memory, so that a frame does not read its chat from SQLite
 * (`SELECT * FROM chats` was 17 % of the room's CPU per message in the ceiling's profile).
 *
 * The rule that keeps it true: SQLite stays the truth and every write to a `chats` row either
 * puts the row as it is after the write (only the message path does, where the new values are
 * known: `last_seq`, the delivered/read marks) or drops the entry, so the next read goes to
 * SQLite. Dropping is always safe, also inside a `transactionSync` that rolls back. The writers
 * are RoomStorage's own methods and the few modules that write `chats` themselves
 * (customer-presence.ts, forget-customer.ts, transfer.ts through the room): each drops.
 *
 * Rows are shared snapshots: a write puts a new object and never changes one handed out, so a
 * caller holding a row keeps the values it read (as with a fresh SELECT). Memory only: a fresh
 * object (after eviction) starts empty and reads each chat once.
 */
import type { ChatRow } from "./room-storage";

/** Chat rows by id; see the module's rule. */
export class ChatCache {
  private readonly rows = new Map<string, ChatRow>();

  get(id: string): ChatRow | undefined {
    return this.rows.get(id);
  }

  /** The row as SQLite holds it now (just read, or just written with these values). */
  put(row: ChatRow): ChatRow {
    this.rows.set(row.id, row);
    return row;
  }

  /** Forgets one chat: its row changed in SQLite in a way only a read knows. */
  drop(id: string): void {
    this.rows.delete(id);
  }

  /** Forgets every chat (a write by another column than the id, e.g. by customer). */
  clear(): void {
    this.rows.clear();
  }
}
