/**
 * The department's hours as its room keeps them (the `hours` table, one row): the account's
 * time zone and the shifts that apply to the department, pushed by the Worker after every
 * change (worker/hours/rooms.ts) or loaded from D1 by a room that was never told. No row, or
 * no shifts, means open at every hour. The room arms an `hours` timer at the next boundary.
 */
import type { RoomHours } from "../worker/hours/rooms";
import { isOpenAt, nextChange, opensAt } from "../worker/hours/schedule";

/** The timer kind of the department's next open/close boundary (key ""). */
export const HOURS = "hours";

export type { RoomHours };

/** Inside the hours now or not, when it opens (closed only) and when that changes. */
export interface HoursState {
  open: boolean;
  opensAt: number | null;
  changesAt: number | null;
}

/** The stored hours, or null when the room was never told. */
export function readHours(sql: SqlStorage): RoomHours | null {
  const row = sql.exec<{ time_zone: string; shifts: string }>("SELECT time_zone, shifts FROM hours WHERE id = 1").toArray()[0];
  return row ? { timeZone: row.time_zone, shifts: JSON.parse(row.shifts) as RoomHours["shifts"] } : null;
}

export function writeHours(sql: SqlStorage, hours: RoomHours, now: number): void {
  sql.exec(
    `INSERT INTO hours (id, time_zone, shifts, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone, shifts = excluded.shifts, updated_at = excluded.updated_at`,
    hours.timeZone,
    JSON.stringify(hours.shifts),
    now,
  );
}

/** The state of `hours` at `now`; unknown hours count as always open. */
export function hoursAt(hours: RoomHours | null, now: number): HoursState {
  if (!hours || hours.shifts.length === 0) return { open: true, opensAt: null, changesAt: null };
  const open = isOpenAt(hours.shifts, hours.timeZone, now);
  return { open, opensAt: open ? null : opensAt(hours.shifts, hours.timeZone, now), changesAt: nextChange(hours.shifts, hours.timeZone, now) };
}

/** "Closed now; opens at …" for a refusal (UTC ISO: the widget formats it in the customer's locale). */
export function closedMessage(state: HoursState): string {
  return state.opensAt === null ? "This department is closed now" : `This department is closed now; it opens at ${new Date(state.opensAt).toISOString()}`;
}
