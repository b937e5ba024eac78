/**
 * Every write to D1 that the department room and the routes share, typed by the drizzle
 * schema (a renamed column fails the type check instead of a query at run time). Each function
 * returns a statement, not a result, so callers put the writes that must happen together in
 * one `db.batch([...])`: D1 has no interactive transactions.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import { chats, customers, departmentPresence, type ChatOrigin } from "./schema";

export interface NewCustomerRow {
  id: string;
  accountId: string;
  name: string;
  email: string;
  at: number;
}

/** A new customer, as the widget's forms describe them. */
export function insertCustomer(db: Database, row: NewCustomerRow) {
  return db.insert(customers).values({ id: row.id, accountId: row.accountId, name: row.name, email: row.email, createdAt: row.at, updatedAt: row.at });
}

/** The name and e-mail a returning customer typed this time. */
export function updateCustomerContact(db: Database, row: NewCustomerRow) {
  return db
    .update(customers)
    .set({ name: row.name, email: row.email, updatedAt: row.at })
    .where(and(eq(customers.id, row.id), eq(customers.accountId, row.accountId)));
}

export interface NewChatRow {
  id: string;
  accountId: string;
  departmentId: string;
  customerId: string;
  origin: ChatOrigin;
  pageUrl: string | null;
  createdAt: number;
  /** The visitor's browser (the request's User-Agent, ≤ 500 chars) and the page's title (≤ 300). */
  userAgent?: string | null;
  pageTitle?: string | null;
}

/**
 * A waiting chat with the account's next protocol number, returned. One statement takes the
 * number: D1 runs statements one at a time, so two chats never get the same one (the unique
 * index on (account_id, number) would refuse it anyway).
 */
export function insertChat(db: Database, row: NewChatRow) {
  return db
    .insert(chats)
    .values({
      id: row.id,
      accountId: row.accountId,
      number: sql`(SELECT COALESCE(MAX(${chats.number}), 0) + 1 FROM ${chats} WHERE ${chats.accountId} = ${row.accountId})`,
      departmentId: row.departmentId,
      customerId: row.customerId,
      status: "waiting",
      origin: row.origin,
      pageUrl: row.pageUrl,
      createdAt: row.createdAt,
      userAgent: row.userAgent ?? null,
      pageTitle: row.pageTitle ?? null,
    })
    .returning({ number: chats.number });
}

/** Removes a chat that was never admitted (no message of it exists anywhere). */
export function deleteChat(db: Database, accountId: string, chatId: string) {
  return db.delete(chats).where(and(eq(chats.id, chatId), eq(chats.accountId, accountId), eq(chats.status, "waiting"), eq(chats.lastSeq, 0)));
}

/**
 * The room's latest answer to "does this department take chats now". Guarded by `changedAt`,
 * so a retried older write never replaces a newer one.
 */
export function upsertDepartmentPresence(db: Database, row: { accountId: string; departmentId: string; online: boolean; busy: boolean; changedAt: number }) {
  return db
    .insert(departmentPresence)
    .values(row)
    .onConflictDoUpdate({
      target: [departmentPresence.accountId, departmentPresence.departmentId],
      set: { online: row.online, busy: row.busy, changedAt: row.changedAt },
      setWhere: sql`${departmentPresence.changedAt} <= ${row.changedAt}`,
    });
}

/** Removes a customer created for a chat that was refused after all (nothing else points at them yet). */
export function deleteCustomerWithoutChats(db: Database, accountId: string, customerId: string) {
  return db
    .delete(customers)
    .where(
      and(
        eq(customers.id, customerId),
        eq(customers.accountId, accountId),
        sql`NOT EXISTS (SELECT 1 FROM ${chats} WHERE ${chats.customerId} = ${customerId})`,
      ),
    );
}

/**
 * The customer with a verified e-mail, created on first use (a concurrent second insert hits the
 * partial unique index and does nothing), then named as the host site says now.
 */
export function upsertVerifiedCustomer(db: Database, row: NewCustomerRow & { verifiedEmail: string }) {
  const match = and(eq(customers.accountId, row.accountId), eq(customers.verifiedEmail, row.verifiedEmail));
  return [
    db
      .insert(customers)
      .values({ id: row.id, accountId: row.accountId, name: row.name, email: row.email, verifiedEmail: row.verifiedEmail, createdAt: row.at, updatedAt: row.at })
      .onConflictDoNothing(),
    db.update(customers).set({ name: row.name, email: row.email, updatedAt: row.at }).where(match),
    db.select({ id: customers.id, name: customers.name, email: customers.email }).from(customers).where(match),
  ] as const;
}
