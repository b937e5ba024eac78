/**
 * Department presence: an attendant counts as online while they chose "online" and have at
 * least one socket open to the room as one of its attendants (not only as a supervisor). The department is online for customers while at least one
 * attendant is, and only inside its hours (room-hours.ts): outside them it is offline whoever
 * is connected, and the snapshot says when it opens.
 */
import { attendantSockets } from "./fanout";
import { attends } from "./identity";
import type { WireAttendant } from "./protocol";
import { hoursAt, readHours } from "./room-hours";
import type { RoomStorage } from "./room-storage";

export interface PresenceSnapshot {
  attendants: WireAttendant[];
  online: boolean;
  /** Only while closed by its hours: when the department opens (epoch ms; null: not within a year). */
  opensAt?: number | null;
}

/**
 * @param change.excluding a socket to leave out (one being opened or closed)
 * @param change.including an attendant to count as connected (the owner of a socket that the
 *   runtime already dropped from `getWebSockets()` inside `webSocketClose`)
 */
export function presenceSnapshot(
  ctx: DurableObjectState,
  storage: RoomStorage,
  change: { excluding?: WebSocket; including?: string } = {},
): PresenceSnapshot {
  const connected = new Set<string>();
  // Supervisors watching without attending the department do not make it online.
  for (const { ws, who } of attendantSockets(ctx)) if (ws !== change.excluding && attends(who)) connected.add(who.attendantId);
  if (change.including) connected.add(change.including);
  const attendants = storage
    .presence()
    .filter((a) => connected.has(a.id))
    .map((a) => ({ ...a }));
  const hours = hoursAt(readHours(ctx.storage.sql), Date.now());
  const anyone = attendants.some((a) => a.status === "online");
  return hours.open ? { attendants, online: anyone } : { attendants, online: false, opensAt: hours.opensAt };
}

export function sameSnapshot(a: PresenceSnapshot, b: PresenceSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
