/**
 * PATCH /api/tickets/:id: assign, transfer to another department, change status (close,
 * reopen), priority or subject, with one audit entry of what changed, in one batch.
 *
 * Who may assign whom: administrators and the managers of the ticket's department (any manager
 * for a ticket without a department) assign anyone who attends it; an attendant only takes the
 * ticket or lets it go (assignee themselves or null), a 403 otherwise. The assignee must be an
 * active attendant of the account who attends the ticket's department (after a transfer, the
 * new one); a transfer without `assigneeId` drops an assignee who does not attend the new one.
 */
import { and, eq } from "drizzle-orm";
import { departmentAccess } from "../access";
import { auditEntry, type AuditActor } from "../audit";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { attendantDepartments, attendants, departments, tickets, type TicketPriority, type TicketStatus } from "../db/schema";
import { ApiError, badRequest, forbidden } from "../errors";
import type { TicketRow } from "./read";

export interface TicketPatch {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  departmentId?: string | null;
  subject?: string;
}

type Who = Pick<SessionAttendant, "id" | "accountId" | "role">;
type Changes = Record<string, { from: unknown; to: unknown }>;

/** An active department of the account; 404 when unknown, 400 when inactive. */
async function requireTargetDepartment(db: D1Database, accountId: string, id: string): Promise<void> {
  const row = await database(db)
    .select({ active: departments.active })
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.accountId, accountId)))
    .get();
  if (!row) throw new ApiError(404, "unknown_department", "No such department", "departmentId");
  if (!row.active) throw badRequest("This department is inactive", "departmentId");
}

/** Whether `attendantId` may hold a ticket of `departmentId` (null: any active attendant of the account). */
async function mayHold(db: D1Database, accountId: string, attendantId: string, departmentId: string | null): Promise<"ok" | "unknown" | "elsewhere"> {
  const row = await database(db)
    .select({ id: attendants.id, attends: attendantDepartments.attends })
    .from(attendants)
    .leftJoin(
      attendantDepartments,
      and(eq(attendantDepartments.attendantId, attendants.id), eq(attendantDepartments.accountId, accountId), eq(attendantDepartments.departmentId, departmentId ?? "")),
    )
    .where(and(eq(attendants.id, attendantId), eq(attendants.accountId, accountId), eq(attendants.active, true)))
    .get();
  if (!row) return "unknown";
  return departmentId === null || row.attends === true ? "ok" : "elsewhere";
}

/** Whether `who` may give the ticket to someone else than themselves. */
async function assignsOthers(db: D1Database, who: Who, departmentId: string | null): Promise<boolean> {
  if (who.role === "administrator") return true;
  if (who.role !== "department_manager") return false;
  if (departmentId === null) return true;
  return (await departmentAccess(db, who)).some((d) => d.id === departmentId && d.supervises);
}

/** The assignee after the patch, checked. */
async function nextAssignee(db: D1Database, who: Who, ticket: TicketRow, patch: TicketPatch, departmentId: string | null): Promise<string | null> {
  if (patch.assigneeId === undefined) {
    if (ticket.assigneeId && departmentId !== ticket.departmentId) {
      return (await mayHold(db, who.accountId, ticket.assigneeId, departmentId)) === "ok" ? ticket.assigneeId : null;
    }
    return ticket.assigneeId;
  }
  const to = patch.assigneeId;
  const selfOnly = to === who.id || (to === null && ticket.assigneeId === who.id);
  if (to !== ticket.assigneeId && !selfOnly && !(await assignsOthers(db, who, departmentId))) {
    throw forbidden("Only administrators and the department's managers assign tickets to others");
  }
  if (to === null) return null;
  const held = await mayHold(db, who.accountId, to, departmentId);
  if (held === "unknown") throw new ApiError(404, "unknown_attendant", "No such active attendant", "assigneeId");
  if (held === "elsewhere") throw badRequest("This attendant does not attend the ticket's department", "assigneeId");
  return to;
}

/** What the patch changes (field → from/to), checked; throws on a refusal before anything is written. */
export async function planPatch(db: D1Database, who: Who, ticket: TicketRow, patch: TicketPatch): Promise<Changes> {
  const departmentId = patch.departmentId === undefined ? ticket.departmentId : patch.departmentId;
  if (departmentId !== ticket.departmentId && departmentId !== null) await requireTargetDepartment(db, who.accountId, departmentId);
  const assigneeId = await nextAssignee(db, who, ticket, patch, departmentId);
  // Taking a new ticket starts it.
  const status = patch.status ?? (ticket.status === "new" && assigneeId && assigneeId !== ticket.assigneeId ? "in_progress" : ticket.status);
  const next = { status, priority: patch.priority ?? ticket.priority, assigneeId, departmentId, subject: patch.subject ?? ticket.subject };
  const changes: Changes = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (next[key] !== ticket[key]) changes[key] = { from: ticket[key], to: next[key] };
  }
  return changes;
}

/** Writes the changes and their audit entry in one batch. */
export async function applyPatch(d1: D1Database, actor: { actor: AuditActor; ip: string; accountId: string }, ticket: TicketRow, changes: Changes): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  const db = database(d1);
  const now = Date.now();
  const set: Partial<typeof tickets.$inferInsert> = { updatedAt: now };
  for (const [key, { to }] of Object.entries(changes)) Object.assign(set, { [key]: to });
  if (changes.status) set.closedAt = changes.status.to === "closed" ? now : null;
  await db.batch([
    db.update(tickets).set(set).where(and(eq(tickets.id, ticket.id), eq(tickets.accountId, actor.accountId))),
    auditEntry(db, {
      accountId: actor.accountId,
      actor: actor.actor,
      ip: actor.ip,
      action: "ticket.updated",
      target: { type: "ticket", id: ticket.id },
      detail: { number: ticket.number, ...changes },
      at: now,
    }),
  ]);
}

