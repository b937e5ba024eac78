/**
 * The one-line preview of a waiting chat for the console's queue: the start of the customer's
 * first message. Sent to attendant sockets only (the customer knows what they wrote), on
 * `chat.queued` at admission and in `session.ready`, so a queue row says what the chat is about.
 */
import type { WireChat } from "./protocol";

/** Characters kept: one line of a queue row, with room to spare at any width. */
export const PREVIEW_LENGTH = 140;

/** The first message, on one line and cut to the preview's length. */
export function previewOf(body: string): string {
  return body.replace(/\s+/g, " ").trim().slice(0, PREVIEW_LENGTH);
}

/** The wire chat with its preview, read from the room's storage (one indexed row). */
export function withPreview(sql: SqlStorage, chat: WireChat): WireChat {
  if (chat.status !== "waiting") return chat;
  const first = sql
    .exec<{ body: string }>("SELECT body FROM messages WHERE chat_id = ? AND author_type = 'customer' AND internal = 0 ORDER BY seq LIMIT 1", chat.id)
    .toArray()[0];
  return first ? { ...chat, preview: previewOf(first.body) } : chat;
}

/**
 * `withPreview` for many chats in one query (an attendant's `session.ready` lists the whole
 * queue: thousands of waiting chats would otherwise be as many queries per console).
 */
export function withPreviews(sql: SqlStorage, chats: WireChat[]): WireChat[] {
  if (!chats.some((c) => c.status === "waiting")) return chats;
  const firsts = new Map<string, string>();
  // SQLite returns the bare `body` of the row that has MIN(seq): each waiting chat's first customer message.
  const rows = sql.exec<{ chat_id: string; body: string }>(
    `SELECT m.chat_id AS chat_id, m.body AS body, MIN(m.seq) AS seq FROM messages m JOIN chats c ON c.id = m.chat_id AND c.status = 'waiting'
     WHERE m.author_type = 'customer' AND m.internal = 0 GROUP BY m.chat_id`,
  );
  for (const row of rows) firsts.set(row.chat_id, row.body);
  return chats.map((chat) => {
    const body = chat.status === "waiting" ? firsts.get(chat.id) : undefined;
    return body === undefined ? chat : { ...chat, preview: previewOf(body) };
  });
}
