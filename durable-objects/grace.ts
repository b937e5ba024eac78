/**
 * The grace period of an attendant whose consoles went away: when the last socket of an
 * online attendant closes in this room, a `grace` timer keyed by their id waits
 * `policies.offlineGraceSeconds` (60 when the account never set it); a socket of theirs that
 * opens here meanwhile cancels it. When it fires and they still have no socket here, they are
 * set offline in D1 and in every room of theirs (attendant-offline.ts), and any console of
 * theirs still open elsewhere hears `attendant.status` with reason `grace_expired`. Their chats
 * are not closed. A reload or a network blip shorter than the grace period changes nothing.
 */
import { loadAccountSettings } from "../worker/settings/store";
import { setOfflineEverywhere, type AttendantTimersRoom } from "./attendant-offline";
import { attendantSockets } from "./fanout";
import type { RoomStorage } from "./room-storage";

export const GRACE = "grace";

/** The grace period when the account's policies do not say. */
export const DEFAULT_GRACE_SECONDS = 60;

/** The account's grace period in ms; the default when its settings cannot be read (a close must not fail). */
async function graceMs(room: AttendantTimersRoom, accountId: string): Promise<number> {
  try {
    const settings = await loadAccountSettings(room.env.DB, accountId);
    return (settings.policies.offlineGraceSeconds ?? DEFAULT_GRACE_SECONDS) * 1000;
  } catch (error) {
    console.error("reading the grace period failed; using the default", error);
    return DEFAULT_GRACE_SECONDS * 1000;
  }
}

function hasSocketHere(state: DurableObjectState, attendantId: string, except?: WebSocket): boolean {
  return attendantSockets(state).some(({ ws, who }) => ws !== except && who.attendantId === attendantId);
}

/**
 * After one of the attendant's sockets closed: arms the grace timer when it was their last one
 * here and they are online here (an offline attendant has nothing to lose).
 */
export async function startGrace(room: AttendantTimersRoom, storage: RoomStorage, attendantId: string, closed: WebSocket): Promise<void> {
  const meta = room.meta;
  if (!meta || hasSocketHere(room.state, attendantId, closed)) return;
  if (storage.presence().find((a) => a.id === attendantId)?.status !== "online") return;
  const delay = await graceMs(room, meta.accountId);
  // A socket of theirs may have opened while D1 answered: it already cancelled nothing, so check again.
  if (hasSocketHere(room.state, attendantId)) return;
  room.timers.set(GRACE, attendantId, Date.now() + delay);
}

/**
 * After a restart (customer-presence.ts RETURN_CHECK): an attendant online here whose consoles
 * did not come back gets the grace timer counted from the restart, as if their last socket had
 * closed then (a timer already set earlier stays).
 */
export async function graceAfterRestart(room: AttendantTimersRoom, storage: RoomStorage, since: number): Promise<void> {
  const meta = room.meta;
  const away = () => storage.presence().filter((a) => a.status === "online" && !hasSocketHere(room.state, a.id));
  if (!meta || away().length === 0) return;
  const delay = await graceMs(room, meta.accountId);
  // Read again after the await: some may be back.
  for (const attendant of away()) room.timers.ensureBy(GRACE, attendant.id, since + delay);
}

/** A socket of the attendant opened here: they are back in time. */
export function endGrace(room: Pick<AttendantTimersRoom, "timers">, attendantId: string): void {
  room.timers.cancel(GRACE, attendantId);
}

/** The timer's handler: offline everywhere unless they came back here (or D1 already says offline). */
export async function graceExpired(room: AttendantTimersRoom, attendantId: string): Promise<void> {
  if (hasSocketHere(room.state, attendantId)) return;
  await setOfflineEverywhere(room, attendantId, "grace_expired", { onlyIfOnline: true });
}
