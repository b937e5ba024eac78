/**
 * DELETE /api/customers/:id, the right to be forgotten. The customer's chats stay as anonymous
 * records (reports count them), but nothing that identifies the person or that they wrote is
 * kept: name and e-mail, every message text of their chats, page URLs, survey comments and their
 * offline messages, in D1 and in every department room's storage.
 *
 * Order, because rooms copy messages to D1 write-behind:
 * 1. `deleted_at` is set first, so their tokens stop working and no new chat of theirs starts,
 *    with their Painel do Cliente password, sessions and e-mailed links deleted;
 * 2. every department room of the account blanks its copy and closes their open chats, and has
 *    finished every D1 copy of the old text when it answers (durable-objects/forget-customer.ts);
 * 3. D1 is blanked in one batch with the audit entry. Run again, every step does the same: a
 *    failure half-way is repaired by repeating the DELETE.
 */
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import { departmentRoom } from "./access";
import { auditEntry, type AuditActor } from "./audit";
import { database } from "./db/client";
import { chatMessages, chats, chatSurveys, customers, departments, offlineMessageEntries, offlineMessages } from "./db/schema";
import type { Env } from "./env";
import { FORGOTTEN_NAME } from "../durable-objects/forget-customer";
import { deleteCustomerTickets } from "./tickets/purge";
import { deleteCustomerLogin } from "./customer-auth/credentials";
import { purgeChatAttachments } from "./attachments/store";

export { FORGOTTEN_NAME };

export interface ForgetInput {
  accountId: string;
  customer: { id: string; email: string };
  actor: AuditActor;
  ip: string;
}

/** Asks the rooms of `departmentIds` to forget the customer; how many chats they held. */
async function forgetInRooms(env: Env, accountId: string, departmentIds: string[], customerId: string): Promise<number> {
  const results = await Promise.all(departmentIds.map((id) => departmentRoom(env, accountId, id).forgetCustomer(customerId)));
  return results.reduce((sum, r) => sum + r.chats, 0);
}

/** Departments where D1 still shows an open chat of the customer (one moved by a transfer meanwhile). */
async function departmentsWithOpenChats(db: D1Database, accountId: string, customerId: string): Promise<string[]> {
  const rows = await database(db)
    .selectDistinct({ id: chats.departmentId })
    .from(chats)
    .where(and(eq(chats.accountId, accountId), eq(chats.customerId, customerId), ne(chats.status, "closed")));
  return rows.map((r) => r.id);
}

/** Forgets the customer everywhere (see the module comment). Idempotent. */
export async function forgetCustomer(env: Env, input: ForgetInput): Promise<void> {
  const db = database(env.DB);
  const { accountId, customer } = input;
  const now = Date.now();
  const ofCustomer = and(eq(customers.id, customer.id), eq(customers.accountId, accountId));
  // Their panel login goes first, while the row still holds the e-mail its links are found by.
  await db.batch([
    ...deleteCustomerLogin(db, accountId, customer),
    db.update(customers).set({ deletedAt: sql`COALESCE(${customers.deletedAt}, ${now})` }).where(ofCustomer),
  ]);

  const all = await db.select({ id: departments.id }).from(departments).where(eq(departments.accountId, accountId));
  await forgetInRooms(env, accountId, all.map((d) => d.id), customer.id);
  const moved = await departmentsWithOpenChats(env.DB, accountId, customer.id);
  if (moved.length > 0) await forgetInRooms(env, accountId, moved, customer.id);

  const theirChats = db.select({ id: chats.id }).from(chats).where(and(eq(chats.accountId, accountId), eq(chats.customerId, customer.id)));
  const chatCount = await db.$count(chats, and(eq(chats.accountId, accountId), eq(chats.customerId, customer.id)));
  const byEmail = customer.email ? eq(offlineMessages.email, customer.email) : undefined;
  const theirOffline = db
    .select({ id: offlineMessages.id })
    .from(offlineMessages)
    .where(and(eq(offlineMessages.accountId, accountId), or(eq(offlineMessages.customerId, customer.id), byEmail)));
  // Every file of their chats (either side's: an attendant's may show the customer's data too):
  // the R2 objects now, the rows in the batch below.
  const { deleteRows: theirFiles } = await purgeChatAttachments(env.ATTACHMENTS, db, accountId, theirChats);
  await db.batch([
    db.update(customers).set({ name: FORGOTTEN_NAME, email: "", verifiedEmail: null, updatedAt: now }).where(ofCustomer),
    db.update(chatMessages).set({ body: "", attachmentId: null }).where(and(eq(chatMessages.accountId, accountId), inArray(chatMessages.chatId, theirChats))),
    db
      .update(chatMessages)
      .set({ authorName: FORGOTTEN_NAME })
      .where(and(eq(chatMessages.accountId, accountId), eq(chatMessages.authorType, "customer"), inArray(chatMessages.chatId, theirChats))),
    theirFiles,
    db.update(chats).set({ pageUrl: null }).where(and(eq(chats.accountId, accountId), eq(chats.customerId, customer.id))),
    db.update(chatSurveys).set({ comment: null }).where(and(eq(chatSurveys.accountId, accountId), inArray(chatSurveys.chatId, theirChats))),
    // The threads' entries first: they point at the offline messages (foreign key).
    db.delete(offlineMessageEntries).where(and(eq(offlineMessageEntries.accountId, accountId), inArray(offlineMessageEntries.offlineMessageId, theirOffline))),
    // Their tickets and every entry of them (what they wrote, and what was answered to them).
    ...deleteCustomerTickets(db, accountId, customer.id),
    db.delete(offlineMessages).where(and(eq(offlineMessages.accountId, accountId), or(eq(offlineMessages.customerId, customer.id), byEmail))),
    // Counts only: the audit log must not keep the name or the e-mail either.
    auditEntry(db, {
      accountId,
      actor: input.actor,
      action: "customer.deleted",
      target: { type: "customer", id: customer.id },
      detail: { chats: chatCount },
      ip: input.ip,
      at: now,
    }),
  ]);
}
