/**
 * The attendants who can take this department's chats now, with their load: online here,
 * attending the department (not only supervising), each with their limit (from their
 * sockets' identities) and their active chats in this room. Read by automatic routing
 * (routing.ts: who gets the next chat) and by presence (presence.ts: a department whose
 * online attendants are all full takes no new chats).
 */
import { attendantSockets } from "./fanout";
import { attends, type AttendantIdentity } from "./identity";
import type { RoomStorage } from "./room-storage";

export interface Candidate {
  id: string;
  name: string;
  /** null: no limit. */
  limit: number | null;
  active: number;
  /** When they were last given a chat (epoch ms; 0: not while the room remembers). */
  lastAssigned: number;
}

/** A socket to leave out (being opened or closed), or the identity of one the runtime no longer lists. */
export interface SocketChange {
  excluding?: WebSocket;
  including?: AttendantIdentity;
}

/**
 * The attendants online here who attend the department, with their load. An attendant with
 * several consoles whose limits differ (one opened before a change) gets the strictest.
 */
export function candidates(ctx: DurableObjectState, storage: RoomStorage, change: SocketChange = {}): Candidate[] {
  const online = new Set(storage.presence().filter((a) => a.status === "online").map((a) => a.id));
  const loads = loadsOf(ctx.storage.sql);
  const byId = new Map<string, Candidate>();
  const identities = attendantSockets(ctx)
    .filter(({ ws }) => ws !== change.excluding)
    .map(({ who }) => who);
  if (change.including) identities.push(change.including);
  for (const who of identities) {
    if (!attends(who) || !online.has(who.attendantId)) continue;
    const limit = who.maxChats ?? null;
    const seen = byId.get(who.attendantId);
    if (seen) {
      seen.limit = seen.limit === null ? limit : limit === null ? seen.limit : Math.min(seen.limit, limit);
      continue;
    }
    const load = loads.get(who.attendantId);
    byId.set(who.attendantId, { id: who.attendantId, name: who.name, limit, active: load?.active ?? 0, lastAssigned: load?.last ?? 0 });
  }
  return [...byId.values()];
}

/** Whether the attendant may take one more chat. */
export function hasRoom(c: Candidate): boolean {
  return c.limit === null || c.active < c.limit;
}

/** Active chats and the latest assignment of each attendant, in one query. */
function loadsOf(sql: SqlStorage): Map<string, { active: number; last: number }> {
  const rows = sql
    .exec<{ attendant_id: string; active: number; last: number | null }>(
      `SELECT attendant_id, SUM(status = 'active') AS active, MAX(accepted_at) AS last
       FROM chats WHERE attendant_id IS NOT NULL GROUP BY attendant_id`,
    )
    .toArray();
  return new Map(rows.map((r) => [r.attendant_id, { active: r.active, last: r.last ?? 0 }]));
}
