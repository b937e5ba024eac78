/**
 * Opening a ticket: the customer found (or created) by e-mail in the account, the ticket with
 * the account's next protocol number, its first entry and whatever the caller must write with
 * it (an offline message marked converted, an audit entry), all in one D1 batch.
 *
 * The number is taken inside the INSERT (`MAX(number) + 1` of the account), like a chat's
 * (db/writes.ts insertChat): D1 runs one statement at a time, and the unique index on
 * (account_id, number) refuses a duplicate anyway; a refused batch wrote nothing and is run again.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { isUniqueViolation } from "../db/guarded";
import { insertCustomer } from "../db/writes";
import { customers, ticketEntries, tickets, type TicketPriority, type TicketSource } from "../db/schema";

/** Tries of a batch refused by the number's unique index (two tickets opened at the same moment). */
const NUMBER_TRIES = 5;

/** Longest subject, in the API and when one is made from a message. */
export const MAX_SUBJECT = 200;

/** A ticket's customer: an existing row, or one to create in the ticket's batch. */
export interface TicketCustomer {
  id: string;
  name: string;
  email: string;
  isNew: boolean;
}

/**
 * The account's customer with this e-mail (the oldest one not forgotten), or a new one to insert.
 * Two customers of one e-mail may exist (chats before identification): the oldest is the person.
 */
export async function findOrNewCustomer(db: Database, accountId: string, who: { name: string; email: string }): Promise<TicketCustomer> {
  const email = who.email.trim().toLowerCase();
  const found = await db
    .select({ id: customers.id, name: customers.name, email: customers.email })
    .from(customers)
    .where(and(eq(customers.accountId, accountId), isNull(customers.deletedAt), or(eq(customers.email, email), eq(customers.verifiedEmail, email))))
    .orderBy(asc(customers.createdAt))
    .get();
  return found ? { ...found, isNew: false } : { id: crypto.randomUUID(), name: who.name, email, isNew: true };
}

export interface NewTicket {
  accountId: string;
  subject: string;
  customer: TicketCustomer;
  departmentId: string | null;
  priority: TicketPriority;
  assigneeId: string | null;
  source: TicketSource;
  sourceId: string | null;
  first: { kind: "customer" | "note"; authorId: string | null; authorName: string; body: string };
  at: number;
}

/** Writes the ticket, its first entry and `extra` (statements of the same change) in one batch; returns the ticket's id. */
export async function insertTicket(db: Database, input: NewTicket, extra: (ticketId: string) => BatchItem<"sqlite">[] = () => []): Promise<string> {
  const id = crypto.randomUUID();
  const statements: BatchItem<"sqlite">[] = [
    ...(input.customer.isNew ? [insertCustomer(db, { ...input.customer, accountId: input.accountId, at: input.at })] : []),
    db.insert(tickets).values({
      id,
      accountId: input.accountId,
      number: sql`(SELECT COALESCE(MAX(${tickets.number}), 0) + 1 FROM ${tickets} WHERE ${tickets.accountId} = ${input.accountId})`,
      subject: input.subject,
      customerId: input.customer.id,
      departmentId: input.departmentId,
      priority: input.priority,
      assigneeId: input.assigneeId,
      source: input.source,
      sourceId: input.sourceId,
      createdAt: input.at,
      updatedAt: input.at,
    }),
    db.insert(ticketEntries).values({ id: crypto.randomUUID(), accountId: input.accountId, ticketId: id, ...input.first, createdAt: input.at }),
    ...extra(id),
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
      return id;
    } catch (error) {
      if (isUniqueViolation(error, "tickets.account_id, tickets.source")) throw new SourceTaken();
      if (!isUniqueViolation(error, "tickets.account_id, tickets.number") || attempt >= NUMBER_TRIES) throw error;
    }
  }
}

/** The source (an offline message, a chat) already has its ticket: the batch wrote nothing. */
export class SourceTaken extends Error {
  constructor() {
    super("This source already has a ticket");
  }
}

/** A subject made of a message: its first non-empty line, cut at `MAX_SUBJECT` characters. */
export function subjectFrom(text: string, fallback: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? "";
  const clean = line.replace(/[\u0000-\u001f\u007f]+/g, " ");
  if (!clean) return fallback;
  return clean.length > MAX_SUBJECT ? `${clean.slice(0, MAX_SUBJECT - 1)}…` : clean;
}
