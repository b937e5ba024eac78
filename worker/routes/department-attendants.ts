/**
 * GET /api/departments/:id/attendants: every active attendant who attends the department (not
 * only those online; supervisors who do not attend it are not listed), each with their status
 * read live from the department's room: online, offline, or busy (online and at their limit).
 * Open to anyone who may open the department; another account's department is 404.
 */
import { and, asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { departmentAccess, departmentRoom } from "../access";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { attendantDepartments, attendants, departments } from "../db/schema";
import type { AppEnv } from "../env";
import { forbidden, notFound } from "../errors";
import { idParam } from "../validate";
import type { DepartmentAttendant, DepartmentAttendantsResponse } from "../views-console";

/** The department's roster: who attends it, active, by name (bounded: a department's people are few). */
function roster(db: D1Database, accountId: string, departmentId: string) {
  return database(db)
    .select({ id: attendants.id, name: attendants.name, role: attendants.role })
    .from(attendantDepartments)
    .innerJoin(attendants, and(eq(attendants.id, attendantDepartments.attendantId), eq(attendants.accountId, attendantDepartments.accountId)))
    .where(
      and(
        eq(attendantDepartments.accountId, accountId),
        eq(attendantDepartments.departmentId, departmentId),
        eq(attendantDepartments.attends, true),
        eq(attendants.active, true),
      ),
    )
    .orderBy(asc(attendants.name))
    .limit(500);
}

/** Mounted beside departmentRoutes: the session check is on the route, so it never runs twice for theirs. */
export const departmentAttendantRoutes = new Hono<AppEnv>().get("/:id/attendants", requireAttendant, async (c) => {
  const who = c.get("attendant");
  const parsed = idParam.safeParse(c.req.param("id"));
  if (!parsed.success) throw notFound("No such department");
  const id = parsed.data;
  const access = (await departmentAccess(c.env.DB, who)).find((d) => d.id === id);
  if (!access) {
    const exists = await database(c.env.DB).select({ id: departments.id }).from(departments).where(and(eq(departments.id, id), eq(departments.accountId, who.accountId))).get();
    throw exists ? forbidden("You do not work in this department") : notFound("No such department");
  }
  const [people, loads] = await Promise.all([roster(c.env.DB, who.accountId, id), departmentRoom(c.env, who.accountId, id).attendantLoads()]);
  const live = new Map(loads.map((l) => [l.id, l]));
  const list: DepartmentAttendant[] = people.map((p) => {
    const load = live.get(p.id);
    return { ...p, status: load?.status ?? "offline", activeChats: load?.active ?? 0, limit: load?.limit ?? null };
  });
  return c.json({ attendants: list } satisfies DepartmentAttendantsResponse);
});
