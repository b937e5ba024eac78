/**
 * Shifts as stored in D1 and as each department uses them: a department with shifts of its own
 * follows those; one without follows the account's general shifts (`department_id` null); no
 * shift at all means open at every hour (schedule.ts).
 */
import { and, eq } from "drizzle-orm";
import { database } from "../db/client";
import { accounts, shifts } from "../db/schema";
import type { ShiftView } from "../views-hours";
import type { ShiftHours } from "./schedule";

export type ShiftRow = typeof shifts.$inferSelect;

/** The scope of a shift on the API: "account" for a general one. */
export const ACCOUNT_SCOPE = "account";

/** The one serializer of a shift row to the API. */
export function shiftView(row: ShiftRow): ShiftView {
  return {
    id: row.id,
    name: row.name,
    scope: row.departmentId ?? ACCOUNT_SCOPE,
    intervals: row.intervals,
    exceptions: row.exceptions,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Only the hours of a shift (what the schedule and the rooms need). */
export function hoursOf(row: Pick<ShiftRow, "intervals" | "exceptions">): ShiftHours {
  return { intervals: row.intervals, exceptions: row.exceptions };
}

/** The shifts that apply to `departmentId`, out of all of its account's shift rows. */
export function effectiveShifts(rows: readonly ShiftRow[], departmentId: string): ShiftHours[] {
  const own = rows.filter((r) => r.departmentId === departmentId);
  return (own.length > 0 ? own : rows.filter((r) => r.departmentId === null)).map(hoursOf);
}

/**
 * Every shift of the account (one query; an account has few: the API caps nothing per account,
 * but each is a named schedule a person made by hand).
 */
export function accountShifts(db: D1Database, accountId: string): Promise<ShiftRow[]> {
  return database(db).select().from(shifts).where(eq(shifts.accountId, accountId)).orderBy(shifts.name, shifts.id);
}

/** The account's time zone (shifts are read on its wall clock). */
export async function accountTimeZone(db: D1Database, accountId: string): Promise<string> {
  const row = await database(db).select({ timeZone: accounts.timeZone }).from(accounts).where(eq(accounts.id, accountId)).get();
  return row?.timeZone ?? "UTC";
}

/** One shift of the account, or undefined (also for another account's id). */
export function findShift(db: D1Database, accountId: string, id: string): Promise<ShiftRow | undefined> {
  return database(db)
    .select()
    .from(shifts)
    .where(and(eq(shifts.id, id), eq(shifts.accountId, accountId)))
    .get();
}
