/**
 * Rate limits of the panel's logins and links, on the login limiter (wrangler.toml
 * `LOGIN_LIMITER`): per account and IP for every step, and per account and e-mail for the
 * steps that name one (a login guessed from many IPs, or e-mails sent to one address).
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { clientIp, enforce } from "../rate-limit";

/** Counts one attempt from the request's IP (and for `email`, when given); 429 past the limit. */
export async function limitPanelAttempt(c: Context<AppEnv>, accountId: string, email?: string): Promise<void> {
  await enforce(c.env.LOGIN_LIMITER, `panel-ip:${accountId}:${clientIp(c)}`);
  if (email) await enforce(c.env.LOGIN_LIMITER, `panel-email:${accountId}:${email}`);
}
