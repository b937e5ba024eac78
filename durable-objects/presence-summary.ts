/**
 * The room's presence summary in D1 (`department_presence`): whether the department takes
 * chats now, written whenever the room's answer changes, so that the widget's config poll
 * reads it with the departments instead of waking every room. Written from a timer
 * (`presence-summary`), so a failed write is retried with backoff and a burst of changes is
 * one write of the latest state.
 */
import { database } from "../worker/db/client";
import { upsertDepartmentPresence } from "../worker/db/writes";
import type { RoomMeta } from "./room-storage";
import type { Timer } from "./timers";

export const PRESENCE_SUMMARY = "presence-summary";

export interface PresenceSummary {
  online: boolean;
  /** Offline because every online attendant is full (absent in summaries written before it). */
  busy?: boolean;
  changedAt: number;
}

/** Writes a summary for this room now. */
export async function writeSummary(db: D1Database, meta: RoomMeta | null, summary: PresenceSummary): Promise<void> {
  // A room that changed presence has had a socket, which recorded its meta; without it, retry later.
  if (!meta) throw new Error("room has no meta yet: cannot publish presence");
  await upsertDepartmentPresence(database(db), { ...meta, online: summary.online, busy: summary.busy === true, changedAt: summary.changedAt });
}

/** The timer's handler (the retry when the immediate write failed): writes the summary it carries. */
export async function writePresenceSummary(db: D1Database, meta: RoomMeta | null, timer: Timer): Promise<void> {
  const summary = timer.payload as Partial<PresenceSummary> | null;
  if (typeof summary?.online !== "boolean" || typeof summary.changedAt !== "number") {
    console.error("presence summary timer without a valid payload: dropped", timer.payload);
    return;
  }
  await writeSummary(db, meta, { online: summary.online, busy: summary.busy === true, changedAt: summary.changedAt });
}
