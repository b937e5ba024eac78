/**
 * Inviting a customer to the Painel do Cliente from the console (administrators and managers):
 * a 7-day link to `/p/<key>/invite/<token>` where they choose a password. The link goes out by
 * e-mail when the account can send it, and is answered to the console either way, to show or
 * copy. A new invitation retires the customer's previous link.
 *
 * Accepting it proves the e-mail like a sign-up's confirmation. The attendant chose this
 * customer record, so when the account has no verified customer of that e-mail yet, this one
 * becomes it (keeping its chats and tickets); otherwise the existing verified customer is used.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { auditEntry, requestActor } from "../audit";
import { hashPassword } from "../auth/password";
import { normalizeEmail, verifiedCustomer } from "../customer-identity";
import { database, type Database } from "../db/client";
import { isUniqueViolation } from "../db/guarded";
import { accounts, customers } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../errors";
import { pickLang } from "../settings/look";
import type { CustomerInvitationResponse, PanelCustomer } from "../views-panel";
import { setPasswordWithToken } from "./credentials";
import { canSendEmail, sendPanelMail } from "./mail";
import { panelBase, type PanelAccount } from "./panel-account";
import { newCustomerToken, retirePendingTokens, usableToken, type CustomerTokenRow } from "./tokens";

/** Creates the invitation of customer `customerId` (of the attendant's account), e-mails it if possible, audits it. */
export async function inviteCustomer(c: Context<AppEnv>, customerId: string): Promise<CustomerInvitationResponse> {
  const { actor, ip, accountId } = requestActor(c);
  const db = database(c.env.DB);
  const customer = await db
    .select({ id: customers.id, name: customers.name, email: customers.email, deletedAt: customers.deletedAt })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.accountId, accountId)))
    .get();
  if (!customer) throw notFound("No such customer");
  if (customer.deletedAt !== null) throw new ApiError(409, "customer_deleted", "This customer was removed");
  if (!customer.email) throw new ApiError(409, "no_customer_email", "The customer has no e-mail address");
  const account = await db.select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!account) throw notFound("No such account");
  const email = normalizeEmail(customer.email);
  const now = Date.now();
  const { token, expiresAt, insert } = await newCustomerToken(db, { accountId, purpose: "invite", email, name: customer.name, customerId: customer.id, createdBy: actor.id, now });
  await db.batch([
    retirePendingTokens(db, accountId, "invite", email, now),
    insert,
    auditEntry(db, { accountId, actor, ip, action: "customer.invited", target: { type: "customer", id: customer.id }, at: now }),
  ]);
  const url = `${panelBase(new URL(c.req.url).origin, account)}/invite/${token}`;
  const emailed = await canSendEmail(c.env, accountId);
  if (emailed) {
    await sendPanelMail(c.env, accountId, { kind: "invite", lang: pickLang(account.locale), company: account.name, to: email, name: customer.name, url });
  }
  return { url, expiresAt, emailed };
}

/** The usable invitation of `token` in the account (404 / 410 otherwise). */
export function usableInvitation(db: Database, account: PanelAccount, token: string): Promise<CustomerTokenRow> {
  return usableToken(db, account.id, "invite", token);
}

/** The invited customer becomes the verified customer of the e-mail, unless the account has one already. */
async function promoteInvited(db: Database, row: CustomerTokenRow): Promise<void> {
  if (!row.customerId) return;
  try {
    await db
      .update(customers)
      .set({ verifiedEmail: row.email, updatedAt: Date.now() })
      .where(and(eq(customers.id, row.customerId), eq(customers.accountId, row.accountId), isNull(customers.deletedAt), isNull(customers.verifiedEmail)));
  } catch (error) {
    // Another customer is the verified one of this e-mail: that one gets the login.
    if (!isUniqueViolation(error, "customers.account_id, customers.verified_email")) throw error;
  }
}

/** Accepts the invitation: the password is set on the verified customer of its e-mail, who is logged in. */
export async function acceptInvitation(c: Context<AppEnv>, account: PanelAccount, token: string, password: string): Promise<PanelCustomer> {
  const db = database(c.env.DB);
  const row = await usableInvitation(db, account, token);
  await promoteInvited(db, row);
  const customer = await verifiedCustomer(c.env.DB, account.id, row.name || row.email, row.email);
  await setPasswordWithToken(c, row, customer, await hashPassword(password));
  return customer;
}
