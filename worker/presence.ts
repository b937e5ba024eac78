import { eq, and } from "drizzle-orm";
import { departmentRoom, visibleDepartments } from "./access";
import type { SessionAttendant } from "./auth/session";
import { database } from "./db/client";
import { attendants, type PresenceStatus } from "./db/schema";
import type { Env } from "./env";

/**
 * Stores the attendant's chosen presence and tells each of their department rooms at once,
 * so customers see the department go online or offline without a reload.
 */
export async function setAttendantPresence(env: Env, who: SessionAttendant, status: PresenceStatus) {
  await database(env.DB)
    .update(attendants)
    .set({ chatStatus: status })
    .where(and(eq(attendants.id, who.id), eq(attendants.accountId, who.accountId)));
  const departments = await visibleDepartments(env.DB, who);
  await Promise.all(
    departments.map((d) => departmentRoom(env, who.accountId, d.id).setAttendantStatus({ id: who.id, name: who.name }, status)),
  );
}
