/**
 * The single-use links e-mailed to customers (`customer_tokens`): a sign-up's confirmation
 * (24 h), an invitation from the console (7 days) and a password reset (2 h). Only the SHA-256
 * of the token is stored. A token is used in the batch that sets the password: that write is
 * guarded by "still unused and unexpired" (db/guarded.ts), so of two concurrent uses one wins.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { randomToken, sha256Hex } from "../auth/encoding";
import type { Database } from "../db/client";
import { customerTokens, type CustomerTokenPurpose } from "../db/schema";
import { ApiError } from "../errors";

export const TOKEN_TTL_MS: Record<CustomerTokenPurpose, number> = {
  signup: 24 * 60 * 60_000,
  invite: 7 * 24 * 60 * 60_000,
  reset: 2 * 60 * 60_000,
};

/** Tokens are base64url of 32 random bytes; anything else is not worth a query. */
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export type CustomerTokenRow = typeof customerTokens.$inferSelect;

export interface NewTokenInput {
  accountId: string;
  purpose: CustomerTokenPurpose;
  email: string;
  name?: string;
  customerId?: string | null;
  passwordHash?: string | null;
  createdBy?: string | null;
  now: number;
}

/** A new token (to put in the link, once) and its insert. */
export async function newCustomerToken(db: Database, input: NewTokenInput) {
  const token = randomToken();
  const expiresAt = input.now + TOKEN_TTL_MS[input.purpose];
  return {
    token,
    expiresAt,
    insert: db.insert(customerTokens).values({
      tokenHash: await sha256Hex(token),
      accountId: input.accountId,
      purpose: input.purpose,
      email: input.email,
      name: input.name ?? "",
      customerId: input.customerId ?? null,
      passwordHash: input.passwordHash ?? null,
      createdBy: input.createdBy ?? null,
      createdAt: input.now,
      expiresAt,
    }),
  };
}

export const tokenInvalid = () => new ApiError(404, "token_invalid", "This link is not valid (already used or unknown)");
export const tokenExpired = () => new ApiError(410, "token_expired", "This link has expired; ask for a new one");

/** The unused token of `purpose` in the account; 404 `token_invalid` or 410 `token_expired` otherwise. */
export async function usableToken(db: Database, accountId: string, purpose: CustomerTokenPurpose, token: string): Promise<CustomerTokenRow> {
  if (!TOKEN.test(token)) throw tokenInvalid();
  const row = await db
    .select()
    .from(customerTokens)
    .where(and(eq(customerTokens.tokenHash, await sha256Hex(token)), eq(customerTokens.accountId, accountId), eq(customerTokens.purpose, purpose)))
    .get();
  if (!row || row.usedAt !== null) throw tokenInvalid();
  if (row.expiresAt <= Date.now()) throw tokenExpired();
  return row;
}

/** SQL true while the token is unused and unexpired, when the statement runs. */
export function tokenStillUsable(tokenHash: string, now: number) {
  return sql`EXISTS (SELECT 1 FROM ${customerTokens} WHERE ${customerTokens.tokenHash} = ${tokenHash}
    AND ${customerTokens.usedAt} IS NULL AND ${customerTokens.expiresAt} > ${now})`;
}

/** Marks the token used. */
export function markTokenUsed(db: Database, tokenHash: string, now: number) {
  return db.update(customerTokens).set({ usedAt: now }).where(eq(customerTokens.tokenHash, tokenHash));
}

/** Ends the pending tokens of `purpose` for this e-mail (a new invitation or reset replaces the old link). */
export function retirePendingTokens(db: Database, accountId: string, purpose: CustomerTokenPurpose, email: string, now: number) {
  return db
    .update(customerTokens)
    .set({ usedAt: now })
    .where(and(eq(customerTokens.accountId, accountId), eq(customerTokens.purpose, purpose), eq(customerTokens.email, email), isNull(customerTokens.usedAt)));
}
