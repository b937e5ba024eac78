/**
 * Editing an attendant (PATCH /api/attendants/:id). The row, the links, the sessions and
 * invitations of a deactivated attendant and the audit entries change in one batch; removing
 * the last active administrator of the account aborts that batch inside D1 (db/guarded.ts), so
 * two concurrent demotions cannot both pass. Then the department rooms make a deactivation or
 * a change of rights take effect on live consoles (rooms.ts).
 */
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import { auditEntry } from "../audit";
import { database, type Database } from "../db/client";
import { guarded, isGuardAbort } from "../db/guarded";
import { attendants, sessions, type PresenceStatus, type Role } from "../db/schema";
import type { Env } from "../env";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { findShift } from "../hours/shifts";
import { requireManagerRole } from "./create";
import { revokeInvitations } from "./invitation";
import { statusWrite } from "../presence";
import { tellRooms } from "./rooms";
import { tellLimit } from "./limit-rooms";
import { replaceLinks, requireFreeEmail, runBatch, sameSet, type Acting } from "./rows";
import { requireDepartmentsOfAccount, requireGrantable, requireInScope, type Manager, type Rights } from "./scope";
import { findAttendant, type AttendantRow, type Links } from "./view";

export interface AttendantPatch {
  name?: string;
  email?: string;
  role?: Role;
  departmentIds?: string[];
  managedDepartmentIds?: string[];
  chatStatusOnLogin?: PresenceStatus;
  active?: boolean;
  shiftId?: string | null;
  maxChats?: number | null;
  kbEditor?: boolean;
}

/** The rights the patch leaves: departments to manage only for a department manager. */
function rightsAfter(row: AttendantRow, links: Links, patch: AttendantPatch): Rights {
  const role = patch.role ?? row.role;
  requireManagerRole(role, patch.managedDepartmentIds);
  const manages = role !== "department_manager" ? [] : (patch.managedDepartmentIds ?? links.manages);
  return { role, links: { attends: new Set(patch.departmentIds ?? links.attends), manages: new Set(manages) } };
}

/** The changed fields (never a password), `from` and `to`, for the audit entry. */
function changedFields(row: AttendantRow, before: Rights, after: Rights, patch: AttendantPatch) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["name", "email", "chatStatusOnLogin", "shiftId", "maxChats", "kbEditor"] as const) {
    if (patch[key] !== undefined && patch[key] !== row[key]) changes[key] = { from: row[key], to: patch[key] };
  }
  if (after.role !== before.role) changes.role = { from: before.role, to: after.role };
  for (const [key, flag] of [["departmentIds", "attends"], ["managedDepartmentIds", "manages"]] as const) {
    if (!sameSet(before.links[flag], after.links[flag])) changes[key] = { from: [...before.links[flag]], to: [...after.links[flag]] };
  }
  return changes;
}

/** Other active administrators of the account remain: the condition of a guarded demotion. */
function anotherAdministrator(accountId: string, id: string) {
  return sql`(SELECT COUNT(*) FROM ${attendants} other WHERE other.account_id = ${accountId}
    AND other.role = 'administrator' AND other.active = 1 AND other.id != ${id}) > 0`;
}

/** What a patch does to one attendant, decided before anything is written. */
interface Plan {
  id: string;
  row: AttendantRow;
  after: Rights;
  changes: ReturnType<typeof changedFields>;
  active: boolean;
  deactivating: boolean;
  rightsChanged: boolean;
  /** The attendant is an active administrator and will not be one: guarded (last administrator). */
  removesAdministrator: boolean;
}

/** Applies the patch; 404 for another account's attendant, 403 outside the manager's reach. */
export async function updateAttendant(env: Env, manager: Manager, acting: Acting, id: string, patch: AttendantPatch): Promise<void> {
  const db = database(env.DB);
  const { accountId } = acting;
  const found = await findAttendant(env.DB, accountId, id);
  if (!found) throw notFound("No such attendant");
  const { row } = found;
  const before: Rights = { role: row.role, links: found.links };
  requireInScope(manager, before);
  const after = rightsAfter(row, found.links, patch);
  await requireDepartmentsOfAccount(env.DB, accountId, { departmentIds: patch.departmentIds, managedDepartmentIds: patch.managedDepartmentIds });
  requireGrantable(manager, before, after);
  const changes = changedFields(row, before, after, patch);
  if (changes.kbEditor && !manager.isAdministrator) throw forbidden("Only administrators choose who writes the knowledge base");
  if (changes.email) await requireFreeEmail(db, patch.email!);
  if (changes.shiftId && patch.shiftId && !(await findShift(env.DB, accountId, patch.shiftId))) throw badRequest("shiftId: no such shift", "shiftId");

  const active = patch.active ?? row.active;
  const plan: Plan = {
    id,
    row,
    after,
    changes,
    active,
    deactivating: row.active && !active,
    rightsChanged: "role" in changes || "departmentIds" in changes || "managedDepartmentIds" in changes,
    removesAdministrator: row.role === "administrator" && row.active && (after.role !== "administrator" || !active),
  };
  try {
    await runBatch(db, statements(db, acting, plan, Date.now()));
  } catch (error) {
    if (!isGuardAbort(error, "attendants.role")) throw error;
    throw conflict("last_administrator", "The account needs at least one active administrator", plan.deactivating ? "active" : "role");
  }
  const name = (changes.name?.to as string | undefined) ?? row.name;
  if (plan.deactivating) await tellRooms(env, accountId, { id, name }, null);
  else if (plan.rightsChanged && active && row.active) await tellRooms(env, accountId, { id, name }, after.links.attends);
  // A rights change closed their consoles (they reconnect with the new limit); otherwise the rooms hear it.
  else if (changes.maxChats && active) await tellLimit(env, accountId, [id]);
}

/** The batch of a plan: the row, the links, a deactivated attendant's access, the audit entries. */
function statements(db: Database, acting: Acting, plan: Plan, now: number): BatchItem<"sqlite">[] {
  const { id, row, changes } = plan;
  const { accountId } = acting;
  const set: SQLiteUpdateSetSource<typeof attendants> = {};
  if (changes.name) set.name = changes.name.to as string;
  if (changes.email) set.email = changes.email.to as string;
  if (changes.shiftId) set.shiftId = changes.shiftId.to as string | null;
  if (changes.maxChats) set.maxChats = changes.maxChats.to as number | null;
  if (changes.kbEditor) set.kbEditor = changes.kbEditor.to as boolean;
  if (changes.chatStatusOnLogin) set.chatStatusOnLogin = changes.chatStatusOnLogin.to as PresenceStatus;
  if (changes.role) set.role = plan.after.role;
  if (plan.active !== row.active) set.active = plan.active;
  if (plan.deactivating) Object.assign(set, statusWrite("offline"));
  if (plan.removesAdministrator) set.role = guarded(anotherAdministrator(accountId, id), plan.after.role);
  const target = { type: "attendant", id };
  const out: BatchItem<"sqlite">[] = [];
  if (Object.keys(set).length > 0) out.push(db.update(attendants).set(set).where(and(eq(attendants.id, id), eq(attendants.accountId, accountId))));
  if (plan.rightsChanged) out.push(...replaceLinks(db, accountId, id, plan.after.links));
  if (plan.deactivating) out.push(...endAccess(db, accountId, id, now));
  if (Object.keys(changes).length > 0) {
    out.push(auditEntry(db, { ...acting, action: "attendant.updated", target, detail: { fields: Object.keys(changes), changes }, at: now }));
  }
  if (plan.active !== row.active) {
    out.push(auditEntry(db, { ...acting, action: plan.active ? "attendant.reactivated" : "attendant.deactivated", target, at: now }));
  }
  return out;
}

/** A deactivated attendant's way in: their sessions and pending invitations. */
function endAccess(db: Database, accountId: string, id: string, now: number): BatchItem<"sqlite">[] {
  return [
    db.delete(sessions).where(and(eq(sessions.attendantId, id), eq(sessions.accountId, accountId))),
    revokeInvitations(db, accountId, id, now),
  ];
}
