/**
 * A customer's e-mail answer to a ticket (worker/email/inbound-reply.ts): stored once per
 * Message-ID as a `customer` entry. It gives the turn back to the attendants: a ticket waiting
 * for the customer goes `in_progress`; a closed one reopens, `in_progress` when it has an
 * assignee (who gets it back) and `new` when not (it goes back to the queue). The entry and the
 * ticket's change are one batch, and the change only happens when the entry was stored, so a
 * repeated delivery of the same e-mail changes nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import { database } from "../db/client";
import { ticketEntries, tickets } from "../db/schema";
import type { ThreadReplyHandler } from "../email/inbound-reply";

/**
 * The ticket's change when the customer writes (by e-mail or in the Painel do Cliente): the turn
 * goes back to the attendants, and a closed ticket reopens (see the module comment).
 */
export function customerTurn(at: number) {
  return {
    status: sql`CASE WHEN ${tickets.status} = 'closed' AND ${tickets.assigneeId} IS NULL THEN 'new' WHEN ${tickets.status} IN ('closed', 'waiting_customer') THEN 'in_progress' ELSE ${tickets.status} END`,
    closedAt: null,
    updatedAt: sql`MAX(${tickets.updatedAt}, ${at})`,
  };
}

/** Stores the reply in its ticket (the handler verified the thread address). */
export const appendTicketReply: ThreadReplyHandler = async (env, reply) => {
  const db = database(env.DB);
  const ticket = await db
    .select({ id: tickets.id, accountId: tickets.accountId })
    .from(tickets)
    .where(eq(tickets.id, reply.threadId))
    .get();
  if (!ticket) return "unknown_thread";
  const entryId = crypto.randomUUID();
  const at = reply.receivedAt;
  const [inserted] = await db.batch([
    db
      .insert(ticketEntries)
      .values({
        id: entryId,
        accountId: ticket.accountId,
        ticketId: ticket.id,
        kind: "customer",
        authorId: null,
        authorName: reply.fromName || reply.from,
        body: reply.text,
        emailMessageId: reply.messageId,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: ticketEntries.id }),
    db
      .update(tickets)
      .set(customerTurn(at))
      .where(
        and(
          eq(tickets.id, ticket.id),
          eq(tickets.accountId, ticket.accountId),
          sql`EXISTS (SELECT 1 FROM ${ticketEntries} WHERE ${ticketEntries.id} = ${entryId})`,
        ),
      ),
  ]);
  return inserted.length > 0 ? "stored" : "duplicate";
};
