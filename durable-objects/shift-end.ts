/**
 * An attendant's shift end, by alarm: while an attendant linked to a shift is online in this
 * room, a `shift-end` timer keyed by their id waits for the end of their shift. When it fires
 * (and the shift is still over: it may have been edited meanwhile) they are set offline in D1
 * and in every room of theirs, and their consoles hear `attendant.status`. Their chats are
 * left as they are: active and writable by both sides.
 */
import { attendantShiftHours } from "../worker/hours/attendant-shift";
import { isOpenAt, nextChange } from "../worker/hours/schedule";
import { setOfflineEverywhere, type AttendantTimersRoom } from "./attendant-offline";

export const SHIFT_END = "shift-end";

/** What the shift end needs of the room. */
export type ShiftEndRoom = AttendantTimersRoom;

/** Arms (or removes) the attendant's shift-end timer; due at once when their shift is already closed. */
export async function armShiftEnd(room: ShiftEndRoom, attendantId: string): Promise<void> {
  if (!room.meta) return;
  const hours = await attendantShiftHours(room.env.DB, room.meta.accountId, attendantId);
  if (!hours) return void room.timers.cancel(SHIFT_END, attendantId);
  const now = Date.now();
  const end = isOpenAt(hours.shifts, hours.timeZone, now) ? nextChange(hours.shifts, hours.timeZone, now) : now;
  if (end === null) room.timers.cancel(SHIFT_END, attendantId);
  else room.timers.set(SHIFT_END, attendantId, end);
}

/** The timer's handler: offline everywhere, unless the shift (edited meanwhile) is still open. */
export async function endShift(room: ShiftEndRoom, attendantId: string): Promise<void> {
  const meta = room.meta;
  if (!meta) return;
  const hours = await attendantShiftHours(room.env.DB, meta.accountId, attendantId);
  const now = Date.now();
  if (!hours) return;
  if (isOpenAt(hours.shifts, hours.timeZone, now)) return armShiftEnd(room, attendantId);
  await setOfflineEverywhere(room, attendantId, "shift_ended");
}
