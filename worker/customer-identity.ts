/**
 * Identity verification ("customer hash"): the host site's server signs the customer's e-mail
 * with the account's secret, HMAC-SHA256 over the trimmed, lower-cased e-mail, in hex. Only a
 * valid signature reaches an existing customer; an unsigned e-mail never does, so nobody can
 * read another person's history by typing their address.
 */
import { database } from "./db/client";
import { upsertVerifiedCustomer } from "./db/writes";
import { ApiError } from "./errors";
import type { WidgetCustomer } from "./views";

const HEX_SHA256 = /^[0-9a-f]{64}$/;

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export const invalidCustomerHash = () => new ApiError(403, "invalid_customer_hash", "The customer hash does not match this e-mail");

/** The e-mail as it is signed and stored. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Whether `hash` is the account's signature of `email`. `crypto.subtle.verify` compares in
 * constant time, so the answer's timing says nothing about how much of a forgery was right.
 */
export async function verifyCustomerHash(secret: string, email: string, hash: string): Promise<boolean> {
  const hex = hash.trim().toLowerCase();
  if (!HEX_SHA256.test(hex)) return false;
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return crypto.subtle.verify("HMAC", key, hexBytes(hex), new TextEncoder().encode(normalizeEmail(email)));
}

/**
 * The account's customer with this verified e-mail, created on first use; the name is updated
 * to the one the host site sends now. One batch: the partial unique index on
 * (account_id, verified_email) turns a concurrent second insert into a no-op, so two devices
 * identifying at once get the same customer. Call only after `verifyCustomerHash` succeeded.
 */
export async function verifiedCustomer(db: D1Database, accountId: string, name: string, email: string): Promise<WidgetCustomer> {
  const verified = normalizeEmail(email);
  const now = Date.now();
  const orm = database(db);
  const [, , found] = await orm.batch(
    upsertVerifiedCustomer(orm, { id: crypto.randomUUID(), accountId, name, email: verified, verifiedEmail: verified, at: now }),
  );
  const customer: WidgetCustomer | undefined = found[0];
  if (!customer) throw new Error("verified customer missing after upsert");
  return customer;
}
