/**
 * A customer's e-mailed answer to an offline message (worker/email/inbound.ts verified the
 * signed thread address): it becomes a customer entry of the thread, once per Message-ID, and an
 * answered message goes back to `new`, since it needs an attendant again. Only the address the
 * customer gave may write to the thread: anyone else holding the address (a forward, a leak) is
 * treated as an unknown thread and rejected. A message that became a ticket hands the reply to
 * the ticket, so the conversation goes on where attendants now work on it.
 */
import { and, eq, sql } from "drizzle-orm";
import { database } from "../db/client";
import { offlineMessageEntries, offlineMessages } from "../db/schema";
import type { ThreadReplyHandler } from "../email/inbound-reply";
import { appendTicketReply } from "../tickets/inbound";

/** Stores the reply in its offline message's thread (see the module comment). */
export const appendOfflineReply: ThreadReplyHandler = async (env, reply) => {
  const db = database(env.DB);
  const message = await db
    .select({ accountId: offlineMessages.accountId, name: offlineMessages.name, email: offlineMessages.email, status: offlineMessages.status, ticketId: offlineMessages.ticketId })
    .from(offlineMessages)
    .where(eq(offlineMessages.id, reply.threadId))
    .get();
  if (!message) return "unknown_thread";
  if (message.email.toLowerCase() !== reply.from.toLowerCase()) {
    console.warn("inbound e-mail: sender is not the offline message's customer", reply.threadId, reply.messageId);
    return "unknown_thread";
  }
  if (message.status === "ticket" && message.ticketId) return appendTicketReply(env, { ...reply, threadId: message.ticketId });
  const id = crypto.randomUUID();
  const [inserted] = await db.batch([
    // The partial unique index on (account, Message-ID) makes a second delivery a no-op.
    db
      .insert(offlineMessageEntries)
      .values({
        id,
        accountId: message.accountId,
        offlineMessageId: reply.threadId,
        authorType: "customer",
        authorId: null,
        authorName: message.name,
        body: reply.text,
        emailMessageId: reply.messageId,
        outboxId: null,
        createdAt: reply.receivedAt,
      })
      .onConflictDoNothing()
      .returning({ id: offlineMessageEntries.id }),
    db
      .update(offlineMessages)
      .set({ status: "new" })
      .where(
        and(
          eq(offlineMessages.id, reply.threadId),
          eq(offlineMessages.accountId, message.accountId),
          eq(offlineMessages.status, "answered"),
          sql`EXISTS (SELECT 1 FROM offline_message_entries WHERE id = ${id})`,
        ),
      ),
  ]);
  return inserted.length > 0 ? "stored" : "duplicate";
};
