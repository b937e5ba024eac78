/**
 * Who may manage which attendants (docs/API.md "Atendentes"): administrators every attendant of
 * the account; a department manager the attendants who are not administrators and are linked
 * to a department they manage, and only within those departments; an attendant nobody.
 */
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import { managedDepartmentIds } from "../access";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { attendantDepartments, attendants, departments, type Role } from "../db/schema";
import { badRequest, forbidden } from "../errors";
import type { Links } from "./view";

/** The signed-in attendant acting in Gestão, with the departments they manage. */
export interface Manager {
  who: SessionAttendant;
  isAdministrator: boolean;
  /** Every department of the account for an administrator. */
  manages: Set<string>;
}

/** The actor of a Gestão request about attendants; 403 for an attendant. */
export async function requireManager(db: D1Database, who: SessionAttendant): Promise<Manager> {
  if (who.role === "attendant") throw forbidden("Only administrators and department managers manage attendants");
  return { who, isAdministrator: who.role === "administrator", manages: await managedDepartmentIds(db, who) };
}

/** The condition on `attendants` that limits a list to the ones `manager` may see. */
export function visibleTo(manager: Manager): SQL | undefined {
  if (manager.isAdministrator) return undefined;
  const { id, accountId } = manager.who;
  return and(
    ne(attendants.role, "administrator"),
    sql`EXISTS (SELECT 1 FROM ${attendantDepartments} ad
      JOIN ${attendantDepartments} mine ON mine.department_id = ad.department_id AND mine.account_id = ad.account_id
      WHERE ad.attendant_id = ${attendants.id} AND ad.account_id = ${accountId}
        AND mine.attendant_id = ${id} AND mine.manages = 1)`,
  );
}

function linked(links: Links): Set<string> {
  return new Set([...links.attends, ...links.manages]);
}

/** 403 unless `manager` may see and change this attendant. */
export function requireInScope(manager: Manager, target: { role: Role; links: Links }): void {
  if (manager.isAdministrator) return;
  if (target.role === "administrator") throw forbidden("Only administrators manage administrators");
  if (![...linked(target.links)].some((d) => manager.manages.has(d))) throw forbidden("This attendant is not in a department you manage");
}

/** What an attendant may do, as a create or an edit would leave it. */
export interface Rights {
  role: Role;
  links: Links;
}

function changed(before: Set<string>, after: Set<string>): string[] {
  return [...[...after].filter((d) => !before.has(d)), ...[...before].filter((d) => !after.has(d))];
}

/**
 * 403 when a department manager would grant more than they have: a role above department
 * manager, or a link added to or removed from a department they do not manage.
 */
export function requireGrantable(manager: Manager, before: Rights | null, after: Rights): void {
  if (manager.isAdministrator) return;
  if (after.role === "administrator") throw forbidden("Only administrators make administrators");
  const empty: Links = { attends: new Set(), manages: new Set() };
  const was = before?.links ?? empty;
  const outside = [...changed(was.attends, after.links.attends), ...changed(was.manages, after.links.manages)].filter(
    (d) => !manager.manages.has(d),
  );
  if (outside.length > 0) throw forbidden("You may only change departments you manage");
  if (!before && linked(after.links).size === 0) throw forbidden("Link the attendant to a department you manage");
}

/**
 * 400 naming the first id of `ids` that is not a department of the account
 * (`departmentIds.2`); the field is the body's list it came from.
 */
export async function requireDepartmentsOfAccount(db: D1Database, accountId: string, lists: Record<string, string[] | undefined>): Promise<void> {
  if (Object.values(lists).every((ids) => !ids?.length)) return;
  const rows = await database(db).select({ id: departments.id }).from(departments).where(eq(departments.accountId, accountId));
  const known = new Set(rows.map((r) => r.id));
  for (const [field, ids] of Object.entries(lists)) {
    const index = ids?.findIndex((id) => !known.has(id)) ?? -1;
    if (index >= 0) throw badRequest("No such department in this account", `${field}.${index}`);
  }
}
