/**
 * Allowed sites ("Sites permitidos"): an account with a non-empty `allowed_origins` list takes
 * widget API requests only from those origins and from our own (the pop-up page at /chat/:key
 * is served by this Worker). The one rule, used wherever a widget route learns its account
 * (`accountByKey`, the socket token, the CORS preflight), so no route can forget it.
 *
 * A request without `Origin`: browsers send it on every cross-origin request, on every
 * WebSocket handshake and on every same-origin POST, but not on a same-origin GET (the pop-up
 * page's own config and history reads). So a missing `Origin` passes on plain GETs, which only
 * read (the public config, or data behind a customer token), and is refused on POSTs and on the
 * socket upgrade. The list keeps other sites' pages out; it is not meant to stop a server, which
 * can send any `Origin` it likes.
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { database } from "../db/client";
import { accounts } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

export const originNotAllowed = () => new ApiError(403, "origin_not_allowed", "This site may not use this account's chat");

/** This Worker's own origin, as browsers write it in `Origin`. */
export function ownOrigin(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

/** The request's `Origin` when it names another site than ours; null when absent or ours. */
export function foreignOrigin(c: Context<AppEnv>): string | null {
  const origin = c.req.header("Origin");
  return origin === undefined || origin === ownOrigin(c) ? null : origin;
}

function isReadOnly(c: Context<AppEnv>): boolean {
  return c.req.method === "GET" && c.req.header("Upgrade")?.toLowerCase() !== "websocket";
}

/** Refuses with `403 origin_not_allowed` unless the request may act for an account with `allowed`. */
export function assertOriginAllowed(c: Context<AppEnv>, allowed: readonly string[]): void {
  if (allowed.length === 0) return;
  const origin = c.req.header("Origin");
  if (origin === undefined) {
    if (isReadOnly(c)) return;
    throw originNotAllowed();
  }
  if (origin !== ownOrigin(c) && !allowed.includes(origin)) throw originNotAllowed();
}

/**
 * The same rule for a request that names its account by id (the socket token) or by key (a
 * preflight's query), reading only the list. An unknown account passes: the route answers it.
 */
export async function assertOriginAllowedFor(c: Context<AppEnv>, account: { id: string } | { publicKey: string }): Promise<void> {
  if (c.req.header("Origin") === ownOrigin(c)) return;
  const where = "id" in account ? eq(accounts.id, account.id) : eq(accounts.publicKey, account.publicKey);
  const row = await database(c.env.DB).select({ allowedOrigins: accounts.allowedOrigins }).from(accounts).where(where).get();
  if (row) assertOriginAllowed(c, row.allowedOrigins);
}
