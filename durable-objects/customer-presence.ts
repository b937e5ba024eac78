/**
 * The customer's presence in an open chat, and abandoned chats (issue 12, defect 6).
 *
 * When the customer's last socket of a chat closes (the tab closed, the page left), the room
 * records `customer_left_at` and tells the attendants (`chat.presence`), so the queue and the
 * chat show "left N min ago". For a waiting chat it also sets an `abandon`/<chat id> timer at
 * `policies.abandonAfterMinutes` (default 10): if the customer is still away when it fires, the
 * chat leaves the queue with `abandoned_at` set (copied to D1's `chats.abandoned_at` by the sync;
 * the chat stays `waiting` there and in the history, never deleted). A customer socket that
 * connects again (a reload, the widget's reconnect after `GET /api/widget/me`) clears both: an
 * abandoned chat is queued again at its original place (the queue is ordered by `created_at`).
 */
import { ABANDON_AFTER_MINUTES_DEFAULT } from "../worker/settings/schema";
import { effectivePolicies } from "../worker/settings/policies";
import { withPreview } from "./chat-preview";
import { customerSockets, toAllAttendants } from "./fanout";
import type { ServerFrame, WireChat } from "./protocol";
import type { ChatRow, RoomStorage } from "./room-storage";
import type { Timer, Timers } from "./timers";
import { toWireChat } from "./wire";

/** The timer kind; its key is the chat id. */
export const ABANDON = "abandon";
/** The timer kind that looks for customers who did not come back after a restart; its key is "". */
export const RETURN_CHECK = "return-check";
/** How long customers have to reconnect after a restart before they count as gone. */
export const RETURN_WINDOW_MS = 60_000;
/** The timer kind that looks whether a new chat's customer ever connected; its key is the chat id. */
export const ARRIVAL = "arrival";

/** What presence needs from the room. */
export interface PresenceRoom {
  state: DurableObjectState;
  storage: RoomStorage;
  timers: Timers;
  db: D1Database;
  /** A chat row changed: D1 gets a copy soon. */
  afterWrite(): void;
  /** The queue changed: positions, routing and the department's presence follow. */
  queueMoved(): Promise<void>;
}

/** The presence fields of a chat for attendant frames. */
export function presenceOf(row: ChatRow): Pick<WireChat, "customerLeftAt"> {
  return { customerLeftAt: row.customer_left_at };
}

function tell(room: PresenceRoom, row: ChatRow): void {
  toAllAttendants(room.state, { type: "chat.presence", chatId: row.id, customerLeftAt: row.customer_left_at, abandonedAt: row.abandoned_at } satisfies ServerFrame);
}

/** Whether a customer socket of the chat is open, not counting `closing` (which the runtime may still list). */
function customerHere(room: PresenceRoom, chatId: string, closing?: WebSocket): boolean {
  return customerSockets(room.state, chatId).some((ws) => ws !== closing);
}

/**
 * A customer socket of `chatId` closed. When it was their last one, records when they left, tells
 * the attendants and, for a waiting chat, arms the abandon timer at the account's delay.
 */
export async function customerLeft(room: PresenceRoom, chatId: string, closing: WebSocket, now = Date.now()): Promise<void> {
  const chat = room.storage.chat(chatId);
  if (!chat || chat.status === "closed" || chat.customer_left_at !== null || customerHere(room, chatId, closing)) return;
  markLeft(room, chatId, now);
  if (chat.status !== "waiting" || chat.abandoned_at !== null) return;
  const minutes = await abandonMinutes(room);
  // Read again after the await: the customer may be back already.
  if (room.storage.chat(chatId)?.customer_left_at === now) room.timers.set(ABANDON, chatId, now + minutes * 60_000);
}

function markLeft(room: PresenceRoom, chatId: string, at: number): void {
  room.state.storage.sql.exec("UPDATE chats SET customer_left_at = ?, presence_told = 1 WHERE id = ? AND customer_left_at IS NULL", at, chatId);
  room.storage.chats.drop(chatId);
  tell(room, room.storage.chat(chatId)!);
}

/** Open chats whose customer counts as on the page. */
function presentChats(room: PresenceRoom): { id: string; status: string; abandoned_at: number | null }[] {
  return room.state.storage.sql
    .exec<{ id: string; status: string; abandoned_at: number | null }>("SELECT id, status, abandoned_at FROM chats WHERE status != 'closed' AND customer_left_at IS NULL")
    .toArray();
}

/**
 * The room starts (a deploy, a restart, an eviction) with no socket of a kind while someone of
 * that kind still counts as here: open chats whose customer is on the page, or attendants
 * online in this room. The sockets were dropped without their close handlers running. Those
 * still there reconnect within seconds; the others are dealt with RETURN_WINDOW_MS later
 * (returnCheck here, grace.ts graceAfterRestart). A wake from hibernation keeps its sockets and
 * arms nothing.
 */
export function armReturnCheck(room: PresenceRoom, toldOnline: boolean, now = Date.now()): void {
  const { sql } = room.state.storage;
  // Someone counts as here (the query finds a row) and no socket of that kind is open.
  const gone = (tag: "customer" | "attendant", here: string) => sql.exec(here).toArray().length > 0 && room.state.getWebSockets(tag).length === 0;
  const customersGone = () => gone("customer", "SELECT 1 FROM chats WHERE status != 'closed' AND customer_left_at IS NULL LIMIT 1");
  // Or the room last told (and published) online: that summary in D1 outlives a restart.
  const attendantsGone = () =>
    toldOnline ? room.state.getWebSockets("attendant").length === 0 : gone("attendant", "SELECT 1 FROM presence WHERE status = 'online' LIMIT 1");
  if (customersGone() || attendantsGone()) room.timers.ensure(RETURN_CHECK, "", now + RETURN_WINDOW_MS, { since: now });
}

/** When the room started without the sockets the return check waited for. */
export function returnSince(timer: Timer): number {
  const payload = timer.payload as { since?: unknown } | null;
  return typeof payload?.since === "number" ? payload.since : timer.dueAt - RETURN_WINDOW_MS;
}

/**
 * RETURN_CHECK, the customers' part: every open chat whose customer did not reconnect since the
 * room started is marked as left at that start, and a waiting one gets its abandon timer from
 * then, as if their socket had closed then.
 */
export async function returnCheck(room: PresenceRoom, timer: Timer): Promise<void> {
  const since = returnSince(timer);
  await goneSince(room, presentChats(room).filter((chat) => !customerHere(room, chat.id)), since);
}

/**
 * A chat was admitted: its customer's widget connects a moment later. If it never does (the tab
 * closed right after the form was sent), nothing would ever mark them as gone: the console would
 * say "on the site" for good and a waiting chat would never be abandoned. RETURN_WINDOW_MS later,
 * arrivalCheck marks them as left since the chat began.
 */
export function awaitArrival(room: PresenceRoom, chatId: string, createdAt: number): void {
  room.timers.set(ARRIVAL, chatId, createdAt + RETURN_WINDOW_MS);
}

/** ARRIVAL: a chat still open whose customer never had a socket counts as left since its creation. */
export async function arrivalCheck(room: PresenceRoom, timer: Timer): Promise<void> {
  const chat = room.storage.chat(timer.key);
  // presence_told is set by their first socket (customerReturned) and by every mark of leaving.
  if (!chat || chat.status === "closed" || chat.presence_told === 1 || chat.customer_left_at !== null || customerHere(room, chat.id)) return;
  await goneSince(room, [chat], chat.created_at);
}

/** Marks the chats' customers as left at `since` and gives the waiting ones their abandon timer from then. */
async function goneSince(room: PresenceRoom, gone: { id: string; status: string; abandoned_at: number | null }[], since: number): Promise<void> {
  if (gone.length === 0) return;
  const waiting = gone.filter((chat) => chat.status === "waiting" && chat.abandoned_at === null);
  for (const chat of gone) markLeft(room, chat.id, since);
  if (waiting.length === 0) return;
  const minutes = await abandonMinutes(room);
  // Read again after the await: a customer may be back already.
  for (const chat of waiting) {
    if (room.storage.chat(chat.id)?.customer_left_at === since) room.timers.set(ABANDON, chat.id, since + minutes * 60_000);
  }
}

async function abandonMinutes(room: PresenceRoom): Promise<number> {
  const meta = room.storage.meta();
  if (!meta) return ABANDON_AFTER_MINUTES_DEFAULT;
  try {
    return (await effectivePolicies(room.db, meta.accountId, meta.departmentId)).abandonAfterMinutes ?? ABANDON_AFTER_MINUTES_DEFAULT;
  } catch (error) {
    console.error("reading the abandon delay failed; using the default", error);
    return ABANDON_AFTER_MINUTES_DEFAULT;
  }
}

/**
 * The customer of `chatId` connected. Clears their absence and tells the attendants they are on
 * the page (also for a chat's first socket: its `chat.queued` said nothing of presence); an
 * abandoned chat is back in the queue (D1 copy, `chat.queued` to the attendants, positions and
 * routing). A socket that changes nothing tells no one: a second tab, a reconnect after a
 * network blip, or the customers coming back after a restart, whose consoles read the presence
 * in their `session.ready` (after a deploy that was 20 frames per customer for 5,000 customers).
 */
export async function customerReturned(room: PresenceRoom, chatId: string): Promise<void> {
  room.timers.cancel(ABANDON, chatId);
  const chat = room.storage.chat(chatId);
  if (!chat || chat.status === "closed") return;
  const here = chat.customer_left_at === null && chat.abandoned_at === null;
  if (here && chat.presence_told === 1) return;
  if (here) {
    // Their first socket: the arrival check has nothing left to look for.
    room.timers.cancel(ARRIVAL, chatId);
    room.state.storage.sql.exec("UPDATE chats SET presence_told = 1 WHERE id = ?", chatId);
    room.storage.chats.drop(chatId);
    return tell(room, room.storage.chat(chatId)!);
  }
  const wasAbandoned = chat.abandoned_at !== null;
  room.state.storage.sql.exec(
    `UPDATE chats SET customer_left_at = NULL, abandoned_at = NULL, presence_told = 1, version = version + ? WHERE id = ?`,
    wasAbandoned ? 1 : 0,
    chatId,
  );
  room.storage.chats.drop(chatId);
  const row = room.storage.chat(chatId)!;
  if (!wasAbandoned || row.status !== "waiting") return tell(room, row);
  room.afterWrite();
  toAllAttendants(room.state, { type: "chat.queued", chat: withPreview(room.state.storage.sql, { ...toWireChat(row), ...presenceOf(row) }) });
  await room.queueMoved();
}

/**
 * The abandon timer: a chat still waiting whose customer is still away leaves the queue. Does
 * nothing when the customer came back, the chat was accepted or closed, or it is abandoned already.
 */
export async function abandonTimer(room: PresenceRoom, timer: Timer, now = Date.now()): Promise<void> {
  const chat = room.storage.chat(timer.key);
  if (!chat || chat.status !== "waiting" || chat.abandoned_at !== null || chat.customer_left_at === null || customerHere(room, chat.id)) return;
  room.state.storage.sql.exec("UPDATE chats SET abandoned_at = ?, presence_told = 1, version = version + 1 WHERE id = ? AND status = 'waiting'", now, chat.id);
  room.storage.chats.drop(chat.id);
  room.afterWrite();
  tell(room, room.storage.chat(chat.id)!);
  await room.queueMoved();
}
