/**
 * GET /api/auth/session: who is signed in, without an error when nobody is. The console asks
 * this on boot, so its login screen never logs a 401 in the browser's console; `GET /api/me`
 * keeps answering 401 without a session (the API's contract for every other client).
 */
import { Hono } from "hono";
import { sessionAttendant } from "../auth/session";
import type { AppEnv } from "../env";
import type { SessionResponse } from "../views-console";
import { loadMe } from "./me";

export const authSessionRoutes = new Hono<AppEnv>().get("/", async (c) => {
  c.header("Cache-Control", "no-store");
  const who = await sessionAttendant(c);
  const body: SessionResponse = who ? await loadMe(c.env.DB, who) : { attendant: null };
  return c.json(body);
});
