/**
 * Automatic routing (policies.routing = "automatic"): the room gives the oldest waiting chat to
 * the online attendant of the department with the fewest active chats (ties: the one whose last
 * assignment is oldest), never above their limit, through the same accept path as a
 * `chat.accept` (frame-handlers.ts `assignChat`), so the same frames go out.
 *
 * The mode is the department's own (`policies.routing` of its settings document) or else the
 * account's, read from D1 (one read, and only when there is both a waiting chat and someone with
 * a free slot); everything after that read is synchronous, so
 * two routings, or a routing and a manual accept, can never exceed a limit or assign a chat twice.
 */
import { effectivePolicies } from "../worker/settings/policies";
import { attendantSockets } from "./fanout";
import { assignChat, type Room } from "./frame-handlers";
import { attends } from "./identity";
import { waitingChatIds } from "./queue-position";

/** What routing needs from the room. */
export type RoutingRoom = Pick<Room, "state" | "storage" | "afterWrite" | "accepted"> & { db: D1Database };

interface Candidate {
  id: string;
  name: string;
  /** null: no limit. */
  limit: number | null;
  active: number;
  /** When they were last given a chat (epoch ms; 0: not while the room remembers). */
  lastAssigned: number;
}

/** Assigns what it can when the account routes automatically; returns how many chats it assigned. */
export async function routeQueue(room: RoutingRoom): Promise<number> {
  const meta = room.storage.meta();
  if (!meta || !worthRouting(room)) return 0;
  const policies = await effectivePolicies(room.db, meta.accountId, meta.departmentId);
  if (policies.routing !== "automatic") return 0;
  // Read again after the await: other events may have changed the queue and the loads.
  return assignWaiting(room);
}

/** Cheap check before the D1 read: a waiting chat and someone with a free slot. */
function worthRouting(room: RoutingRoom): boolean {
  const waiting = room.state.storage.sql.exec("SELECT 1 FROM chats WHERE status = 'waiting' LIMIT 1").toArray().length > 0;
  return waiting && candidates(room).some(hasRoom);
}

/** Gives the waiting chats, oldest first, to the least loaded attendants with a free slot. Synchronous. */
export function assignWaiting(room: RoutingRoom): number {
  const people = candidates(room);
  const now = Date.now();
  let assigned = 0;
  for (const chatId of waitingChatIds(room.state.storage.sql)) {
    const pick = people.filter(hasRoom).sort(leastLoaded)[0];
    if (!pick) break;
    if (!assignChat(room, { id: pick.id, name: pick.name }, chatId)) continue;
    pick.active++;
    // Several assignments share one clock tick: keep the order they were made in.
    pick.lastAssigned = now + assigned;
    assigned++;
  }
  return assigned;
}

function hasRoom(c: Candidate): boolean {
  return c.limit === null || c.active < c.limit;
}

function leastLoaded(a: Candidate, b: Candidate): number {
  return a.active - b.active || a.lastAssigned - b.lastAssigned || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The attendants who are online here and attend the department, with their load. An attendant
 * with several consoles whose limits differ (one opened before a change) gets the strictest.
 */
function candidates(room: RoutingRoom): Candidate[] {
  const online = new Set(room.storage.presence().filter((a) => a.status === "online").map((a) => a.id));
  const loads = loadsOf(room.state.storage.sql);
  const byId = new Map<string, Candidate>();
  for (const { who } of attendantSockets(room.state)) {
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
