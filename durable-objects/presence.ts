/**
 * Department presence: an attendant counts as online while they chose "online" and have at
 * least one socket open to the room as one of its attendants (not only as a supervisor). The department is online for customers while at least one
 * attendant is and has room for another chat (capacity.ts), and only inside its hours
 * (room-hours.ts): outside them it is offline whoever is connected, and the snapshot says
 * when it opens; inside them with every online attendant full it is offline and `busy`.
 */
import { candidates, hasRoom, type SocketChange } from "./capacity";
import { attendantSockets, toAllAttendants } from "./fanout";
import { attends } from "./identity";
import type { WireAttendant } from "./protocol";
import { hoursAt, readHours } from "./room-hours";
import type { RoomStorage } from "./room-storage";

export interface PresenceSnapshot {
  attendants: WireAttendant[];
  online: boolean;
  /** Only while every online attendant holds as many chats as their limit (inside the hours). */
  busy?: true;
  /** Only while closed by its hours: when the department opens (epoch ms; null: not within a year). */
  opensAt?: number | null;
}

/**
 * @param change.excluding a socket to leave out (one being opened or closed)
 * @param change.including the identity of a socket to count as connected (one that the
 *   runtime already dropped from `getWebSockets()` inside `webSocketClose`)
 */
export function presenceSnapshot(ctx: DurableObjectState, storage: RoomStorage, change: SocketChange = {}): PresenceSnapshot {
  const connected = new Set<string>();
  // Supervisors watching without attending the department do not make it online.
  for (const { ws, who } of attendantSockets(ctx)) if (ws !== change.excluding && attends(who)) connected.add(who.attendantId);
  if (change.including) connected.add(change.including.attendantId);
  const attendants = storage
    .presence()
    .filter((a) => connected.has(a.id))
    .map((a) => ({ ...a }));
  const hours = hoursAt(readHours(ctx.storage.sql), Date.now());
  if (!hours.open) return { attendants, online: false, opensAt: hours.opensAt };
  const able = candidates(ctx, storage, change);
  if (able.length > 0 && !able.some(hasRoom)) return { attendants, online: false, busy: true };
  return { attendants, online: able.length > 0 };
}

/** Where the room keeps the presence it last told its sockets (sync KV: survives eviction). */
const TOLD_KEY = "presence.told";

/** The presence last told to the room's sockets, if any was since the room kept it. */
export function toldPresence(ctx: DurableObjectState): PresenceSnapshot | undefined {
  return ctx.storage.kv.get<PresenceSnapshot>(TOLD_KEY);
}

export function rememberTold(ctx: DurableObjectState, snapshot: PresenceSnapshot): void {
  ctx.storage.kv.put(TOLD_KEY, snapshot);
}

export function sameSnapshot(a: PresenceSnapshot, b: PresenceSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether customers would see a difference between two snapshots: they are told only whether
 * the department takes chats (online, busy, opensAt), never who is online. An attendant joining
 * or leaving while others stay online changes nothing for them, so the room need not send a
 * frame to each of its (possibly thousands of) customer sockets.
 */
export function customersSeeChange(a: PresenceSnapshot, b: PresenceSnapshot): boolean {
  return a.online !== b.online || Boolean(a.busy) !== Boolean(b.busy) || a.opensAt !== b.opensAt;
}

/**
 * `presence.changed` lists connected attendants only, so the status of one with no socket here
 * (the server setting them offline at their grace's or shift's end, or a change made elsewhere)
 * would reach no console: the rosters on screen (the console's "Atendentes") would keep the old
 * one. This tells the room's attendant sockets of such a change.
 */
export function tellUnlistedStatus(ctx: DurableObjectState, attendantId: string, status: WireAttendant["status"], listed: PresenceSnapshot): void {
  if (listed.attendants.some((a) => a.id === attendantId)) return;
  toAllAttendants(ctx, { type: "attendant.changed", attendantId, status });
}
