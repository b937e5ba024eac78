import { and, eq, sql } from "drizzle-orm";
import { departmentRoom, visibleDepartments } from "./access";
import type { SessionAttendant } from "./auth/session";
import { database } from "./db/client";
import { attendants, type PresenceStatus } from "./db/schema";
import type { Env } from "./env";

/** A status as D1 stored it: the rooms keep the one with the highest version (room-storage.ts setPresence). */
export interface StatusChange {
  status: PresenceStatus;
  version: number;
}

/**
 * The columns of a write of an attendant's status: every write moves the version, so a room
 * can tell a status read before this write (an opening socket's) from one read after it.
 */
export function statusWrite(status: PresenceStatus) {
  return { chatStatus: status, chatStatusVersion: sql`${attendants.chatStatusVersion} + 1` };
}

/**
 * Stores the attendant's chosen presence and tells each of their department rooms at once,
 * so customers see the department go online or offline without a reload.
 */
export async function setAttendantPresence(env: Env, who: SessionAttendant, status: PresenceStatus) {
  const written = await database(env.DB)
    .update(attendants)
    .set(statusWrite(status))
    .where(and(eq(attendants.id, who.id), eq(attendants.accountId, who.accountId)))
    .returning({ version: attendants.chatStatusVersion })
    .get();
  if (!written) return;
  const change: StatusChange = { status, version: written.version };
  const departments = await visibleDepartments(env.DB, who);
  await Promise.all(
    departments.map((d) => departmentRoom(env, who.accountId, d.id).setAttendantStatus({ id: who.id, name: who.name }, change)),
  );
}
