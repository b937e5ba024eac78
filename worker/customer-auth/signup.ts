/**
 * Signing up to the Painel do Cliente: the chosen password waits, hashed, in a `signup` token
 * until the e-mailed link comes back; that link is what proves the e-mail, and only then is the
 * login tied to the account's verified customer of that address (customer-identity.ts
 * `verifiedCustomer`), whose past chats and tickets the panel shows. An e-mail that already has
 * a login gets "you already have an account" instead, and the answer is the same either way.
 */
import type { Context } from "hono";
import { hashPassword } from "../auth/password";
import { verifiedCustomer } from "../customer-identity";
import { database } from "../db/client";
import type { AppEnv } from "../env";
import type { Lang } from "../settings/look";
import type { PanelCustomer } from "../views-panel";
import { findLogin, setPasswordWithToken } from "./credentials";
import { requireOutboundEmail, sendPanelMail } from "./mail";
import { panelBase, type PanelAccount } from "./panel-account";
import { newCustomerToken, retirePendingTokens, usableToken } from "./tokens";

export interface SignupInput {
  name: string;
  email: string;
  password: string;
  lang: Lang;
}

/** Stores the pending sign-up and e-mails its confirmation link (or the "already have an account" note). */
export async function startSignup(c: Context<AppEnv>, account: PanelAccount, input: SignupInput): Promise<void> {
  await requireOutboundEmail(c.env, account.id);
  const db = database(c.env.DB);
  const base = panelBase(new URL(c.req.url).origin, account);
  // Hashed in both cases, so the answer's timing does not tell whether the e-mail has a login.
  const passwordHash = await hashPassword(input.password);
  const mail = { lang: input.lang, company: account.name, to: input.email, name: input.name };
  if (await findLogin(db, account.id, input.email)) {
    await sendPanelMail(c.env, account.id, { ...mail, kind: "existing", url: `${base}/forgot` });
    return;
  }
  const now = Date.now();
  const { token, insert } = await newCustomerToken(db, { accountId: account.id, purpose: "signup", email: input.email, name: input.name, passwordHash, now });
  // The newest confirmation link is the only one that works.
  await db.batch([retirePendingTokens(db, account.id, "signup", input.email, now), insert]);
  await sendPanelMail(c.env, account.id, { ...mail, kind: "confirm", url: `${base}/confirm/${token}` });
}

/** Confirms the sign-up of `token`: the verified customer of the e-mail (created if needed) gets the password and a session. */
export async function confirmSignup(c: Context<AppEnv>, account: PanelAccount, token: string): Promise<PanelCustomer> {
  const row = await usableToken(database(c.env.DB), account.id, "signup", token);
  const customer = await verifiedCustomer(c.env.DB, account.id, row.name || row.email, row.email);
  await setPasswordWithToken(c, row, customer, row.passwordHash!);
  return customer;
}
