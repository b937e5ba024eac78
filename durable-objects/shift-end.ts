/**
 * An attendant's shift end, by alarm: while an attendant linked to a shift is online in this
 * room, a `shift-end` timer keyed by their id waits for the end of their shift. When it fires
 * (and the shift is still over: it may have been edited meanwhile) they are set offline in D1
 * and in every room of theirs, and their consoles hear `attendant.status`. Their chats are
 * left as they are: active and writable by both sides.
 */
import { and, eq } from "drizzle-orm";
import { visibleDepartments } from "../worker/access";
import { database } from "../worker/db/client";
import { attendants } from "../worker/db/schema";
import type { Env } from "../worker/env";
import { attendantShiftHours } from "../worker/hours/attendant-shift";
import { isOpenAt, nextChange } from "../worker/hours/schedule";
import { attendantSockets, send } from "./fanout";
import type { ServerFrame } from "./protocol";
import type { RoomMeta } from "./room-storage";
import type { Timers } from "./timers";

export const SHIFT_END = "shift-end";

/** What the shift end needs of the room. */
export interface ShiftEndRoom {
  env: Env;
  state: DurableObjectState;
  timers: Timers;
  meta: RoomMeta | null;
  /** Sets the attendant's presence here and announces it (the room's own setAttendantStatus). */
  setOffline(attendant: { id: string; name: string }): Promise<void>;
  /** Another department's room of the same account. */
  room(departmentId: string): { setAttendantStatus(a: { id: string; name: string }, status: "offline"): Promise<unknown> };
}

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
  const db = database(room.env.DB);
  const where = and(eq(attendants.id, attendantId), eq(attendants.accountId, meta.accountId));
  const row = await db.select({ id: attendants.id, name: attendants.name, role: attendants.role }).from(attendants).where(where).get();
  if (!row) return;
  await db.update(attendants).set({ chatStatus: "offline" }).where(where);
  const who = { id: row.id, name: row.name };
  await room.setOffline(who);
  const others = (await visibleDepartments(room.env.DB, { ...row, accountId: meta.accountId })).filter((d) => d.id !== meta.departmentId);
  await Promise.all(others.map((d) => room.room(d.id).setAttendantStatus(who, "offline")));
  const frame = { type: "attendant.status", status: "offline", reason: "shift_ended", at: now } satisfies ServerFrame;
  for (const { ws, who: socket } of attendantSockets(room.state)) if (socket.attendantId === attendantId) send(ws, frame);
}
