/**
 * The Painel do Cliente's accounts, JSON (docs/API.md "Painel do Cliente"), under
 * `/api/p/:key` (the account's public key or panel slug): sign-up and its e-mailed
 * confirmation, login and logout, password reset, the console's invitation link, and `/me`.
 * The session is the `csid` cookie (customer-auth/session.ts), valid only under its account's
 * key. Every step that checks a link is rate-limited per IP, and per e-mail where one is named
 * (customer-auth/limits.ts); failed logins slow the next try down (auth/login-throttle.ts).
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import { database } from "../db/client";
import { MIN_CUSTOMER_PASSWORD, checkLogin } from "../customer-auth/credentials";
import { acceptInvitation, usableInvitation } from "../customer-auth/invite";
import { limitPanelAttempt, panelLoginKeys } from "../customer-auth/limits";
import { beginLoginAttempt, loginSucceeded } from "../auth/login-throttle";
import { requirePanelAccount, type PanelAccount } from "../customer-auth/panel-account";
import { requestReset, useReset } from "../customer-auth/reset";
import { endCustomerSession, requireCustomerSession, startCustomerSession } from "../customer-auth/session";
import { confirmSignup, startSignup } from "../customer-auth/signup";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { LOCALES } from "../account-settings";
import { pickLang } from "../settings/look";
import { signCustomerEmail } from "../surfaces/chat-tag";
import { parseBody } from "../validate";
import type { PanelAcceptedResponse, PanelCustomerResponse, PanelInvitationResponse, PanelMeResponse } from "../views-panel";

const Email = z.string().trim().toLowerCase().email().max(254);
const NewPassword = z.string().min(MIN_CUSTOMER_PASSWORD).max(200);
/** The language of the e-mail to send (the page's); the account's language otherwise. */
const Lang = z.enum(LOCALES).optional();

const SignupBody = z.object({ name: z.string().trim().min(1).max(120), email: Email, password: NewPassword, lang: Lang });
const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) });
const ResetRequestBody = z.object({ email: Email, lang: Lang });
const PasswordBody = z.object({ password: NewPassword });

/** The account of the path's key; 404 otherwise. */
export function panelAccount(c: Context<AppEnv>): Promise<PanelAccount> {
  return requirePanelAccount(c.env.DB, c.req.param("key"));
}

export const panelAuthApiRoutes = new Hono<AppEnv>()
  .post("/:key/signup", async (c) => {
    const account = await panelAccount(c);
    const body = await parseBody(c, SignupBody);
    await limitPanelAttempt(c, account.id, body.email);
    await startSignup(c, account, { ...body, lang: pickLang(body.lang, account.locale) });
    return c.json({ status: "confirmation_sent" } satisfies PanelAcceptedResponse, 202);
  })
  .post("/:key/confirm/:token", async (c) => {
    const account = await panelAccount(c);
    await limitPanelAttempt(c, account.id);
    const customer = await confirmSignup(c, account, c.req.param("token"));
    return c.json({ customer } satisfies PanelCustomerResponse);
  })
  .post("/:key/login", async (c) => {
    const account = await panelAccount(c);
    const body = await parseBody(c, LoginBody);
    // Failures only, per e-mail and per IP: past a few, the next try waits (auth/login-throttle.ts).
    const attempt = await beginLoginAttempt(c.env.DB, panelLoginKeys(c, account.id, body.email));
    const customer = await checkLogin(database(c.env.DB), account.id, body.email, body.password);
    if (!customer) throw new ApiError(401, "invalid_credentials", "Wrong e-mail or password");
    await loginSucceeded(c.env.DB, attempt);
    await startCustomerSession(c, account.id, customer.id);
    return c.json({ customer } satisfies PanelCustomerResponse);
  })
  .post("/:key/logout", async (c) => {
    await panelAccount(c);
    await endCustomerSession(c);
    return c.body(null, 204);
  })
  .post("/:key/password-reset", async (c) => {
    const account = await panelAccount(c);
    const body = await parseBody(c, ResetRequestBody);
    await limitPanelAttempt(c, account.id, body.email);
    await requestReset(c, account, body.email, pickLang(body.lang, account.locale));
    return c.json({ status: "reset_sent" } satisfies PanelAcceptedResponse, 202);
  })
  .post("/:key/password-reset/:token", async (c) => {
    const account = await panelAccount(c);
    const { password } = await parseBody(c, PasswordBody);
    await limitPanelAttempt(c, account.id);
    const customer = await useReset(c, account, c.req.param("token"), password);
    return c.json({ customer } satisfies PanelCustomerResponse);
  })
  .get("/:key/invite/:token", async (c) => {
    const account = await panelAccount(c);
    await limitPanelAttempt(c, account.id);
    const row = await usableInvitation(database(c.env.DB), account, c.req.param("token"));
    return c.json({ customer: { name: row.name, email: row.email }, expiresAt: row.expiresAt } satisfies PanelInvitationResponse);
  })
  .post("/:key/invite/:token", async (c) => {
    const account = await panelAccount(c);
    const { password } = await parseBody(c, PasswordBody);
    await limitPanelAttempt(c, account.id);
    const customer = await acceptInvitation(c, account, c.req.param("token"), password);
    return c.json({ customer } satisfies PanelCustomerResponse);
  })
  .get("/:key/me", async (c) => {
    const account = await panelAccount(c);
    const customer = await requireCustomerSession(c, account.id);
    const hash = await signCustomerEmail(account.secret, customer.email);
    return c.json({ customer, identity: { name: customer.name, email: customer.email, hash } } satisfies PanelMeResponse);
  });
