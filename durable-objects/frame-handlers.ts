/**
 * What the room does with each client frame, once it is parsed and its sender identified.
 * Permission checks come first and a refused frame changes nothing.
 */
import { announceRemoteClose } from "./closer";
import { attendantMaySee, deliver, recipientsOf, send, toChatAttendants, toChatCustomer, toEveryoneOfChat } from "./fanout";
import { attends, supervises, type AttendantIdentity, type Identity } from "./identity";
import type { ClientFrame, ErrorCode, ServerFrame } from "./protocol";
import type { ChatMarks, ChatRow, RoomStorage } from "./room-storage";
import { toWireChat, toWireMessage } from "./wire";
import { liveSince } from "./live-seen";

/** Most messages a history page carries; the client asks again while `hasMore`. */
export const HISTORY_PAGE = 200;

/** What the handlers need from the room object. */
export interface Room {
  state: DurableObjectState;
  storage: RoomStorage;
  /** Called after every write that D1 must receive. */
  afterWrite(): void;
  closeChat(chat: ChatRow, by: "customer" | "attendant", attendantId: string | null): Promise<void>;
  /** A waiting chat was just given to an attendant (starts its inactivity timer). */
  accepted(chatId: string): void;
  /** The customer wrote in the chat (re-arms a dropped inactivity timer). */
  customerWrote(chat: ChatRow): void;
  /** Records in the audit log that a supervisor closed another attendant's chat. */
  auditRemoteClose(chat: ChatRow, by: AttendantIdentity): Promise<void>;
  /** The queue changed (a chat left it): tell the waiting customers their positions, and everyone a presence the accept changed (capacity). */
  queueChanged(): Promise<void>;
  /** False when the sender exceeded its message allowance. */
  allowMessage(ws: WebSocket, who: Identity): boolean;
}

class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function handleFrame(room: Room, ws: WebSocket, who: Identity, frame: ClientFrame): Promise<void> {
  if (frame.type === "ping") {
    send(ws, { type: "pong", at: Date.now() } satisfies ServerFrame);
    return;
  }
  try {
    const chat = chatFor(room, who, frame);
    switch (frame.type) {
      case "message.send":
        return sendMessage(room, ws, who, chat, frame.clientId, frame.body);
      case "typing.set":
        return setTyping(room, ws, who, chat, frame.typing);
      case "message.read":
        return markRead(room, who, chat, frame.seq);
      case "chat.sync":
        return syncChat(room, ws, who, chat, frame.afterSeq);
      // Awaited: their refusals are rejections, which this try must catch.
      case "chat.accept":
        return await acceptChat(room, who, chat);
      case "chat.close":
        return await closeChat(room, who, chat);
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const clientId = frame.type === "message.send" ? frame.clientId : undefined;
    send(ws, { type: "error", code: error.code, message: error.message, chatId: frame.chatId, clientId } satisfies ServerFrame);
  }
}

/**
 * The chat a frame names, if the sender may see it. A chat the socket does not see (another
 * customer's; for a plain attendant, a colleague's active or closed chat) is refused exactly as
 * an id that does not exist, so a frame never tells whether an id is a chat here
 * (docs/API.md "Visibility"). A customer's socket belongs to one chat.
 */
function chatFor(room: Room, who: Identity, frame: { type: string; chatId: string }): ChatRow {
  // Built only when thrown: an Error captures a stack trace, and this runs for every frame.
  const unknown = () => new Refusal("not_found", "No such chat in this department");
  if (who.role === "customer" && frame.chatId !== who.chatId) throw unknown();
  const chat = room.storage.chat(frame.chatId);
  if (!chat) throw unknown();
  // The loser of an accept race saw the chat in the queue, as every attendant of the department
  // did: tell them why rather than "not_found".
  if (frame.type === "chat.accept" && who.role === "attendant" && chat.status === "active" && chat.attendant_id !== who.attendantId) {
    throw new Refusal("chat_taken", "Another attendant took this chat");
  }
  if (who.role === "attendant" && !attendantMaySee(who, chat)) throw unknown();
  return chat;
}

function requireOpen(chat: ChatRow) {
  if (chat.status === "closed") throw new Refusal("chat_closed", "The chat is closed");
}

/** Attendants write only in chats they accepted. */
function requireAssigned(who: Identity, chat: ChatRow) {
  if (who.role === "attendant" && chat.attendant_id !== who.attendantId) {
    throw new Refusal("forbidden", "Accept the chat before writing in it");
  }
}

function sendMessage(room: Room, ws: WebSocket, who: Identity, chat: ChatRow, clientId: string, body: string) {
  requireOpen(chat);
  requireAssigned(who, chat);
  if (!room.allowMessage(ws, who)) throw new Refusal("rate_limited", "Too many messages; slow down");
  const author =
    who.role === "customer"
      ? { type: "customer" as const, id: who.customerId, name: chat.customer_name }
      : { type: "attendant" as const, id: who.attendantId, name: who.name };
  // Listed before the store, so that one write stores the message and the other side's delivered mark.
  const recipients = recipientsOf(room.state, chat);
  const reader = who.role === "customer" ? "attendant" : "customer";
  const reaches = (reader === "attendant" ? recipients.attendants : recipients.customers).length > 0;
  const { message, duplicate } = room.storage.appendMessage(chat.id, author, body, clientId, Date.now(), false, reaches ? reader : undefined);
  const frame = { type: "message.created", message: toWireMessage(message) } satisfies ServerFrame;
  if (duplicate) {
    // A resend after a lost acknowledgement: acknowledge again, store and deliver nothing new.
    send(ws, frame);
    return;
  }
  room.afterWrite();
  // The row as it is now (from memory: chat-cache.ts), with the new last_seq and mark.
  const current = room.storage.chat(chat.id)!;
  if (who.role === "customer") room.customerWrote(current);
  deliver(recipients, frame);
  if (reaches) notifyMarks(room, current, reader, current);
}

/** Records that `reader`'s side received everything up to `seq` and tells the authors. */
export function markDelivered(room: Room, chat: ChatRow, reader: "customer" | "attendant", seq: number) {
  const marks = room.storage.raiseMark(chat.id, `${reader}_delivered_seq`, seq);
  if (marks) notifyMarks(room, chat, reader, marks);
}

/**
 * Sends the delivered/read marks of what `reader` received to the other side. `chat` decides
 * who sees it (its status and attendant, current); `marks` are the values just written.
 */
function notifyMarks(room: Room, chat: ChatRow, reader: "customer" | "attendant", marks: ChatMarks) {
  const frame = {
    type: "message.status",
    chatId: chat.id,
    side: reader === "customer" ? "attendant" : "customer",
    deliveredSeq: reader === "customer" ? marks.customer_delivered_seq : marks.attendant_delivered_seq,
    readSeq: reader === "customer" ? marks.customer_read_seq : marks.attendant_read_seq,
  } satisfies ServerFrame;
  if (reader === "customer") toChatAttendants(room.state, chat, frame);
  else toChatCustomer(room.state, chat.id, frame);
}

function setTyping(room: Room, ws: WebSocket, who: Identity, chat: ChatRow, typing: boolean) {
  requireOpen(chat);
  requireAssigned(who, chat);
  const frame = {
    type: "typing.changed",
    chatId: chat.id,
    typing,
    by: who.role,
    name: who.role === "customer" ? chat.customer_name : who.name,
  } satisfies ServerFrame;
  if (who.role === "customer") toChatAttendants(room.state, chat, frame, ws);
  else toChatCustomer(room.state, chat.id, frame, ws);
}

function markRead(room: Room, who: Identity, chat: ChatRow, seq: number) {
  // Supervisors looking at someone else's chat do not mark it read for the customer.
  if (who.role === "attendant" && chat.attendant_id !== who.attendantId) return;
  const read = room.storage.raiseMark(chat.id, `${who.role}_read_seq`, seq);
  const delivered = room.storage.raiseMark(chat.id, `${who.role}_delivered_seq`, seq);
  // The later write's marks hold both changes.
  const marks = delivered ?? read;
  if (marks) notifyMarks(room, chat, who.role, marks);
}

function syncChat(room: Room, ws: WebSocket, who: Identity, chat: ChatRow, afterSeq: number) {
  // A customer never receives internal notes; the seq gaps they leave are harmless (the client syncs after its last seq).
  const page = room.storage.messagesAfter(chat.id, afterSeq, HISTORY_PAGE, who.role === "attendant");
  // What this socket already received live is not sent again (live-seen.ts): the page stops before it.
  const since = liveSince(ws, chat.id);
  const messages = page.messages.filter((m) => m.seq < since);
  const hasMore = page.hasMore && messages.length === page.messages.length;
  send(ws, {
    type: "chat.history",
    chatId: chat.id,
    messages: messages.map(toWireMessage),
    hasMore,
  } satisfies ServerFrame);
  const last = messages.at(-1);
  const mine = who.role === "customer" || chat.attendant_id === who.attendantId;
  if (last && mine) markDelivered(room, chat, who.role, last.seq);
}

async function acceptChat(room: Room, who: Identity, chat: ChatRow) {
  if (who.role !== "attendant") throw new Refusal("forbidden", "Only attendants accept chats");
  if (!attends(who)) throw new Refusal("forbidden", "Only the department's attendants take its chats");
  requireOpen(chat);
  // Checked in the same synchronous step as the accept: no other event can fill the slot between.
  if (chat.status === "waiting" && isFull(room.storage, who.attendantId, who.maxChats)) {
    throw new Refusal("capacity_full", "You already hold as many chats as your limit allows");
  }
  if (!assignChat(room, { id: who.attendantId, name: who.name }, chat.id)) {
    throw new Refusal("chat_taken", "Another attendant took this chat");
  }
  await room.queueChanged();
}

/**
 * Gives a waiting chat to an attendant and tells everyone of the chat (`chat.accepted`): the one
 * accept path, used by an attendant's `chat.accept` and by automatic routing (routing.ts). False
 * when the chat was no longer waiting. The caller tells the queue positions afterwards.
 */
export function assignChat(room: Pick<Room, "state" | "storage" | "afterWrite" | "accepted">, attendant: { id: string; name: string }, chatId: string): boolean {
  if (!room.storage.accept(chatId, attendant, Date.now())) return false;
  room.afterWrite();
  room.accepted(chatId);
  toEveryoneOfChat(room.state, chatId, { type: "chat.accepted", chat: toWireChat(room.storage.chat(chatId)!) });
  return true;
}

/** Whether an attendant already holds `limit` active chats here (null or absent: never full). */
export function isFull(storage: RoomStorage, attendantId: string, limit: number | null | undefined): boolean {
  return limit != null && storage.activeChatsOf(attendantId).length >= limit;
}

async function closeChat(room: Room, who: Identity, chat: ChatRow) {
  requireOpen(chat);
  if (who.role === "customer") return room.closeChat(chat, "customer", null);
  const own = chat.attendant_id === who.attendantId;
  if (!own && !supervises(who)) throw new Refusal("forbidden", "Only the chat's attendant, a manager or an administrator may close it");
  // The transcript (and both sides, live) says who closed it when it was not its attendant.
  if (!own) announceRemoteClose(room, chat, who);
  await room.closeChat(chat, "attendant", who.attendantId);
  if (!own) await room.auditRemoteClose(chat, who);
}
