/**
 * The department's presence as a customer's `session.ready` tells it (online, busy, opensAt),
 * remembered between announcements. During a reconnect storm thousands of customer sockets open
 * within seconds, and each snapshot reads every attendant socket and every attendant's load
 * (capacity.ts): a fifth of the room's CPU for the wave. A customer sees only whether the
 * department takes chats, and every change of that is announced to every socket already open
 * (`presence.changed`), so the room keeps the last snapshot until the next announcement
 * (`forgetReadyPresence`), and at most `READY_PRESENCE_MS` as a bound.
 */
import { presenceSnapshot, type PresenceSnapshot } from "./presence";
import type { RoomStorage } from "./room-storage";

/** The longest a remembered snapshot is used, even without an announcement. */
export const READY_PRESENCE_MS = 1000;

const remembered = new WeakMap<DurableObjectState, { at: number; snapshot: PresenceSnapshot }>();

/** The presence for a customer socket's `session.ready` (the attendants' list left empty: customers never see it). */
export function readyPresence(ctx: DurableObjectState, storage: RoomStorage, now = Date.now()): PresenceSnapshot {
  const known = remembered.get(ctx);
  if (known && now - known.at < READY_PRESENCE_MS && now >= known.at) return known.snapshot;
  const { attendants: _, ...visible } = presenceSnapshot(ctx, storage);
  const snapshot = { attendants: [], ...visible };
  remembered.set(ctx, { at: now, snapshot });
  return snapshot;
}

/** Presence was announced (it may have changed): the next customer socket reads it afresh. */
export function forgetReadyPresence(ctx: DurableObjectState): void {
  remembered.delete(ctx);
}
