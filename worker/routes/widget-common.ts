/**
 * What every widget route needs: the account behind a public key and the customer behind a
 * customer token. A token only ever reaches a customer of the account it was signed for.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import * as z from "zod";
import { tokenSecret, verifyToken } from "../auth/tokens";
import { database } from "../db/client";
import { accounts, customers } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { assertOriginAllowed } from "./widget-origin";

export const AccountKey = z.string().min(1).max(100);

/**
 * The account of a public key, for a widget request: `404 unknown_account` for an unknown (or
 * replaced) key, `403 origin_not_allowed` when the request comes from a site the account does
 * not allow. Every widget route resolves its account here, so none skips the allowed sites (the
 * config poll reads it in its one-batch reader, widget-config-reads.ts, and makes the same checks).
 */
export async function accountByKey(c: Context<AppEnv>, key: string) {
  const account = await database(c.env.DB).select().from(accounts).where(eq(accounts.publicKey, key)).get();
  if (!account) throw new ApiError(404, "unknown_account", "No account has this key");
  assertOriginAllowed(c, account.allowedOrigins);
  return account;
}

export function bearer(c: Context<AppEnv>): string | null {
  const header = c.req.header("Authorization");
  return header?.startsWith("Bearer ") ? header.slice(7) : null;
}

/** The customer of `accountId` named by the request's Bearer token, or undefined (also once they were forgotten). */
export async function tokenCustomer(c: Context<AppEnv>, accountId: string) {
  const ticket = await verifyToken(tokenSecret(c.env), "customer", bearer(c));
  if (!ticket || ticket.a !== accountId) return undefined;
  return database(c.env.DB)
    .select()
    .from(customers)
    .where(and(eq(customers.id, ticket.c), eq(customers.accountId, accountId), isNull(customers.deletedAt)))
    .get();
}

/** Like `tokenCustomer`, but a missing or foreign token is a 401. */
export async function requireCustomer(c: Context<AppEnv>, accountId: string) {
  const customer = await tokenCustomer(c, accountId);
  if (!customer) throw new ApiError(401, "invalid_token", "Unknown or invalid customer token");
  return customer;
}
