/**
 * An attendant's own shift (`attendants.shift_id`): outside it they may not go online, and a
 * room ends their presence when it ends (durable-objects/shift-end.ts).
 */
import { and, eq } from "drizzle-orm";
import { database } from "../db/client";
import { attendants } from "../db/schema";
import type { RoomHours } from "./rooms";
import { accountTimeZone, findShift, hoursOf } from "./shifts";

/** The hours of the attendant's shift, or null when they are linked to none. */
export async function attendantShiftHours(db: D1Database, accountId: string, attendantId: string): Promise<RoomHours | null> {
  const row = await database(db)
    .select({ shiftId: attendants.shiftId })
    .from(attendants)
    .where(and(eq(attendants.id, attendantId), eq(attendants.accountId, accountId)))
    .get();
  if (!row?.shiftId) return null;
  const [shift, timeZone] = await Promise.all([findShift(db, accountId, row.shiftId), accountTimeZone(db, accountId)]);
  return shift ? { timeZone, shifts: [hoursOf(shift)] } : null;
}
