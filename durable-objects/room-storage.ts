/**
 * The department room's own SQLite storage: its open (and recently closed) chats, their
 * messages and the presence of its attendants. This is the live truth: a message is written
 * here before anything is sent, so an evicted or restarted object loses nothing. D1 receives
 * a copy shortly after (see d1-sync.ts); `flushed` / `dirty` track what it has not received yet.
 *
 * SqlStorage is synchronous and the object runs one event at a time, so each method is atomic
 * with respect to other events (the accept race relies on that).
 */
import type { AuthorType, ChatStatus, ClosedBy, WireAttendant } from "./protocol";
import { ChatCache } from "./chat-cache";
import { messageId } from "./message-id";
import { rowsOf } from "./sql-rows";
import type { StatusChange } from "../worker/presence";

export type ChatRow = {
  id: string;
  number: number;
  account_id: string;
  department_id: string;
  status: ChatStatus;
  customer_id: string;
  customer_name: string;
  customer_email: string;
  attendant_id: string | null;
  attendant_name: string | null;
  origin: string;
  page_url: string | null;
  created_at: number;
  accepted_at: number | null;
  closed_at: number | null;
  closed_by: ClosedBy | null;
  closed_by_attendant_id: string | null;
  last_seq: number;
  customer_delivered_seq: number;
  customer_read_seq: number;
  attendant_delivered_seq: number;
  attendant_read_seq: number;
  /** When the customer's last socket of the chat closed; null while one is open (customer-presence.ts). */
  customer_left_at: number | null;
  /** Set while a waiting chat is out of the queue because its customer stayed away (customer-presence.ts). */
  abandoned_at: number | null;
  /** 1 once the consoles were told the customer's presence as it is now (customer-presence.ts). */
  presence_told: number;
  /** Incremented on every change; D1 is up to date when synced_version equals it. */
  version: number;
  synced_version: number;
};

/** How far each side of a chat received and read. */
export type ChatMarks = Pick<ChatRow, "customer_delivered_seq" | "customer_read_seq" | "attendant_delivered_seq" | "attendant_read_seq">;

export type MessageRow = {
  id: string;
  chat_id: string;
  seq: number;
  client_id: string | null;
  author_type: AuthorType;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: number;
  flushed: number;
  /** 1 for an attendants-only note (never sent to or read by the customer). */
  internal: number;
  /** The file the message carries, as WireAttachment JSON (room-attachments.ts); absent in bundles from rooms before v6. */
  attachment?: string | null;
};

export interface NewChat {
  id: string;
  number: number;
  accountId: string;
  departmentId: string;
  customer: { id: string; name: string; email: string };
  origin: string;
  pageUrl: string | null;
  createdAt: number;
}

export interface Author {
  type: AuthorType;
  id: string | null;
  name: string;
}

/** Who the room is: written on its first socket or RPC, read by alarms that wake it idle. */
export interface RoomMeta {
  accountId: string;
  departmentId: string;
}

/** The tables are created and migrated by room-schema.ts before the first event. */
export class RoomStorage {
  /** The chat rows read or written so far (chat-cache.ts: every write to `chats` here puts or drops). */
  readonly chats = new ChatCache();
  /** Who the room is, once recorded: the row is written once and never changes. */
  private known: RoomMeta | null = null;

  constructor(private readonly sql: SqlStorage) {}

  // ------------------------------------------------------------------ the room itself

  meta(): RoomMeta | null {
    if (this.known) return this.known;
    const row = this.sql
      .exec<{ account_id: string; department_id: string }>("SELECT account_id, department_id FROM meta WHERE id = 1")
      .toArray()[0];
    this.known = row ? { accountId: row.account_id, departmentId: row.department_id } : null;
    return this.known;
  }

  /**
   * Records who the room is, once. True when the room is (now) this account's department;
   * false, with nothing written, when it was already recorded as another one.
   */
  identify(meta: RoomMeta, at: number): boolean {
    this.sql.exec(
      "INSERT INTO meta (id, account_id, department_id, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
      meta.accountId,
      meta.departmentId,
      at,
    );
    const stored = this.meta();
    return stored?.accountId === meta.accountId && stored.departmentId === meta.departmentId;
  }

  // ------------------------------------------------------------------ chats

  insertChat(chat: NewChat): ChatRow {
    this.sql.exec(
      `INSERT OR IGNORE INTO chats (id, number, account_id, department_id, status, customer_id, customer_name,
        customer_email, origin, page_url, created_at) VALUES (?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?)`,
      chat.id,
      chat.number,
      chat.accountId,
      chat.departmentId,
      chat.customer.id,
      chat.customer.name,
      chat.customer.email,
      chat.origin,
      chat.pageUrl,
      chat.createdAt,
    );
    return this.chat(chat.id)!;
  }

  /** The chat's row (from memory once read: chat-cache.ts); treat it as read-only. */
  chat(id: string): ChatRow | null {
    const known = this.chats.get(id);
    if (known) return known;
    const row = this.sql.exec<ChatRow>("SELECT * FROM chats WHERE id = ?", id).toArray()[0];
    return row ? this.chats.put(row) : null;
  }

  /** Waiting and active chats, oldest first (the queue order). */
  openChats(): ChatRow[] {
    return rowsOf<ChatRow>(this.sql.exec("SELECT * FROM chats WHERE status != 'closed' ORDER BY created_at"));
  }

  /**
   * Gives a waiting chat to an attendant. Returns false when it is no longer waiting: the
   * check and the write happen in one synchronous step, so of two accepts exactly one wins.
   */
  accept(chatId: string, attendant: { id: string; name: string }, at: number): boolean {
    const cursor = this.sql.exec(
      `UPDATE chats SET status = 'active', attendant_id = ?, attendant_name = ?, accepted_at = ?, version = version + 1
       WHERE id = ? AND status = 'waiting' AND abandoned_at IS NULL`,
      attendant.id,
      attendant.name,
      at,
      chatId,
    );
    this.chats.drop(chatId);
    return cursor.rowsWritten > 0;
  }

  /** Gives an active chat to another attendant (a transfer). False when it is closed or gone. */
  reassign(chatId: string, attendant: { id: string; name: string }, at: number): boolean {
    const cursor = this.sql.exec(
      `UPDATE chats SET attendant_id = ?, attendant_name = ?, accepted_at = ?, version = version + 1 WHERE id = ? AND status = 'active'`,
      attendant.id,
      attendant.name,
      at,
      chatId,
    );
    this.chats.drop(chatId);
    return cursor.rowsWritten > 0;
  }

  /** The active chats assigned to an attendant, oldest first. */
  activeChatsOf(attendantId: string): ChatRow[] {
    return this.sql
      .exec<ChatRow>("SELECT * FROM chats WHERE status = 'active' AND attendant_id = ? ORDER BY created_at", attendantId)
      .toArray();
  }

  /**
   * Puts an attendant's active chat back in the queue, unassigned (they lost the right to
   * attend it). False when it is no longer theirs or no longer active.
   */
  requeue(chatId: string, attendantId: string): boolean {
    const cursor = this.sql.exec(
      `UPDATE chats SET status = 'waiting', attendant_id = NULL, attendant_name = NULL, accepted_at = NULL, version = version + 1
       WHERE id = ? AND status = 'active' AND attendant_id = ?`,
      chatId,
      attendantId,
    );
    this.chats.drop(chatId);
    return cursor.rowsWritten > 0;
  }

  close(chatId: string, by: ClosedBy, attendantId: string | null, at: number): boolean {
    const cursor = this.sql.exec(
      `UPDATE chats SET status = 'closed', closed_at = ?, closed_by = ?, closed_by_attendant_id = ?, version = version + 1
       WHERE id = ? AND status != 'closed'`,
      at,
      by,
      attendantId,
      chatId,
    );
    this.chats.drop(chatId);
    return cursor.rowsWritten > 0;
  }

  /**
   * Raises a delivered/read mark (never lowers it). Returns the chat's four marks after the
   * change when it moved (what the other side is told), null when it did not.
   */
  raiseMark(
    chatId: string,
    column: "customer_delivered_seq" | "customer_read_seq" | "attendant_delivered_seq" | "attendant_read_seq",
    seq: number,
  ): ChatMarks | null {
    const known = this.chats.get(chatId);
    // Already there (a mark never passes last_seq): nothing to write, nothing to tell.
    if (known && known[column] >= Math.min(seq, known.last_seq)) return null;
    const marks =
      this.sql
        .exec<ChatMarks>(
          `UPDATE chats SET ${column} = MIN(?, last_seq) WHERE id = ? AND ${column} < MIN(?, last_seq)
           RETURNING customer_delivered_seq, customer_read_seq, attendant_delivered_seq, attendant_read_seq`,
          seq,
          chatId,
          seq,
        )
        .toArray()[0] ?? null;
    if (marks && known) this.chats.put({ ...known, ...marks });
    return marks;
  }

  // ------------------------------------------------------------------ messages

  /**
   * Stores a message with the chat's next sequence number. A message whose `clientId` was
   * already stored for this chat and author side is not stored again: the first copy is returned.
   * `deliveredTo`: the side whose sockets the message is about to reach (their delivered mark).
   */
  appendMessage(
    chatId: string,
    author: Author,
    body: string,
    clientId: string | null,
    at: number,
    internal = false,
    deliveredTo?: "customer" | "attendant",
  ): { message: MessageRow; duplicate: boolean } {
    const chat = this.chat(chatId);
    if (!chat) throw new Error(`No chat ${chatId} in this room`);
    // The next seq from the row in memory; a wrong one would hit the (chat_id, seq) key and throw.
    const message: MessageRow = {
      id: messageId(at),
      chat_id: chatId,
      seq: chat.last_seq + 1,
      client_id: clientId,
      author_type: author.type,
      author_id: author.id,
      author_name: author.name,
      body,
      created_at: at,
      flushed: 0,
      internal: internal ? 1 : 0,
    };
    // A resend of a stored clientId meets the partial unique index and writes nothing.
    const stored = this.sql.exec(
      `INSERT INTO messages (chat_id, seq, id, client_id, author_type, author_id, author_name, body, created_at, internal)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, author_type, client_id) WHERE client_id IS NOT NULL DO NOTHING`,
      message.chat_id,
      message.seq,
      message.id,
      message.client_id,
      message.author_type,
      message.author_id,
      message.author_name,
      message.body,
      message.created_at,
      message.internal,
    ).rowsWritten;
    if (stored === 0) {
      const existing = this.sql
        .exec<MessageRow>("SELECT * FROM messages WHERE chat_id = ? AND author_type = ? AND client_id = ?", chatId, author.type, clientId)
        .one();
      return { message: existing, duplicate: true };
    }
    // No version bump: D1's copy of a chat row changes only with its status, which keeps the
    // write-behind to one statement per message (last_seq is written with the next status change).
    // With `deliveredTo` the same write moves that side's delivered mark to the message (no
    // mark ever passes last_seq, so it only rises).
    if (deliveredTo) {
      this.sql.exec(DELIVERED_WITH_SEQ[deliveredTo], message.seq, message.seq, chatId);
      this.chats.put({ ...chat, last_seq: message.seq, [`${deliveredTo}_delivered_seq`]: message.seq });
    } else {
      this.sql.exec("UPDATE chats SET last_seq = ? WHERE id = ?", message.seq, chatId);
      this.chats.put({ ...chat, last_seq: message.seq });
    }
    return { message, duplicate: false };
  }

  /**
   * At most `limit` messages after `afterSeq`, in order, and whether more follow. With
   * `withInternal: false` (a customer reading) the attendants-only notes are left out.
   */
  messagesAfter(chatId: string, afterSeq: number, limit: number, withInternal = true): { messages: MessageRow[]; hasMore: boolean } {
    const rows = this.sql
      .exec<MessageRow>(
        `SELECT * FROM messages WHERE chat_id = ? AND seq > ?${withInternal ? "" : " AND internal = 0"} ORDER BY seq LIMIT ?`,
        chatId,
        afterSeq,
        limit + 1,
      )
      .toArray();
    return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  // ------------------------------------------------------------------ D1 sync bookkeeping

  /** The oldest messages D1 does not have yet, at most `limit`. */
  unflushedMessages(limit: number): MessageRow[] {
    return this.sql.exec<MessageRow>(UNFLUSHED_MESSAGES_SQL, limit).toArray();
  }

  /** Chats whose latest state D1 does not have yet, at most `limit`. */
  unsyncedChats(limit: number): ChatRow[] {
    return this.sql.exec<ChatRow>(UNSYNCED_CHATS_SQL, limit).toArray();
  }

  /** The account of each of these chats that is here (ids repeat freely). */
  chatAccounts(chatIds: readonly string[]): Map<string, string> {
    const accounts = new Map<string, string>();
    for (const id of chatIds) {
      if (accounts.has(id)) continue;
      // From memory for the chats the room is serving (chat-cache.ts); one read for any other.
      const chat = this.chat(id);
      if (chat) accounts.set(id, chat.account_id);
    }
    return accounts;
  }

  markFlushed(messageIds: string[], chats: { id: string; version: number }[]) {
    for (const ids of chunks(messageIds, IDS_PER_STATEMENT)) {
      this.sql.exec(`UPDATE messages SET flushed = 1 WHERE id IN (${placeholders(ids.length)})`, ...ids);
    }
    // Only the version that was written: a change made while D1 was being written stays pending.
    for (const chat of chats) {
      this.sql.exec("UPDATE chats SET synced_version = MAX(synced_version, ?) WHERE id = ?", chat.version, chat.id);
      this.chats.drop(chat.id);
    }
  }

  hasPendingSync(): boolean {
    // EXISTS stops at the first row (a COUNT read the whole backlog); both through their partial index.
    const row = this.sql
      .exec<{ pending: number }>(
        "SELECT EXISTS (SELECT 1 FROM messages WHERE flushed = 0) OR EXISTS (SELECT 1 FROM chats WHERE synced_version < version) AS pending",
      )
      .one();
    return row.pending === 1;
  }

  /** Forgets closed chats that D1 holds completely and that closed before `before`. */
  pruneClosed(before: number): number {
    const ids = this.sql
      .exec<{ id: string }>(
        `SELECT id FROM chats WHERE status = 'closed' AND closed_at < ? AND synced_version = version
         AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.chat_id = chats.id AND m.flushed = 0)`,
        before,
      )
      .toArray()
      .map((r) => r.id);
    for (const id of ids) {
      this.sql.exec("DELETE FROM messages WHERE chat_id = ?", id);
      this.sql.exec("DELETE FROM chats WHERE id = ?", id);
      this.chats.drop(id);
    }
    return ids.length;
  }

  hasClosedChats(): boolean {
    return this.sql.exec("SELECT 1 FROM chats WHERE status = 'closed' LIMIT 1").toArray().length > 0;
  }

  // ------------------------------------------------------------------ presence

  /**
   * Records an attendant's status unless the room already holds a newer one (a higher D1
   * version), and answers the status it holds now.
   */
  setPresence(attendant: { id: string; name: string }, change: StatusChange, at: number): "online" | "offline" {
    const newer = "excluded.status_version >= presence.status_version";
    return this.sql
      .exec<{ status: "online" | "offline" }>(
        `INSERT INTO presence (attendant_id, name, status, updated_at, status_version) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (attendant_id) DO UPDATE SET name = excluded.name,
           status = CASE WHEN ${newer} THEN excluded.status ELSE presence.status END,
           updated_at = CASE WHEN ${newer} THEN excluded.updated_at ELSE presence.updated_at END,
           status_version = MAX(presence.status_version, excluded.status_version)
         RETURNING status`,
        attendant.id,
        attendant.name,
        change.status,
        at,
        change.version,
      )
      .one().status;
  }

  /** Forgets an attendant's presence here (they may no longer be in the department). */
  removePresence(attendantId: string) {
    this.sql.exec("DELETE FROM presence WHERE attendant_id = ?", attendantId);
  }

  presence(): WireAttendant[] {
    return this.sql
      .exec<{ attendant_id: string; name: string; status: "online" | "offline" }>(
        "SELECT attendant_id, name, status FROM presence ORDER BY name",
      )
      .toArray()
      .map((r) => ({ id: r.attendant_id, name: r.name, status: r.status }));
  }
}

/**
 * The write-behind's reads (d1-sync.ts), a few times per sync. In stored order, which the
 * `messages_unflushed` index already has (its entries are ordered by rowid): ordered by chat and
 * seq, each call read and sorted every pending message to return one round's worth, so a backlog
 * of n cost about n² / (round size) rows. Chats through the partial index `chats_unsynced` (schema version 9), not a scan of
 * every chat the room holds.
 */
export const UNFLUSHED_MESSAGES_SQL = "SELECT * FROM messages WHERE flushed = 0 ORDER BY rowid LIMIT ?";
export const UNSYNCED_CHATS_SQL = "SELECT * FROM chats WHERE synced_version < version LIMIT ?";

/** A message's seq and the delivered mark of the side it reached, in one statement (constant texts). */
const DELIVERED_WITH_SEQ = {
  customer: "UPDATE chats SET last_seq = ?, customer_delivered_seq = ? WHERE id = ?",
  attendant: "UPDATE chats SET last_seq = ?, attendant_delivered_seq = ? WHERE id = ?",
} as const;

/** Ids bound in one `IN (...)` list: SQLite in a Durable Object binds at most 100 parameters. */
const IDS_PER_STATEMENT = 50;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}
