/**
 * Fan-out rules: which sockets receive which frames. These are the room's most important
 * invariants and each has a test (test/workers/fanout.test.ts):
 * - a customer socket only ever receives frames about its own chat;
 * - an attendant socket receives a chat's messages while the chat waits in the queue, when the
 *   chat is theirs, or when they supervise the department (manager, administrator);
 * - lifecycle frames (queued, accepted, closed) reach every attendant, so queues stay in step;
 * - typing events go to the other side only, never back to the sender's side.
 */
import { Identity, supervises, type AttendantIdentity } from "./identity";
import type { ServerFrame } from "./protocol";
import { sentLive } from "./live-seen";
import type { ChatRow } from "./room-storage";

/**
 * Identities already read, by socket. Reading one deserializes the attachment and parses it with
 * zod, and the room does that for the sender of every frame and for every attendant socket of
 * every fan-out. Every write goes through {@link setIdentity}, so an entry is never stale; after
 * hibernation the map starts empty and each socket is read again once.
 */
const identities = new WeakMap<WebSocket, Identity>();

/** The identity stored on a socket, or null for a socket the room did not set up. */
export function identityOf(ws: WebSocket): Identity | null {
  const known = identities.get(ws);
  if (known) return known;
  const parsed = Identity.safeParse(ws.deserializeAttachment());
  if (!parsed.success) return null;
  identities.set(ws, parsed.data);
  return parsed.data;
}

/** Stores `who` as the socket's identity (its attachment, which survives hibernation). */
export function setIdentity(ws: WebSocket, who: Identity): void {
  ws.serializeAttachment(who);
  identities.set(ws, who);
}

/**
 * Each frame's JSON, written once: a message goes to its customer and to its attendants in two
 * calls, and a lifecycle frame to many sockets. Frames are never changed after they are built.
 */
const texts = new WeakMap<ServerFrame, string>();

function textOf(frame: ServerFrame): string {
  let text = texts.get(frame);
  if (text === undefined) texts.set(frame, (text = JSON.stringify(frame)));
  return text;
}

function sendText(ws: WebSocket, text: string): boolean {
  try {
    ws.send(text);
    return true;
  } catch {
    // The socket closed between the lookup and the send; its close handler cleans up.
    return false;
  }
}

export function send(ws: WebSocket, frame: ServerFrame): boolean {
  return sendText(ws, textOf(frame));
}

export function attendantMaySee(who: AttendantIdentity, chat: ChatRow): boolean {
  return chat.status === "waiting" || chat.attendant_id === who.attendantId || supervises(who);
}

export function customerSockets(ctx: DurableObjectState, chatId: string): WebSocket[] {
  return ctx.getWebSockets(`chat:${chatId}`);
}

/** Attendant sockets with their identities. */
export function attendantSockets(ctx: DurableObjectState): { ws: WebSocket; who: AttendantIdentity }[] {
  const out: { ws: WebSocket; who: AttendantIdentity }[] = [];
  for (const ws of ctx.getWebSockets("attendant")) {
    const who = identityOf(ws);
    if (who?.role === "attendant") out.push({ ws, who });
  }
  return out;
}

/**
 * Sends a frame about `chat` to the attendant sockets allowed to see its content; returns how
 * many received it. `except` skips the sender's socket.
 */
export function toChatAttendants(ctx: DurableObjectState, chat: ChatRow, frame: ServerFrame, except?: WebSocket): number {
  const text = textOf(frame);
  let reached = 0;
  for (const { ws, who } of attendantSockets(ctx)) {
    if (ws !== except && attendantMaySee(who, chat) && sendText(ws, text)) {
      reached++;
      if (frame.type === "message.created") sentLive(ws, frame.message, false);
    }
  }
  return reached;
}

/** Sends a frame to the customer sockets of one chat (every tab of that customer). */
export function toChatCustomer(ctx: DurableObjectState, chatId: string, frame: ServerFrame, except?: WebSocket): number {
  const text = textOf(frame);
  let reached = 0;
  for (const ws of customerSockets(ctx, chatId)) {
    if (ws !== except && sendText(ws, text)) {
      reached++;
      if (frame.type === "message.created") sentLive(ws, frame.message, true);
    }
  }
  return reached;
}

/** The sockets a new message of a chat goes to: its customer's tabs and the attendants allowed to see it. */
export interface Recipients {
  customers: WebSocket[];
  attendants: WebSocket[];
}

/**
 * Who a message of `chat` reaches, listed before it is stored, so that the store also records
 * whether the other side received it (one write per message). The same rules as
 * {@link toChatCustomer} and {@link toChatAttendants}.
 */
export function recipientsOf(ctx: DurableObjectState, chat: ChatRow): Recipients {
  const attendants: WebSocket[] = [];
  for (const { ws, who } of attendantSockets(ctx)) if (attendantMaySee(who, chat)) attendants.push(ws);
  return { customers: customerSockets(ctx, chat.id), attendants };
}

/** Sends a `message.created` to the sockets {@link recipientsOf} listed. */
export function deliver(recipients: Recipients, frame: Extract<ServerFrame, { type: "message.created" }>): void {
  const text = textOf(frame);
  for (const ws of recipients.customers) if (sendText(ws, text)) sentLive(ws, frame.message, true);
  for (const ws of recipients.attendants) if (sendText(ws, text)) sentLive(ws, frame.message, false);
}

/** Lifecycle frames: every attendant of the department and the chat's customer. */
export function toEveryoneOfChat(ctx: DurableObjectState, chatId: string, frame: ServerFrame) {
  const text = textOf(frame);
  for (const ws of [...ctx.getWebSockets("attendant"), ...customerSockets(ctx, chatId)]) sendText(ws, text);
}

/** Every socket of the room, customers included (presence / online state). */
export function toEveryone(ctx: DurableObjectState, frame: (role: "customer" | "attendant") => ServerFrame) {
  const forAttendants = JSON.stringify(frame("attendant"));
  const forCustomers = JSON.stringify(frame("customer"));
  for (const ws of ctx.getWebSockets("attendant")) sendText(ws, forAttendants);
  for (const ws of ctx.getWebSockets("customer")) sendText(ws, forCustomers);
}

export function toAllAttendants(ctx: DurableObjectState, frame: ServerFrame) {
  const text = textOf(frame);
  for (const ws of ctx.getWebSockets("attendant")) sendText(ws, text);
}
