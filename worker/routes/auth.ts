import { eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { endSession, startSession } from "../auth/session";
import { UNUSABLE_HASH, verifyPassword } from "../auth/password";
import { database } from "../db/client";
import { attendants } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { setAttendantPresence } from "../presence";
import { clientIp, enforce } from "../rate-limit";
import { parseBody } from "../validate";
import { loadMe } from "./me";

const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export const authRoutes = new Hono<AppEnv>()
  .post("/login", async (c) => {
    const body = await parseBody(c, LoginBody);
    // Counted per IP and e-mail before the password is checked, so guessing is slow either way.
    await enforce(c.env.LOGIN_LIMITER, `${clientIp(c)}:${body.email}`);
    const found = await database(c.env.DB).select().from(attendants).where(eq(attendants.email, body.email)).get();
    const valid = await verifyPassword(body.password, found?.passwordHash ?? UNUSABLE_HASH);
    if (!found || !valid || !found.active) {
      throw new ApiError(401, "invalid_credentials", "Wrong e-mail or password");
    }
    await startSession(c, found);
    const who = { ...found, chatStatus: found.chatStatusOnLogin };
    await setAttendantPresence(c.env, who, found.chatStatusOnLogin);
    return c.json(await loadMe(c.env.DB, who));
  })
  .post("/logout", async (c) => {
    await endSession(c);
    return c.body(null, 204);
  });
