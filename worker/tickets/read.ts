/**
 * The one read path of Chamados: who sees which tickets, the list and detail queries, and the
 * one serializer of a ticket and of an entry. A ticket of a department is seen by whoever sees
 * the department (access.ts); a ticket without a department by every attendant of the account,
 * like an offline message without one (converting a message must not hide it from anybody).
 * Another account's or an unseen department's ticket is a 404, as with chats.
 */
import { and, asc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { visibleDepartments } from "../access";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { attendants, customers, departments, ticketEntries, tickets } from "../db/schema";
import type { Env } from "../env";
import { notFound } from "../errors";
import { outboxOf } from "../email/send";
import type { TicketEntryView, TicketItem } from "../views-tickets";

type Who = Pick<SessionAttendant, "id" | "accountId" | "role">;

/** Most entries one detail returns; a longer thread is exceptional. */
export const ENTRY_LIMIT = 500;

const assignee = alias(attendants, "assignee");

const columns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  source: tickets.source,
  customerId: customers.id,
  customerName: customers.name,
  customerEmail: customers.email,
  departmentId: tickets.departmentId,
  departmentName: departments.name,
  assigneeId: tickets.assigneeId,
  assigneeName: assignee.name,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  closedAt: tickets.closedAt,
};

/** Tickets with their customer, department and assignee; the caller filters by account. */
export function ticketQuery(db: D1Database) {
  return database(db)
    .select(columns)
    .from(tickets)
    .innerJoin(customers, and(eq(customers.id, tickets.customerId), eq(customers.accountId, tickets.accountId)))
    .leftJoin(departments, and(eq(departments.id, tickets.departmentId), eq(departments.accountId, tickets.accountId)))
    .leftJoin(assignee, and(eq(assignee.id, tickets.assigneeId), eq(assignee.accountId, tickets.accountId)));
}

/** One row of `ticketQuery`. */
export type TicketRow = NonNullable<Awaited<ReturnType<ReturnType<typeof ticketQuery>["get"]>>>;

/** The one mapping of a `ticketQuery` row to the API's `TicketItem`. */
export function toTicketItem(row: TicketRow): TicketItem {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    source: row.source,
    customer: { id: row.customerId, name: row.customerName, email: row.customerEmail },
    department: row.departmentId ? { id: row.departmentId, name: row.departmentName ?? "" } : null,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

/** The condition "a ticket `who` may see", and the departments behind it. */
export async function ticketScope(db: D1Database, who: Who): Promise<{ departmentIds: string[]; where: SQL }> {
  const departmentIds = (await visibleDepartments(db, who)).map((d) => d.id);
  const seen = departmentIds.length ? or(isNull(tickets.departmentId), inArray(tickets.departmentId, departmentIds)) : isNull(tickets.departmentId);
  return { departmentIds, where: and(eq(tickets.accountId, who.accountId), seen)! };
}

/** The ticket if `who` may see it; 404 otherwise (unknown id, another account, an unseen department). */
export async function loadTicket(db: D1Database, who: Who, id: string): Promise<TicketRow> {
  const { where } = await ticketScope(db, who);
  const row = await ticketQuery(db).where(and(eq(tickets.id, id), where)).get();
  if (!row) throw notFound("No such ticket");
  return row;
}

type EntryRow = typeof ticketEntries.$inferSelect;

/** The one mapping of an entry row; `delivery` only for public replies. */
export function toEntryView(row: EntryRow, delivery?: TicketEntryView["delivery"]): TicketEntryView {
  return {
    id: row.id,
    kind: row.kind,
    author: { id: row.authorId, name: row.authorName },
    body: row.body,
    createdAt: row.createdAt,
    ...(row.kind === "reply" ? { delivery: delivery ?? null } : {}),
  };
}

/** Where a reply's e-mail is, read from the account's outbox. */
export async function deliveryOf(env: Env, accountId: string, outboxId: string | null): Promise<TicketEntryView["delivery"]> {
  if (!outboxId) return null;
  const row = await outboxOf(env, accountId).get(outboxId);
  return row ? { status: row.status, lastError: row.lastError, sentAt: row.sentAt } : null;
}

/** A ticket's thread for the console, oldest first, each public reply with its delivery state. */
export async function readEntries(env: Env, accountId: string, ticketId: string): Promise<TicketEntryView[]> {
  const rows = await database(env.DB)
    .select()
    .from(ticketEntries)
    .where(and(eq(ticketEntries.accountId, accountId), eq(ticketEntries.ticketId, ticketId)))
    .orderBy(asc(ticketEntries.createdAt), asc(ticketEntries.id))
    .limit(ENTRY_LIMIT);
  return Promise.all(rows.map(async (r) => toEntryView(r, r.kind === "reply" ? await deliveryOf(env, accountId, r.outboxId) : undefined)));
}
