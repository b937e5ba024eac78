/**
 * Department presence: an attendant counts as online while they chose "online" and have at
 * least one socket open to the room as one of its attendants (not only as a supervisor). The department is online for customers while at least one
 * attendant is. (Shifts, a later issue, add a time condition on top.)
 */
import { attendantSockets } from "./fanout";
import { attends } from "./identity";
import type { WireAttendant } from "./protocol";
import type { RoomStorage } from "./room-storage";

export interface PresenceSnapshot {
  attendants: WireAttendant[];
  online: boolean;
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
  return { attendants, online: attendants.some((a) => a.status === "online") };
}

export function sameSnapshot(a: PresenceSnapshot, b: PresenceSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
