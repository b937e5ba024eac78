import { Hono } from "hono";
import type { AppEnv } from "../env";

/** Liveness plus a D1 round trip, so a broken binding shows here first. */
export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const row = await c.env.DB.prepare("SELECT COUNT(*) AS n FROM accounts").first<{ n: number }>();
  return c.json({ ok: true, accounts: row?.n ?? 0, time: Date.now() });
});
