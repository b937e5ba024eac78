/**
 * An attendant's most simultaneous chats changed (their own `attendants.max_chats` or the
 * account's `policies.maxChatsPerAttendant`): the limit lives in each console socket's identity
 * (read by the accept check and by routing), so the room rewrites those attachments and the
 * new limit applies at once, without a reconnect.
 */
import { attendantSockets, setIdentity } from "./fanout";

/** One attendant's effective limit; null: no limit. */
export interface AttendantLimit {
  attendantId: string;
  maxChats: number | null;
}

/** Rewrites the identity of every socket of these attendants here; returns how many changed. */
export function applyLimits(state: DurableObjectState, limits: readonly AttendantLimit[]): number {
  const byId = new Map(limits.map((l) => [l.attendantId, l.maxChats]));
  let changed = 0;
  for (const { ws, who } of attendantSockets(state)) {
    const maxChats = byId.get(who.attendantId);
    if (maxChats === undefined || (who.maxChats ?? null) === maxChats) continue;
    setIdentity(ws, { ...who, maxChats });
    changed++;
  }
  return changed;
}
