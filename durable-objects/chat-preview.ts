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
