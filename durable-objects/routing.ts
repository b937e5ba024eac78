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
import { candidates, hasRoom, type Candidate } from "./capacity";
import { assignChat, type Room } from "./frame-handlers";
import { waitingChatIds } from "./queue-position";

/** What routing needs from the room. */
export type RoutingRoom = Pick<Room, "state" | "storage" | "afterWrite" | "accepted"> & { db: D1Database };

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
  const waiting = room.state.storage.sql.exec("SELECT 1 FROM chats WHERE status = 'waiting' AND abandoned_at IS NULL LIMIT 1").toArray().length > 0;
  return waiting && candidates(room.state, room.storage).some(hasRoom);
}

/** Gives the waiting chats, oldest first, to the least loaded attendants with a free slot. Synchronous. */
export function assignWaiting(room: RoutingRoom): number {
  const people = candidates(room.state, room.storage);
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

function leastLoaded(a: Candidate, b: Candidate): number {
  return a.active - b.active || a.lastAssigned - b.lastAssigned || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
