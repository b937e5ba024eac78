/**
 * Painel do Cliente sessions: a random cookie value `csid` (never the attendants' `sid`); D1
 * keeps only its SHA-256 in `customer_sessions`, with the account it belongs to, so a session
 * works only under its own account's panel. HttpOnly, SameSite=Lax (the e-mailed links open a
 * logged-in page), Secure over HTTPS, 30 days.
 */
import { and, eq, gt, isNotNull, isNull, ne } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { randomToken, sha256Hex } from "../auth/encoding";
import { database, type Database } from "../db/client";
import { customers, customerSessions } from "../db/schema";
import type { AppEnv } from "../env";
import { unauthenticated } from "../errors";
import type { PanelCustomer } from "../views-panel";

export const CUSTOMER_SESSION_COOKIE = "csid";
export const CUSTOMER_SESSION_TTL_MS = 30 * 24 * 60 * 60_000;

/** A new session's cookie value and its insert, for the batch of the change that logs in. */
export async function newCustomerSession(db: Database, accountId: string, customerId: string, now = Date.now()) {
  const value = randomToken();
  const idHash = await sha256Hex(value);
  return {
    value,
    idHash,
    insert: db.insert(customerSessions).values({ idHash, accountId, customerId, createdAt: now, expiresAt: now + CUSTOMER_SESSION_TTL_MS }),
  };
}

/** Sets the session cookie on the answer. */
export function setCustomerCookie(c: Context<AppEnv>, value: string) {
  setCookie(c, CUSTOMER_SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: CUSTOMER_SESSION_TTL_MS / 1000,
  });
}

/** Logs in: stores a session and sets its cookie. */
export async function startCustomerSession(c: Context<AppEnv>, accountId: string, customerId: string) {
  const db = database(c.env.DB);
  const session = await newCustomerSession(db, accountId, customerId);
  await session.insert;
  setCustomerCookie(c, session.value);
}

/** Deletes the request's session (of any account) and clears the cookie. */
export async function endCustomerSession(c: Context<AppEnv>) {
  const value = getCookie(c, CUSTOMER_SESSION_COOKIE);
  if (value && value.length <= 100) {
    await database(c.env.DB).delete(customerSessions).where(eq(customerSessions.idHash, await sha256Hex(value)));
  }
  deleteCookie(c, CUSTOMER_SESSION_COOKIE, { path: "/" });
}

/** Deletes every session of the customer except `keepHash` (a password reset ends the others). */
export function endOtherSessions(db: Database, accountId: string, customerId: string, keepHash: string) {
  return db
    .delete(customerSessions)
    .where(and(eq(customerSessions.accountId, accountId), eq(customerSessions.customerId, customerId), ne(customerSessions.idHash, keepHash)));
}

/**
 * The request's customer under `accountId`, or null: the session must be of that account,
 * unexpired, and its customer neither forgotten nor without a verified e-mail.
 */
export async function sessionCustomer(c: Context<AppEnv>, accountId: string): Promise<PanelCustomer | null> {
  const value = getCookie(c, CUSTOMER_SESSION_COOKIE);
  if (!value || value.length > 100) return null;
  const row = await database(c.env.DB)
    .select({ id: customers.id, name: customers.name, email: customers.verifiedEmail })
    .from(customerSessions)
    .innerJoin(customers, and(eq(customers.id, customerSessions.customerId), eq(customers.accountId, customerSessions.accountId)))
    .where(
      and(
        eq(customerSessions.idHash, await sha256Hex(value)),
        eq(customerSessions.accountId, accountId),
        gt(customerSessions.expiresAt, Date.now()),
        isNull(customers.deletedAt),
        isNotNull(customers.verifiedEmail),
      ),
    )
    .get();
  return row?.email ? { id: row.id, name: row.name, email: row.email } : null;
}

/** The request's customer under `accountId`; 401 `unauthenticated` otherwise. */
export async function requireCustomerSession(c: Context<AppEnv>, accountId: string): Promise<PanelCustomer> {
  const customer = await sessionCustomer(c, accountId);
  if (!customer) throw unauthenticated();
  return customer;
}
