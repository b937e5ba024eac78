/**
 * Moving a chat between department rooms: an idempotent export/import handoff that keeps the
 * chat's id, number, messages and sequence numbers.
 *
 * The room the chat leaves drives it:
 * 1. a `transfer` timer is left first, so a handoff cut short by an eviction is finished later;
 * 2. the chat's pending copies reach D1;
 * 3. the bundle (chat row and every message) is imported by the destination room, which does
 *    nothing when it already holds the chat — so step 3 may run any number of times;
 * 4. the source forgets the chat, tells its sockets `chat.transferred` and closes the customer's
 *    sockets, whose client asks the API for a socket to the new room.
 * The destination queues the chat (unassigned) with a system message and copies it to D1,
 * where the chat's department changes.
 */
import type { ChatRow, MessageRow } from "./room-storage";

/** A transfer's note: an attendants-only message written by the one who transferred. */
export interface TransferNote {
  author: { id: string; name: string };
  body: string;
}

/** What the destination does with a chat it imports, beyond storing it (all optional: the handoff alone works without). */
export interface TransferExtras {
  /** The customer's system message (in the account's language); absent: "Transferido de <from>". */
  notice?: string;
  note?: TransferNote;
  /** The attendant named with the department: they get the chat if online there with room for it, else it waits. */
  attendant?: { id: string; name: string; maxChats: number | null };
}

export interface TransferBundle extends TransferExtras {
  chat: ChatRow;
  messages: MessageRow[];
  /** Shown in the destination's system message. */
  fromDepartmentName: string;
}

export interface TransferTarget extends TransferExtras {
  departmentId: string;
  /** The department the chat leaves, named in the destination's system message. */
  fromDepartmentName: string;
}

/** The chat and all its messages, in order, as stored here. */
export function exportChat(sql: SqlStorage, chatId: string): { chat: ChatRow; messages: MessageRow[] } | null {
  const chat = sql.exec<ChatRow>("SELECT * FROM chats WHERE id = ?", chatId).toArray()[0];
  if (!chat) return null;
  const messages = sql.exec<MessageRow>("SELECT * FROM messages WHERE chat_id = ? ORDER BY seq", chatId).toArray();
  return { chat, messages };
}

/**
 * Stores a transferred chat in this room as waiting for one of its attendants. Returns false
 * (and changes nothing) when the room already holds it: a repeated import is harmless.
 */
export function importChat(sql: SqlStorage, bundle: TransferBundle, departmentId: string): boolean {
  if (sql.exec("SELECT 1 FROM chats WHERE id = ?", bundle.chat.id).toArray().length > 0) return false;
  const c = bundle.chat;
  sql.exec(
    `INSERT INTO chats (id, number, account_id, department_id, status, customer_id, customer_name, customer_email,
      attendant_id, attendant_name, origin, page_url, created_at, accepted_at, closed_at, closed_by, closed_by_attendant_id,
      last_seq, customer_delivered_seq, customer_read_seq, attendant_delivered_seq, attendant_read_seq, version, synced_version)
     VALUES (?, ?, ?, ?, 'waiting', ?, ?, ?, NULL, NULL, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?, ?, ?, ?, 1, 0)`,
    c.id,
    c.number,
    c.account_id,
    departmentId,
    c.customer_id,
    c.customer_name,
    c.customer_email,
    c.origin,
    c.page_url,
    c.created_at,
    c.last_seq,
    c.customer_delivered_seq,
    c.customer_read_seq,
    c.attendant_delivered_seq,
    c.attendant_read_seq,
  );
  for (const m of bundle.messages) {
    // Copies of messages D1 already holds are skipped there by id; `flushed` starts at 0 here so
    // that any the source had not copied yet are copied now.
    sql.exec(
      `INSERT OR IGNORE INTO messages (chat_id, seq, id, client_id, author_type, author_id, author_name, body, created_at, flushed, internal, attachment)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      m.chat_id,
      m.seq,
      m.id,
      m.client_id,
      m.author_type,
      m.author_id,
      m.author_name,
      m.body,
      m.created_at,
      // A bundle from a room not yet migrated to v4 has no column: a plain message.
      m.internal ?? 0,
      // Likewise before v6: no file.
      m.attachment ?? null,
    );
  }
  return true;
}

/** Forgets a chat that another room now holds. */
export function forgetChat(sql: SqlStorage, chatId: string): void {
  sql.exec("DELETE FROM messages WHERE chat_id = ?", chatId);
  sql.exec("DELETE FROM chats WHERE id = ?", chatId);
}
