/**
 * Who may see which department, and in which capacity. Two things that used to be one:
 * - **attends**: the attendant takes the department's chats and counts for its presence;
 * - **supervises**: sees every chat of the department and may close other attendants' chats.
 * An administrator supervises every department of the account; a department manager the
 * departments they manage (`attendant_departments.manages`). Either attends only where their
 * row says `attends`. Every query is scoped by account.
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

/** A department the attendant may open, with what they do there. */
export interface DepartmentAccess extends DepartmentRef {
  attends: boolean;
  supervises: boolean;
}

type Who = Pick<SessionAttendant, "id" | "accountId" | "role">;

/** Every department `who` may open, by name, with their capacity in each. */
export async function departmentAccess(db: D1Database, who: Who): Promise<DepartmentAccess[]> {
  const orm = database(db);
  const columns = { id: departments.id, name: departments.name, active: departments.active };
  if (who.role === "administrator") {
    const [all, links] = await Promise.all([
      orm.select(columns).from(departments).where(eq(departments.accountId, who.accountId)).orderBy(asc(departments.name)),
      orm
        .select({ departmentId: attendantDepartments.departmentId, attends: attendantDepartments.attends })
        .from(attendantDepartments)
        .where(and(eq(attendantDepartments.attendantId, who.id), eq(attendantDepartments.accountId, who.accountId))),
    ]);
    const attended = new Set(links.filter((l) => l.attends).map((l) => l.departmentId));
    return all.map((d) => ({ ...d, attends: attended.has(d.id), supervises: true }));
  }
  const rows = await orm
    .select({ ...columns, attends: attendantDepartments.attends, manages: attendantDepartments.manages })
    .from(attendantDepartments)
    .innerJoin(departments, and(eq(departments.id, attendantDepartments.departmentId), eq(departments.accountId, who.accountId)))
    .where(and(eq(attendantDepartments.attendantId, who.id), eq(attendantDepartments.accountId, who.accountId)))
    .orderBy(asc(departments.name));
  return rows
    .map(({ manages, ...d }) => ({ ...d, supervises: who.role === "department_manager" && manages }))
    .filter((d) => d.attends || d.supervises);
}

/** The departments `who` may see (attended or supervised), by name. */
export async function visibleDepartments(db: D1Database, who: Who): Promise<DepartmentRef[]> {
  return (await departmentAccess(db, who)).map(({ id, name, active }) => ({ id, name, active }));
}

/** The department and `who`'s capacity in it if they may open it; 403 otherwise (also for another account's id). */
export async function requireDepartment(db: D1Database, who: Who, departmentId: string): Promise<DepartmentAccess> {
  const found = (await departmentAccess(db, who)).find((d) => d.id === departmentId);
  if (!found) throw forbidden("You do not work in this department");
  return found;
}

/** The Durable Object of one department: one instance per account and department. */
export function departmentRoom(env: { DEPARTMENT: DurableObjectNamespace<import("../durable-objects/department-room").DepartmentRoom> }, accountId: string, departmentId: string) {
  return env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`${accountId}:${departmentId}`));
}

/** Refuses with 403 unless the signed-in attendant is an administrator. */
export const requireAdministrator: import("hono").MiddlewareHandler<import("./env").AppEnv> = async (c, next) => {
  if (c.get("attendant").role !== "administrator") throw forbidden("Only administrators may do this");
  await next();
};

/**
 * The departments `who` manages (Gestão): every department of the account for an administrator,
 * the ones marked `manages` for a department manager, none for an attendant.
 */
export async function managedDepartmentIds(db: D1Database, who: Who): Promise<Set<string>> {
  return new Set((await departmentAccess(db, who)).filter((d) => d.supervises).map((d) => d.id));
}
