/**
 * Rate limits of the panel's links, on the login limiter (wrangler.toml `LOGIN_LIMITER`): per
 * account and IP for every step, and per account and e-mail for the steps that name one (e-mails
 * sent to one address). Logins count failures only, like the console's (auth/login-throttle.ts).
 */
import type { Context } from "hono";
import type { LoginKeys } from "../auth/login-throttle";
import type { AppEnv } from "../env";
import { clientIp, enforce } from "../rate-limit";

/** Counts one attempt from the request's IP (and for `email`, when given); 429 past the limit. */
export async function limitPanelAttempt(c: Context<AppEnv>, accountId: string, email?: string): Promise<void> {
  await enforce(c.env.LOGIN_LIMITER, `panel-ip:${accountId}:${clientIp(c)}`);
  if (email) await enforce(c.env.LOGIN_LIMITER, `panel-email:${accountId}:${email}`);
}

/** The panel's login counters: the e-mail within its account, the IP across the panels of every account. */
export function panelLoginKeys(c: Context<AppEnv>, accountId: string, email: string): LoginKeys {
  return { email: `panel:${accountId}:email:${email}`, ip: `panel:ip:${clientIp(c)}` };
}
