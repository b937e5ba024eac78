import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as z from "zod";
import { auditEntry } from "../audit";
import { beginLoginAttempt, loginKeys, loginSucceeded } from "../auth/login-throttle";
import { endSession, startSession } from "../auth/session";
import { UNUSABLE_HASH, verifyPassword } from "../auth/password";
import { database, type Database } from "../db/client";
import { attendants } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { setAttendantPresence } from "../presence";
import { clientIp } from "../rate-limit";
import { parseBody } from "../validate";
import { loadMe } from "./me";

const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

/** Why a known attendant's login failed, for the audit log (never the password tried). */
function failureReason(found: { active: boolean; passwordHash: string }, valid: boolean): string {
  if (!found.active) return "inactive";
  return found.passwordHash === UNUSABLE_HASH ? "no_password" : "wrong_password";
}

function loginAudit(
  db: Database,
  c: Context<AppEnv>,
  who: { id: string; name: string; accountId: string },
  action: "auth.login" | "auth.login_failed",
  detail?: Record<string, unknown>,
) {
  return auditEntry(db, { accountId: who.accountId, actor: { id: who.id, name: who.name }, action, target: { type: "attendant", id: who.id }, detail, ip: clientIp(c) });
}

export const authRoutes = new Hono<AppEnv>()
  .post("/login", async (c) => {
    const body = await parseBody(c, LoginBody);
    // Failures only, per e-mail and per IP: past a few, the next try waits (auth/login-throttle.ts).
    const attempt = await beginLoginAttempt(c.env.DB, loginKeys(body.email, clientIp(c)));
    const db = database(c.env.DB);
    const found = await db.select().from(attendants).where(eq(attendants.email, body.email)).get();
    const valid = await verifyPassword(body.password, found?.passwordHash ?? UNUSABLE_HASH);
    if (!found || !valid || !found.active) {
      // Failures are logged in the account of the attendant the e-mail names (unknown e-mails belong to no account).
      if (found) await loginAudit(db, c, found, "auth.login_failed", { reason: failureReason(found, valid) });
      throw new ApiError(401, "invalid_credentials", "Wrong e-mail or password");
    }
    await loginSucceeded(c.env.DB, attempt);
    await startSession(c, found);
    await loginAudit(db, c, found, "auth.login");
    const who = { ...found, chatStatus: found.chatStatusOnLogin };
    await setAttendantPresence(c.env, who, found.chatStatusOnLogin);
    return c.json(await loadMe(c.env.DB, who));
  })
  .post("/logout", async (c) => {
    await endSession(c);
    return c.body(null, 204);
  });
