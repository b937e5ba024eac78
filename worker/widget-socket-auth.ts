/**
 * What a customer's socket upgrade reads from D1, in one query each: during a reconnect storm
 * (a deploy drops every socket and thousands of customers come back within seconds) each D1
 * round trip is paid once per customer, so the upgrade asks for the account's allowed sites, the
 * customer and (for a resume) the chat together instead of one query for each.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { database } from "./db/client";
import { accounts, chats, customers } from "./db/schema";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";
import { assertOriginAllowed } from "./routes/widget-origin";

const invalidToken = (message: string) => new ApiError(401, "invalid_token", message);

/**
 * The name of the customer a socket token names, once the request's `Origin` is allowed for the
 * account (`403 origin_not_allowed`); `401 invalid_token` when the customer does not exist in
 * that account or was forgotten. The same rules, in the same order, as reading the account's
 * list and then the customer.
 */
export async function socketCustomerName(c: Context<AppEnv>, accountId: string, customerId: string): Promise<string> {
  const row = await database(c.env.DB)
    .select({ allowedOrigins: accounts.allowedOrigins, name: customers.name })
    .from(accounts)
    // A forgotten customer's socket tokens stop working with their customer token.
    .leftJoin(customers, and(eq(customers.id, customerId), eq(customers.accountId, accounts.id), isNull(customers.deletedAt)))
    .where(eq(accounts.id, accountId))
    .get();
  if (row) assertOriginAllowed(c, row.allowedOrigins);
  if (!row?.name) throw invalidToken("Unknown customer");
  return row.name;
}

/** The chat a resume socket is for, as D1 has it (the department names its room). */
export interface ResumeTarget {
  accountId: string;
  customerName: string;
  chat: { id: string; departmentId: string; status: "waiting" | "active" | "closed"; closedAt: number | null };
}

/**
 * Account (by public key), its allowed sites, the token's customer and the chat, in one query.
 * `404 unknown_account`, `403 origin_not_allowed`, `401 invalid_token` (a token of another
 * account, an unknown or forgotten customer), `404 chat_not_found` (no such chat of this
 * customer in this account: another customer's or another account's chat reads the same).
 */
export async function resumeTarget(c: Context<AppEnv>, publicKey: string, ticket: { a: string; c: string }, chatId: string): Promise<ResumeTarget> {
  const row = await resumeQuery(c.env.DB).get({ publicKey, customerId: ticket.c, chatId });
  if (!row) throw new ApiError(404, "unknown_account", "No account has this key");
  assertOriginAllowed(c, row.allowedOrigins);
  if (row.accountId !== ticket.a || !row.customerName) throw invalidToken("Unknown or invalid customer token");
  if (!row.chatId || !row.departmentId || !row.status) throw new ApiError(404, "chat_not_found", "No such chat");
  return {
    accountId: row.accountId,
    customerName: row.customerName,
    chat: { id: row.chatId, departmentId: row.departmentId, status: row.status, closedAt: row.closedAt },
  };
}

/** The resume's query, built once per D1 binding (drizzle's query building is a share of every read). */
const resumeQueries = new WeakMap<D1Database, ReturnType<typeof buildResumeQuery>>();

function resumeQuery(db: D1Database) {
  let query = resumeQueries.get(db);
  if (!query) resumeQueries.set(db, (query = buildResumeQuery(db)));
  return query;
}

function buildResumeQuery(db: D1Database) {
  const customerId = sql.placeholder("customerId");
  return database(db)
    .select({
      accountId: accounts.id,
      allowedOrigins: accounts.allowedOrigins,
      customerName: customers.name,
      chatId: chats.id,
      departmentId: chats.departmentId,
      status: chats.status,
      closedAt: chats.closedAt,
    })
    .from(accounts)
    .leftJoin(customers, and(eq(customers.id, customerId), eq(customers.accountId, accounts.id), isNull(customers.deletedAt)))
    .leftJoin(chats, and(eq(chats.id, sql.placeholder("chatId")), eq(chats.accountId, accounts.id), eq(chats.customerId, customerId)))
    .where(eq(accounts.publicKey, sql.placeholder("publicKey")))
    .prepare();
}
