/**
 * Tells department rooms their hours after a change (a shift created, edited or deleted, the
 * account's time zone changed): each room keeps its effective schedule in its own storage and
 * arms its own boundary timer, so it never reads D1 on a customer's or an alarm's path.
 */
import { eq } from "drizzle-orm";
import { departmentRoom } from "../access";
import { database } from "../db/client";
import { departments } from "../db/schema";
import type { Env } from "../env";
import type { ShiftHours } from "./schedule";
import { accountShifts, accountTimeZone, effectiveShifts } from "./shifts";

/** What a room stores: the zone and the shifts that apply to it (empty: always open). */
export interface RoomHours {
  timeZone: string;
  shifts: ShiftHours[];
}

/** The effective hours of one department, read from D1 (what a room loads when it was never told). */
export async function departmentHours(db: D1Database, accountId: string, departmentId: string): Promise<RoomHours> {
  const [rows, timeZone] = await Promise.all([accountShifts(db, accountId), accountTimeZone(db, accountId)]);
  return { timeZone, shifts: effectiveShifts(rows, departmentId) };
}

/**
 * Pushes each department's effective hours to its room: `departmentIds`, or every department of
 * the account (a general shift or the time zone changed). A room that fails keeps its old hours
 * until the next change or its own reload; the change itself is already saved, so this logs.
 */
export async function pushHours(env: Env, accountId: string, departmentIds?: readonly string[]): Promise<void> {
  const [rows, timeZone, all] = await Promise.all([
    accountShifts(env.DB, accountId),
    accountTimeZone(env.DB, accountId),
    database(env.DB).select({ id: departments.id }).from(departments).where(eq(departments.accountId, accountId)),
  ]);
  const targets = departmentIds ? all.filter((d) => departmentIds.includes(d.id)) : all;
  await Promise.all(
    targets.map(async (d) => {
      const hours: RoomHours = { timeZone, shifts: effectiveShifts(rows, d.id) };
      try {
        await departmentRoom(env, accountId, d.id).setHours({ accountId, departmentId: d.id }, hours);
      } catch (error) {
        console.error("pushing hours to a room failed", d.id, error);
      }
    }),
  );
}
