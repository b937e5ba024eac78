/**
 * The abuse limits of the public widget API, one budget per kind of request (README "Limites de
 * uso"), so that one kind never spends another's: behind one office or mobile-carrier NAT many
 * visitors share an IP, and their config polls (every 30 s each) must not use up the allowance
 * of the chats and offline messages they start.
 *
 * | kind | key | binding |
 * |---|---|---|
 * | `GET /config` | IP | WIDGET_CONFIG_LIMITER (high: polls are cheap and answered 304) |
 * | `POST /chats` | IP, then the customer (token or verified hash) | WIDGET_CHAT_IP_LIMITER, WIDGET_CHAT_CUSTOMER_LIMITER |
 * | `POST /identify` | IP | WIDGET_IDENTIFY_LIMITER |
 * | `POST /offline-messages` | account + IP, account + e-mail | OFFLINE_IP_LIMITER, OFFLINE_EMAIL_LIMITER (offline-guard.ts) |
 * | everything else (`/me`, `/ws`, history, survey, transcript, files) | IP | WIDGET_LIMITER |
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Env } from "../env";
import { clientIp, enforce } from "../rate-limit";

/** A binding of the Worker that is a rate limiter. */
type LimiterName = { [K in keyof Env]: Env[K] extends RateLimit ? K : never }[keyof Env];

/** The per-IP limiter of a request under /api/widget, by method and path below it; null: none here. */
function ipLimiterFor(method: string, path: string): LimiterName | null {
  if (method === "GET" && path === "/config") return "WIDGET_CONFIG_LIMITER";
  if (method === "POST" && path === "/chats") return "WIDGET_CHAT_IP_LIMITER";
  if (method === "POST" && path === "/identify") return "WIDGET_IDENTIFY_LIMITER";
  // Counted per account once the body names it (offline-guard.ts), by IP and by e-mail.
  if (method === "POST" && path === "/offline-messages") return null;
  return "WIDGET_LIMITER";
}

/** The path below the widget API's mount point (`/api/widget/config` → `/config`). */
function widgetPath(c: Context<AppEnv>): string {
  const path = c.req.path;
  const at = path.indexOf("/api/widget");
  return at < 0 ? path : path.slice(at + "/api/widget".length) || "/";
}

/** Counts the request against its kind's per-IP budget; 429 with `Retry-After` past it. Preflights are free. */
export const widgetIpLimits: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limiter = c.req.method === "OPTIONS" ? null : ipLimiterFor(c.req.method, widgetPath(c));
  if (limiter) await enforce(c.env[limiter], clientIp(c));
  await next();
};

/**
 * Counts one new chat of a known customer (a customer token, or a verified hash) in the account;
 * 429 past a handful a minute. A script that drops its token is counted by IP instead.
 */
export function limitChatsOfCustomer(c: Context<AppEnv>, accountId: string, customerId: string): Promise<void> {
  return enforce(c.env.WIDGET_CHAT_CUSTOMER_LIMITER, `${accountId}:${customerId}`);
}
