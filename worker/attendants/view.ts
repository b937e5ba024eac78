/**
 * Attendants as Gestão shows them (`AttendantView`): the row, the departments they attend and
 * manage, and the state of their pending invitation. Every query is scoped by account.
 */
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { UNUSABLE_HASH } from "../auth/password";
import { database } from "../db/client";
import { attendantDepartments, attendants, invitations } from "../db/schema";
import type { AttendantView } from "../views-gestao";

export type AttendantRow = typeof attendants.$inferSelect;

/** What an attendant may do in each department: the rows of `attendant_departments`. */
export interface Links {
  attends: Set<string>;
  manages: Set<string>;
}

/** D1 binds at most 100 parameters per query: id lists are read in chunks below that. */
const IDS_PER_QUERY = 90;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The department links of each attendant of `ids`. */
export async function linksOf(db: D1Database, accountId: string, ids: string[]): Promise<Map<string, Links>> {
  const orm = database(db);
  const out = new Map<string, Links>(ids.map((id) => [id, { attends: new Set(), manages: new Set() }]));
  for (const part of chunks(ids, IDS_PER_QUERY)) {
    const rows = await orm
      .select()
      .from(attendantDepartments)
      .where(and(eq(attendantDepartments.accountId, accountId), inArray(attendantDepartments.attendantId, part)));
    for (const row of rows) {
      const links = out.get(row.attendantId)!;
      if (row.attends) links.attends.add(row.departmentId);
      if (row.manages) links.manages.add(row.departmentId);
    }
  }
  return out;
}

/** The latest pending (unused, unrevoked) invitation of each attendant of `ids` that has one. */
async function pendingInvitations(db: D1Database, accountId: string, ids: string[]): Promise<Map<string, number>> {
  const orm = database(db);
  const out = new Map<string, number>();
  for (const part of chunks(ids, IDS_PER_QUERY)) {
    const rows = await orm
      .select({ attendantId: invitations.attendantId, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(
        and(eq(invitations.accountId, accountId), inArray(invitations.attendantId, part), isNull(invitations.usedAt), isNull(invitations.revokedAt)),
      )
      .orderBy(desc(invitations.createdAt));
    for (const row of rows) if (!out.has(row.attendantId)) out.set(row.attendantId, row.expiresAt);
  }
  return out;
}

/** Whether the attendant has chosen a password (an invited one has the unusable hash until then). */
export function hasPassword(row: Pick<AttendantRow, "passwordHash">): boolean {
  return row.passwordHash !== UNUSABLE_HASH;
}

function toView(row: AttendantRow, links: Links, expiresAt: number | undefined, now: number): AttendantView {
  const invitation =
    expiresAt === undefined || hasPassword(row) ? null : { status: expiresAt > now ? ("pending" as const) : ("expired" as const), expiresAt };
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    departmentIds: [...links.attends].sort(),
    managedDepartmentIds: row.role === "department_manager" ? [...links.manages].sort() : [],
    chatStatusOnLogin: row.chatStatusOnLogin,
    chatStatus: row.chatStatus,
    active: row.active,
    invitation,
    shiftId: row.shiftId,
    maxChats: row.maxChats,
    kbEditor: row.kbEditor,
    createdAt: row.createdAt,
  };
}

/** The views of `rows` (attendants of `accountId`), in the same order. */
export async function attendantViews(db: D1Database, accountId: string, rows: AttendantRow[]): Promise<AttendantView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, pending] = await Promise.all([linksOf(db, accountId, ids), pendingInvitations(db, accountId, ids)]);
  const now = Date.now();
  return rows.map((row) => toView(row, links.get(row.id)!, pending.get(row.id), now));
}

/** One attendant of the account with their links, or null (another account's id too). */
export async function findAttendant(db: D1Database, accountId: string, id: string): Promise<{ row: AttendantRow; links: Links } | null> {
  const row = await database(db)
    .select()
    .from(attendants)
    .where(and(eq(attendants.id, id), eq(attendants.accountId, accountId)))
    .get();
  if (!row) return null;
  return { row, links: (await linksOf(db, accountId, [id])).get(id)! };
}

/** The view of one attendant of the account (after a change). */
export async function attendantView(db: D1Database, accountId: string, id: string): Promise<AttendantView> {
  const found = await findAttendant(db, accountId, id);
  if (!found) throw new Error(`attendant ${id} vanished`);
  return (await attendantViews(db, accountId, [found.row]))[0]!;
}
