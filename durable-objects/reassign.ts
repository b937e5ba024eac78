/**
 * Transfer to an attendant, inside one room: the chat changes attendant in place (no handoff),
 * and the messages that go with any transfer — the internal note (attendants only) and the
 * customer's notice. The move between rooms is transfer.ts; this module also finishes an
 * import there (note, notice, the named attendant).
 *
 * Every check and write here is synchronous, so no other event (an accept, routing, a message)
 * can fill the target attendant's slot between the check and the assignment.
 */
import { toChatAttendants, toChatCustomer, toEveryoneOfChat } from "./fanout";
import { assignChat, isFull } from "./frame-handlers";
import { presenceSnapshot } from "./presence";
import type { ServerFrame, WireChat } from "./protocol";
import type { RoomStorage } from "./room-storage";
import type { TransferExtras, TransferNote } from "./transfer";
import { toWireChat, toWireMessage } from "./wire";

/** What this module may do in the room. */
export interface ReassignRoom {
  state: DurableObjectState;
  storage: RoomStorage;
  afterWrite(): void;
  /** A chat was given to an attendant (its inactivity timer starts). */
  accepted(chatId: string): void;
}

/** Why a transfer to an attendant is refused (the API answers 404 / 409 with the code). */
export type TransferRefusal = "not_found" | "chat_closed" | "same_attendant" | "attendant_offline" | "capacity_full";

export interface AttendantTarget {
  id: string;
  name: string;
  /** Their effective limit (own, else the account's default); null: none. */
  maxChats: number | null;
}

export interface ReassignInput {
  chatId: string;
  to: AttendantTarget;
  /** The customer's system message, in the account's language. */
  notice: string;
  note?: TransferNote;
}

export type ReassignResult = { ok: true; chat: WireChat; fromAttendantId: string | null } | { ok: false; code: TransferRefusal };

/** Null when the attendant is online here (attending, with a socket) with room for one more chat. */
export function availability(room: ReassignRoom, to: AttendantTarget): "attendant_offline" | "capacity_full" | null {
  const online = presenceSnapshot(room.state, room.storage).attendants.some((a) => a.id === to.id && a.status === "online");
  if (!online) return "attendant_offline";
  return isFull(room.storage, to.id, to.maxChats) ? "capacity_full" : null;
}

/**
 * Gives an open chat to another attendant of this room. Everyone of the chat hears
 * `chat.accepted` with the new attendant (the old one's console lets it go, the new one's takes
 * it), then the note reaches the attendants and the notice everyone.
 */
export function reassignChat(room: ReassignRoom, input: ReassignInput): ReassignResult {
  const chat = room.storage.chat(input.chatId);
  if (!chat) return { ok: false, code: "not_found" };
  if (chat.status === "closed") return { ok: false, code: "chat_closed" };
  if (chat.attendant_id === input.to.id) return { ok: false, code: "same_attendant" };
  const refused = availability(room, input.to);
  if (refused) return { ok: false, code: refused };
  const wasWaiting = chat.status === "waiting";
  // A waiting chat goes through the one accept path; an active one changes hands in place.
  if (wasWaiting) assignChat(room, input.to, chat.id);
  else {
    room.storage.reassign(chat.id, input.to, Date.now());
    room.afterWrite();
    toEveryoneOfChat(room.state, chat.id, { type: "chat.accepted", chat: toWireChat(room.storage.chat(chat.id)!) });
  }
  postTransferMessages(room, chat.id, input);
  return { ok: true, chat: toWireChat(room.storage.chat(chat.id)!), fromAttendantId: chat.attendant_id };
}

/** Stores and sends the note (attendant sockets only) and the customer's notice. */
export function postTransferMessages(room: ReassignRoom, chatId: string, extras: Pick<TransferExtras, "note" | "notice">): void {
  const now = Date.now();
  if (extras.note) {
    const { message } = room.storage.appendMessage(chatId, { type: "attendant", ...extras.note.author }, extras.note.body, null, now, true);
    // Never toChatCustomer: this is the one place an internal message is sent.
    toChatAttendants(room.state, room.storage.chat(chatId)!, { type: "message.created", message: toWireMessage(message) } satisfies ServerFrame);
  }
  if (extras.notice) {
    const { message } = room.storage.appendMessage(chatId, { type: "system", id: null, name: "" }, extras.notice, null, now);
    const frame = { type: "message.created", message: toWireMessage(message) } satisfies ServerFrame;
    toChatCustomer(room.state, chatId, frame);
    toChatAttendants(room.state, room.storage.chat(chatId)!, frame);
  }
  room.afterWrite();
}

/**
 * After an import (transfer.ts): the note and the notice, then the named attendant takes the
 * chat when they are online here with room for it. Otherwise it waits in the queue.
 */
export function finishImport(room: ReassignRoom, chatId: string, extras: TransferExtras): boolean {
  postTransferMessages(room, chatId, extras);
  if (!extras.attendant || availability(room, extras.attendant)) return false;
  return assignChat(room, extras.attendant, chatId);
}
