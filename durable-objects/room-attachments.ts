/**
 * A file sent in a chat, inside the room. The Worker has already stored the file (R2) and its
 * row (D1 `chat_attachments`) when it calls `postAttachment` (routes/attachments.ts): the room
 * then treats it like a text message — checks who may write, assigns the seq, stores it with the
 * attachment's wire JSON in `messages.attachment`, copies it to D1 (`attachment_id`) and delivers
 * it live — so a reconnecting client finds it in the history like any other message.
 */
import { markDelivered, type Room } from "./frame-handlers";
import { toChatAttendants, toChatCustomer } from "./fanout";
import type { ServerFrame, WireAttachment, WireMessage } from "./protocol";
import { toWireMessage } from "./wire";

/** Who posts the file: the chat's customer or its attendant (the Worker checked the session or token). */
export type AttachmentAuthor = { role: "customer"; customerId: string } | { role: "attendant"; attendantId: string; name: string };

export interface AttachmentPost {
  chatId: string;
  author: AttachmentAuthor;
  /** The client's id for the upload: a retried upload is recognised and not stored twice. */
  clientId: string;
  attachment: WireAttachment;
}

export type AttachmentPostResult =
  | { ok: true; message: WireMessage; duplicate: boolean }
  | { ok: false; code: "not_found" | "forbidden" | "chat_closed" };

/** Stores and delivers a message carrying an already stored file (see the module comment). */
export function postAttachment(room: Room, input: AttachmentPost): AttachmentPostResult {
  const chat = room.storage.chat(input.chatId);
  const { author } = input;
  if (!chat || (author.role === "customer" && chat.customer_id !== author.customerId)) return { ok: false, code: "not_found" };
  if (chat.status === "closed") return { ok: false, code: "chat_closed" };
  // Attendants write only in chats they accepted, like text messages (frame-handlers.ts).
  if (author.role === "attendant" && chat.attendant_id !== author.attendantId) return { ok: false, code: "forbidden" };
  const who =
    author.role === "customer"
      ? { type: "customer" as const, id: author.customerId, name: chat.customer_name }
      : { type: "attendant" as const, id: author.attendantId, name: author.name };
  const { message, duplicate } = room.storage.appendMessage(chat.id, who, input.attachment.name, input.clientId, Date.now());
  if (duplicate) return { ok: true, message: toWireMessage(message), duplicate: true };
  // Same synchronous step as the append: both writes are committed together.
  message.attachment = JSON.stringify(input.attachment);
  room.state.storage.sql.exec("UPDATE messages SET attachment = ? WHERE id = ?", message.attachment, message.id);
  room.afterWrite();
  const current = room.storage.chat(chat.id)!;
  if (author.role === "customer") room.customerWrote(current);
  const wire = toWireMessage(message);
  const frame = { type: "message.created", message: wire } satisfies ServerFrame;
  const toCustomers = toChatCustomer(room.state, chat.id, frame);
  const toAttendants = toChatAttendants(room.state, current, frame);
  const reachedOtherSide = author.role === "customer" ? toAttendants > 0 : toCustomers > 0;
  if (reachedOtherSide) markDelivered(room, current, author.role === "customer" ? "attendant" : "customer", message.seq);
  return { ok: true, message: wire, duplicate: false };
}
