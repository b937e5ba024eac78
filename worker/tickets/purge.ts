/**
 * Deleting tickets with their entries, children first (D1 enforces the foreign keys), for the
 * right to be forgotten (worker/forget-customer.ts) and retention (worker/retention.ts). Each
 * function returns statements for the caller's batch.
 */
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import type { Database } from "../db/client";
import { ticketEntries, tickets } from "../db/schema";

/** Every ticket of the customer, and their entries. */
export function deleteCustomerTickets(db: Database, accountId: string, customerId: string) {
  const theirs = db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.accountId, accountId), eq(tickets.customerId, customerId)));
  return [
    db.delete(ticketEntries).where(and(eq(ticketEntries.accountId, accountId), inArray(ticketEntries.ticketId, theirs))),
    db.delete(tickets).where(and(eq(tickets.accountId, accountId), eq(tickets.customerId, customerId))),
  ] as const;
}

/**
 * One batch of the account's tickets closed before `before` (at most `limit`): their entries,
 * then the tickets; the number of tickets deleted. Open tickets are never touched.
 */
export async function purgeClosedTickets(db: Database, accountId: string, before: number, limit: number): Promise<number> {
  const doomed = db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.accountId, accountId), eq(tickets.status, "closed"), lt(tickets.closedAt, before)))
    .orderBy(asc(tickets.closedAt), asc(tickets.id))
    .limit(limit);
  const [, deleted] = await db.batch([
    db.delete(ticketEntries).where(and(eq(ticketEntries.accountId, accountId), inArray(ticketEntries.ticketId, doomed))),
    db.delete(tickets).where(and(eq(tickets.accountId, accountId), inArray(tickets.id, doomed))).returning({ id: tickets.id }),
  ]);
  return deleted.length;
}
