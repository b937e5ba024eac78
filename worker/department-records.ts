/**
 * Departments as Gestão reads and writes them: the one serializer to `DepartmentView`, the
 * account-scoped lookup, who may edit, and the "name taken" rule. A department is never
 * deleted (chats point at it); it is deactivated.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { managedDepartmentIds } from "./access";
import type { SessionAttendant } from "./auth/session";
import { database } from "./db/client";
import { departments } from "./db/schema";
import { conflict, forbidden, notFound } from "./errors";
import { logoUrl } from "./logos";
import { idParam } from "./validate";
import type { DepartmentView } from "./views-gestao";

export type DepartmentRow = typeof departments.$inferSelect;

/** More departments than any help desk has; the list stays bounded. */
export const MAX_DEPARTMENTS = 500;

/** The one serializer of a department row to the wire. */
export function toDepartmentView(row: DepartmentRow): DepartmentView {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    initialMessage: row.initialMessage,
    logoOnlineUrl: logoUrl(row.logoOnline),
    logoOfflineUrl: logoUrl(row.logoOffline),
    createdAt: row.createdAt,
  };
}

/** The account's department with this id (a path parameter); 404 for anything else. */
export async function accountDepartment(db: D1Database, accountId: string, rawId: string | undefined): Promise<DepartmentRow> {
  const id = idParam.safeParse(rawId);
  const row = id.success
    ? await database(db)
        .select()
        .from(departments)
        .where(and(eq(departments.id, id.data), eq(departments.accountId, accountId)))
        .get()
    : undefined;
  if (!row) throw notFound("No such department");
  return row;
}

/** 403 unless `who` is an administrator or manages this department (Gestão's editors). */
export async function requireDepartmentEditor(db: D1Database, who: SessionAttendant, departmentId: string): Promise<void> {
  if (who.role === "administrator") return;
  if (!(await managedDepartmentIds(db, who)).has(departmentId)) throw forbidden("Only administrators and this department's managers change it");
}

export const nameTaken = () => conflict("name_taken", "Another department of the account has this name", "name");

/**
 * Refuses a name another department of the account already has, ignoring case (full Unicode
 * case folding, which SQLite's `lower()` lacks), for a clear 409 before anything is written.
 */
export async function assertNameFree(db: D1Database, accountId: string, name: string, exceptId?: string): Promise<void> {
  const rows = await database(db)
    .select({ name: departments.name })
    .from(departments)
    .where(and(eq(departments.accountId, accountId), exceptId ? ne(departments.id, exceptId) : undefined))
    .limit(MAX_DEPARTMENTS);
  const wanted = name.toLowerCase();
  if (rows.some((r) => r.name.toLowerCase() === wanted)) throw nameTaken();
}

/**
 * The name to write, or NULL when another department of the account took it meanwhile: the
 * NOT NULL column then fails the statement and with it the whole batch (audit entry included).
 * D1 has no transactions around the check above; this makes the write itself refuse the race.
 */
export function guardedName(accountId: string, name: string, exceptId?: string) {
  const other = exceptId ? sql` AND ${departments.id} <> ${exceptId}` : sql``;
  return sql<string>`CASE WHEN EXISTS (SELECT 1 FROM ${departments} WHERE ${departments.accountId} = ${accountId} AND lower(${departments.name}) = lower(${name})${other}) THEN NULL ELSE ${name} END`;
}

/** Whether `error` is the guard above refusing a write. */
export function isNameRace(error: unknown): boolean {
  const text = `${String(error)} ${error instanceof Error ? String(error.cause) : ""}`;
  return text.includes("NOT NULL constraint failed: departments.name");
}
