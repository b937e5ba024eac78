/**
 * Customers' passwords (`customer_credentials`, hashed like attendants': auth/password.ts) and
 * the one write that uses an e-mailed link: the password set, the link used, a session started
 * (and, for a reset, the customer's other sessions ended), in one D1 batch whose password write
 * is guarded by the link still being usable.
 */
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { UNUSABLE_HASH, verifyPassword } from "../auth/password";
import { database, type Database } from "../db/client";
import { guarded, isGuardAbort } from "../db/guarded";
import { customerCredentials, customers, customerSessions, customerTokens } from "../db/schema";
import type { AppEnv } from "../env";
import type { PanelCustomer } from "../views-panel";
import { endOtherSessions, newCustomerSession, setCustomerCookie } from "./session";
import { markTokenUsed, tokenInvalid, tokenStillUsable, type CustomerTokenRow } from "./tokens";

/** Same rule as attendants' passwords. */
export const MIN_CUSTOMER_PASSWORD = 10;

/** The account's login of this e-mail: its verified customer and password hash, or null. */
export async function findLogin(db: Database, accountId: string, email: string) {
  const row = await db
    .select({ id: customers.id, name: customers.name, email: customers.verifiedEmail, passwordHash: customerCredentials.passwordHash })
    .from(customerCredentials)
    .innerJoin(customers, and(eq(customers.id, customerCredentials.customerId), eq(customers.accountId, customerCredentials.accountId)))
    .where(and(eq(customerCredentials.accountId, accountId), eq(customers.verifiedEmail, email), isNull(customers.deletedAt)))
    .get();
  return row?.email ? { id: row.id, name: row.name, email: row.email, passwordHash: row.passwordHash } : null;
}

/** The customer when the password matches their login; null otherwise (same work either way, so timing tells nothing). */
export async function checkLogin(db: Database, accountId: string, email: string, password: string): Promise<PanelCustomer | null> {
  const found = await findLogin(db, accountId, email);
  const valid = await verifyPassword(password, found?.passwordHash ?? UNUSABLE_HASH);
  return found && valid ? { id: found.id, name: found.name, email: found.email } : null;
}

/**
 * Uses `token` to set the customer's password and log them in: one batch (see the module
 * comment). `endOthers` ends the customer's other sessions (a reset). A token used meanwhile
 * rolls the batch back: 404 `token_invalid`.
 */
export async function setPasswordWithToken(
  c: Context<AppEnv>,
  token: CustomerTokenRow,
  customer: PanelCustomer,
  passwordHash: string,
  options: { endOthers?: boolean; extra?: BatchItem<"sqlite">[] } = {},
): Promise<void> {
  const db = database(c.env.DB);
  const now = Date.now();
  const guardedHash = guarded(tokenStillUsable(token.tokenHash, now), passwordHash);
  const session = await newCustomerSession(db, token.accountId, customer.id, now);
  const statements: BatchItem<"sqlite">[] = [
    db
      .insert(customerCredentials)
      .values({ customerId: customer.id, accountId: token.accountId, passwordHash: guardedHash, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: customerCredentials.customerId, set: { passwordHash: guardedHash, updatedAt: now } }),
    markTokenUsed(db, token.tokenHash, now),
    session.insert,
    ...(options.endOthers ? [endOtherSessions(db, token.accountId, customer.id, session.idHash)] : []),
    ...(options.extra ?? []),
  ];
  try {
    await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  } catch (error) {
    if (isGuardAbort(error, "customer_credentials.password_hash")) throw tokenInvalid();
    throw error;
  }
  setCustomerCookie(c, session.value);
}

/**
 * Everything that lets a customer into the panel: their password, sessions and pending links
 * (by customer, and by their e-mail and verified e-mail). For the right to be forgotten, before
 * the customer row changes (the links are found by the e-mail it still holds).
 */
export function deleteCustomerLogin(db: Database, accountId: string, customer: { id: string; email: string }) {
  const verified = db.select({ email: customers.verifiedEmail }).from(customers).where(and(eq(customers.id, customer.id), eq(customers.accountId, accountId)));
  const theirTokens = or(
    eq(customerTokens.customerId, customer.id),
    customer.email ? eq(customerTokens.email, customer.email) : undefined,
    inArray(customerTokens.email, verified),
  );
  return [
    db.delete(customerSessions).where(and(eq(customerSessions.accountId, accountId), eq(customerSessions.customerId, customer.id))),
    db.delete(customerCredentials).where(and(eq(customerCredentials.accountId, accountId), eq(customerCredentials.customerId, customer.id))),
    db.delete(customerTokens).where(and(eq(customerTokens.accountId, accountId), theirTokens)),
  ] as const;
}
