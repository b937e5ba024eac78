import { Hono } from "hono";
import type { AppEnv } from "../env";

/**
 * Console paths that are not files: the invitation link `/admin/invite/<token>` is the console's
 * own page (it reads the token from the path), served without caching so a revoked link's page
 * is never kept by a proxy.
 */
export const consolePageRoutes = new Hono<AppEnv>().get("/invite/:token", async (c) => {
  const page = await c.env.ASSETS.fetch(new URL("/admin/", c.req.url));
  const response = new Response(page.body, page);
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
});
