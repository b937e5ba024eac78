/**
 * Who may see which department. An administrator sees every department of the account; a
 * department manager the departments they manage; an attendant the departments they work in.
 * Both of the latter are rows of attendant_departments. Every query is scoped by account.
 */
import { and, asc, eq } from "drizzle-orm";
import type { SessionAttendant } from "./auth/session";
import { database } from "./db/client";
import { attendantDepartments, departments } from "./db/schema";
import { forbidden } from "./errors";

export interface DepartmentRef {
  id: string;
  name: string;
  active: boolean;
}

export async function visibleDepartments(db: D1Database, who: Pick<SessionAttendant, "id" | "accountId" | "role">) {
  const orm = database(db);
  const columns = { id: departments.id, name: departments.name, active: departments.active };
  if (who.role === "administrator") {
    return orm.select(columns).from(departments).where(eq(departments.accountId, who.accountId)).orderBy(asc(departments.name));
  }
  return orm
    .select(columns)
    .from(attendantDepartments)
    .innerJoin(
      departments,
      and(eq(departments.id, attendantDepartments.departmentId), eq(departments.accountId, who.accountId)),
    )
    .where(and(eq(attendantDepartments.attendantId, who.id), eq(attendantDepartments.accountId, who.accountId)))
    .orderBy(asc(departments.name));
}

/** The department if `who` may act in it; 403 otherwise (also for another account's id). */
export async function requireDepartment(
  db: D1Database,
  who: Pick<SessionAttendant, "id" | "accountId" | "role">,
  departmentId: string,
): Promise<DepartmentRef> {
  const found = (await visibleDepartments(db, who)).find((d) => d.id === departmentId);
  if (!found) throw forbidden("You do not work in this department");
  return found;
}

/** The Durable Object of one department: one instance per account and department. */
export function departmentRoom(env: { DEPARTMENT: DurableObjectNamespace<import("../durable-objects/department-room").DepartmentRoom> }, accountId: string, departmentId: string) {
  return env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`${accountId}:${departmentId}`));
}
