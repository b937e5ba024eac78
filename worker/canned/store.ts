/**
 * D1 reads and writes of Respostas prontas, and who may do what with them:
 * administrators read and manage every one of the account; department managers read the
 * account's and those of the departments they attend or manage, and manage those of the
 * departments they manage; attendants read the account's and their departments'.
 */
import { and, asc, eq } from "drizzle-orm";
import { departmentAccess } from "../access";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { cannedResponses } from "../db/schema";
import type { CannedResponseView } from "../views-canned";

export type CannedRow = typeof cannedResponses.$inferSelect;
type Who = Pick<SessionAttendant, "id" | "accountId" | "role">;

/** What `who` may read and manage, from one read of their departments. */
export interface CannedRights {
  /** Departments whose responses `who` reads (administrators: every one). */
  reads: Set<string>;
  /** Departments whose responses `who` manages. */
  manages: Set<string>;
  /** Administrators manage the account-wide ones. */
  managesAccount: boolean;
}

export async function cannedRights(db: D1Database, who: Who): Promise<CannedRights> {
  const access = await departmentAccess(db, who);
  return {
    reads: new Set(access.map((d) => d.id)),
    manages: new Set(who.role === "attendant" ? [] : access.filter((d) => d.supervises).map((d) => d.id)),
    managesAccount: who.role === "administrator",
  };
}

/** Whether the rights allow managing a response of `departmentId` (null: the account's). */
export function mayManage(rights: CannedRights, departmentId: string | null): boolean {
  return departmentId === null ? rights.managesAccount : rights.manages.has(departmentId);
}

/** Whether the rights allow reading it. */
export function mayRead(rights: CannedRights, departmentId: string | null): boolean {
  return departmentId === null || rights.reads.has(departmentId);
}

/** Every canned response of the account (bounded by MAX_CANNED_RESPONSES on create), by shortcut. */
export function accountCanned(db: D1Database, accountId: string): Promise<CannedRow[]> {
  return database(db).select().from(cannedResponses).where(eq(cannedResponses.accountId, accountId)).orderBy(asc(cannedResponses.shortcut), asc(cannedResponses.scope));
}

export async function findCanned(db: D1Database, accountId: string, id: string): Promise<CannedRow | undefined> {
  return database(db)
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.id, id), eq(cannedResponses.accountId, accountId)))
    .get();
}

/** The one serializer to the API. */
export function cannedView(row: CannedRow, rights: CannedRights): CannedResponseView {
  return {
    id: row.id,
    departmentId: row.departmentId,
    shortcut: row.shortcut,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    canEdit: mayManage(rights, row.departmentId),
  };
}

/** Whether a D1 failure is the (account, scope, shortcut) unique index: two requests raced past the check. */
export function isShortcutClash(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: canned_responses\./.test(String(error.cause ?? error.message));
}
