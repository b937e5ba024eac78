/**
 * The customer's own tickets in the Painel do Cliente (and the app Meu Suporte): the list, one
 * thread without internal notes, a new ticket and a reply. Every query names the account and
 * the customer, so another customer's ticket is a 404 like an unknown one. A reply is stored
 * like an e-mailed answer (a `customer` entry; tickets/inbound.ts `customerTurn`), so attendants
 * see it in Chamados the same way and a resolved ticket reopens.
 */
import { and, asc, desc, eq, gt, inArray, lte } from "drizzle-orm";
import { auditEntry } from "../audit";
import { database } from "../db/client";
import { departments, ticketEntries, tickets } from "../db/schema";
import type { Env } from "../env";
import { ApiError, notFound } from "../errors";
import { insertTicket } from "../tickets/create";
import { customerTurn } from "../tickets/inbound";
import { ENTRY_LIMIT } from "../tickets/read";
import type { PanelCustomer, PanelTicket, PanelTicketDetailResponse, PanelTicketEntry, PanelUpdatesResponse } from "../views-panel";

/** Tickets per page of the list. */
export const PANEL_PAGE = 20;
/** Most replies one poll of /updates returns. */
const UPDATES_LIMIT = 50;

const columns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  departmentName: departments.name,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

function ticketsOf(db: D1Database) {
  return database(db)
    .select(columns)
    .from(tickets)
    .leftJoin(departments, and(eq(departments.id, tickets.departmentId), eq(departments.accountId, tickets.accountId)));
}

const theirs = (accountId: string, customerId: string) => and(eq(tickets.accountId, accountId), eq(tickets.customerId, customerId));

/** One page of the customer's tickets, latest activity first. */
export async function listTickets(db: D1Database, accountId: string, customer: PanelCustomer, page: number) {
  const rows = await ticketsOf(db)
    .where(theirs(accountId, customer.id))
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(PANEL_PAGE + 1)
    .offset((page - 1) * PANEL_PAGE);
  return { tickets: rows.slice(0, PANEL_PAGE) satisfies PanelTicket[], hasMore: rows.length > PANEL_PAGE };
}

/** The customer's ticket; 404 for an unknown id or anybody else's. */
export async function loadTicket(db: D1Database, accountId: string, customer: PanelCustomer, id: string): Promise<PanelTicket> {
  const row = await ticketsOf(db).where(and(theirs(accountId, customer.id), eq(tickets.id, id))).get();
  if (!row) throw notFound("No such ticket");
  return row;
}

function toEntry(row: { id: string; kind: string; authorName: string; body: string; createdAt: number }): PanelTicketEntry {
  return { id: row.id, author: row.kind === "customer" ? "customer" : "attendant", authorName: row.authorName, body: row.body, createdAt: row.createdAt };
}

/** The ticket and its public thread, oldest first: internal notes never leave here. */
export async function ticketDetail(db: D1Database, accountId: string, customer: PanelCustomer, id: string): Promise<PanelTicketDetailResponse> {
  const ticket = await loadTicket(db, accountId, customer, id);
  const rows = await database(db)
    .select()
    .from(ticketEntries)
    .where(and(eq(ticketEntries.accountId, accountId), eq(ticketEntries.ticketId, id), inArray(ticketEntries.kind, ["customer", "reply"])))
    .orderBy(asc(ticketEntries.createdAt), asc(ticketEntries.id))
    .limit(ENTRY_LIMIT);
  return { ticket, entries: rows.map(toEntry) };
}

/** An active department of the account (the customer's choice of one), or 400 naming `departmentId`. */
async function activeDepartment(db: D1Database, accountId: string, departmentId: string): Promise<void> {
  const found = await database(db)
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.accountId, accountId), eq(departments.active, true)))
    .get();
  if (!found) throw new ApiError(400, "unknown_department", "No such department", "departmentId");
}

export interface NewPanelTicket {
  subject: string;
  message: string;
  departmentId?: string | undefined;
}

/**
 * Opens a ticket for the customer, their message as its first entry, audited as
 * `ticket.created` by the customer. Source "email": the customer wrote it under their verified
 * e-mail and is answered by e-mail, as with a ticket opened by e-mail.
 */
export async function openTicket(env: Env, accountId: string, customer: PanelCustomer, input: NewPanelTicket): Promise<PanelTicket> {
  if (input.departmentId) await activeDepartment(env.DB, accountId, input.departmentId);
  const db = database(env.DB);
  const at = Date.now();
  const actor = { id: null, name: customer.name };
  const id = await insertTicket(
    db,
    {
      accountId,
      subject: input.subject,
      customer: { ...customer, isNew: false },
      departmentId: input.departmentId ?? null,
      priority: "normal",
      assigneeId: null,
      source: "email",
      sourceId: null,
      first: { kind: "customer", authorId: null, authorName: customer.name, body: input.message },
      at,
    },
    (ticketId) => [auditEntry(db, { accountId, actor, action: "ticket.created", target: { type: "ticket", id: ticketId }, detail: { source: "customer_panel" }, at })],
  );
  return loadTicket(env.DB, accountId, customer, id);
}

/** The customer's reply: a `customer` entry, and the turn back to the attendants (a closed ticket reopens). */
export async function replyToTicket(env: Env, accountId: string, customer: PanelCustomer, ticketId: string, body: string): Promise<PanelTicketEntry> {
  await loadTicket(env.DB, accountId, customer, ticketId);
  const db = database(env.DB);
  const at = Date.now();
  const entry = { id: crypto.randomUUID(), accountId, ticketId, kind: "customer" as const, authorId: null, authorName: customer.name, body, createdAt: at };
  await db.batch([
    db.insert(ticketEntries).values(entry),
    db.update(tickets).set(customerTurn(at)).where(and(eq(tickets.id, ticketId), eq(tickets.accountId, accountId), eq(tickets.customerId, customer.id))),
  ]);
  return toEntry(entry);
}

/** Attendants' public replies to the customer's tickets in (`since`, `now`], oldest first: polling from `now` next time misses none and repeats none. */
export async function ticketUpdates(db: D1Database, accountId: string, customer: PanelCustomer, since: number): Promise<PanelUpdatesResponse> {
  const now = Date.now();
  const replies = await database(db)
    .select({ ticketId: tickets.id, number: tickets.number, subject: tickets.subject, authorName: ticketEntries.authorName, createdAt: ticketEntries.createdAt })
    .from(ticketEntries)
    .innerJoin(tickets, and(eq(tickets.id, ticketEntries.ticketId), eq(tickets.accountId, ticketEntries.accountId)))
    .where(and(theirs(accountId, customer.id), eq(ticketEntries.kind, "reply"), gt(ticketEntries.createdAt, since), lte(ticketEntries.createdAt, now)))
    .orderBy(asc(ticketEntries.createdAt), asc(ticketEntries.id))
    .limit(UPDATES_LIMIT);
  return { now, replies };
}
