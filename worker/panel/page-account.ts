/** The account of a panel page's path, after the per-IP page limit, and the plain 404 of an unknown key. */
import type { Context } from "hono";
import { findPanelAccount, type PanelAccount } from "../customer-auth/panel-account";
import type { AppEnv } from "../env";
import { clientIp, enforce } from "../rate-limit";

/** The account of the path's `:key`; null for an unknown key. */
export async function pageAccount(c: Context<AppEnv>): Promise<PanelAccount | null> {
  await enforce(c.env.PUBLIC_LIMITER, `panel-page:${clientIp(c)}`);
  return findPanelAccount(c.env.DB, c.req.param("key") ?? "");
}

/** An unknown panel: a plain 404 that repeats nothing from the request. */
export function unknownPanel(c: Context<AppEnv>) {
  return c.text("Not found", 404, { "Cache-Control": "no-store" });
}
