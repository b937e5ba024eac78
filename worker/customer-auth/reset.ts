/**
 * Password reset of the Painel do Cliente: asking always answers the same (whether the e-mail
 * has a login is not told); the e-mailed link sets a new password, logs in and ends the
 * customer's other sessions.
 */
import type { Context } from "hono";
import { and, eq, isNull } from "drizzle-orm";
import { hashPassword } from "../auth/password";
import { database } from "../db/client";
import { customers } from "../db/schema";
import type { AppEnv } from "../env";
import type { Lang } from "../settings/look";
import type { PanelCustomer } from "../views-panel";
import { findLogin, setPasswordWithToken } from "./credentials";
import { canSendEmail, sendPanelMail } from "./mail";
import { panelBase, type PanelAccount } from "./panel-account";
import { newCustomerToken, retirePendingTokens, tokenInvalid, usableToken } from "./tokens";

/** E-mails a reset link when the e-mail has a login (and the account can send e-mail); nothing otherwise. */
export async function requestReset(c: Context<AppEnv>, account: PanelAccount, email: string, lang: Lang): Promise<void> {
  const db = database(c.env.DB);
  const login = await findLogin(db, account.id, email);
  if (!login || !(await canSendEmail(c.env, account.id))) return;
  const now = Date.now();
  const { token, insert } = await newCustomerToken(db, { accountId: account.id, purpose: "reset", email, name: login.name, customerId: login.id, now });
  // The newest link is the only one that works.
  await db.batch([retirePendingTokens(db, account.id, "reset", email, now), insert]);
  const url = `${panelBase(new URL(c.req.url).origin, account)}/reset/${token}`;
  await sendPanelMail(c.env, account.id, { kind: "reset", lang, company: account.name, to: email, name: login.name, url });
}

/** Sets the new password of `token`'s customer, logs in, and ends their other sessions. */
export async function useReset(c: Context<AppEnv>, account: PanelAccount, token: string, password: string): Promise<PanelCustomer> {
  const db = database(c.env.DB);
  const row = await usableToken(db, account.id, "reset", token);
  // Still the verified customer of that e-mail (not forgotten since).
  const customer = await db
    .select({ id: customers.id, name: customers.name, email: customers.verifiedEmail })
    .from(customers)
    .where(and(eq(customers.id, row.customerId ?? ""), eq(customers.accountId, account.id), eq(customers.verifiedEmail, row.email), isNull(customers.deletedAt)))
    .get();
  if (!customer?.email) throw tokenInvalid();
  const who = { id: customer.id, name: customer.name, email: customer.email };
  await setPasswordWithToken(c, row, who, await hashPassword(password), { endOthers: true });
  return who;
}
