/**
 * Sign-up (Cadastro): a company creates its account on its own. POST /api/signup writes the
 * account, its first administrator and the department "Geral" in one D1 batch with the audit
 * entry, then logs the administrator in like POST /api/auth/login. GET /signup is the page
 * (signup-page.ts). A deployment turns both off with the `SIGNUP = "off"` variable.
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { auditEntry } from "../audit";
import { randomToken } from "../auth/encoding";
import { hashPassword } from "../auth/password";
import { startSession, type SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts, attendantDepartments, attendants, departments } from "../db/schema";
import type { AppEnv, Env } from "../env";
import { ApiError, conflict } from "../errors";
import { setAttendantPresence } from "../presence";
import { clientIp, enforce } from "../rate-limit";
import { parseBody } from "../validate";
import type { SignupResponse } from "../views-gestao";
import { loadMe } from "./me";

/** Shortest password accepted (the sign-up page shows the rule). */
export const MIN_PASSWORD_LENGTH = 10;

const SignupBody = z.object({
  company: z.string().trim().min(1).max(120),
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
});
type SignupBody = z.infer<typeof SignupBody>;

/** Whether this deployment lets companies sign up (on unless `SIGNUP` says "off"). */
export function signupEnabled(env: Pick<Env, "SIGNUP">): boolean {
  return env.SIGNUP?.trim().toLowerCase() !== "off";
}

const emailTaken = () => conflict("email_taken", "This e-mail already has an account", "email");

/** Whether `error` (or one it wraps, as drizzle does) is SQLite's unique violation on `target`. */
function isUniqueViolation(error: unknown, target: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes("UNIQUE constraint failed") && e.message.includes(target)) return true;
  }
  return false;
}

/** Writes the account, its administrator (attending "Geral") and the audit entry in one batch. */
async function createAccount(d1: D1Database, body: SignupBody, ip: string): Promise<SessionAttendant> {
  const db = database(d1);
  const passwordHash = await hashPassword(body.password);
  const now = Date.now();
  const accountId = crypto.randomUUID();
  const departmentId = crypto.randomUUID();
  const admin: SessionAttendant = { id: crypto.randomUUID(), accountId, name: body.name, email: body.email, role: "administrator", chatStatus: "online" };
  await db.batch([
    db.insert(accounts).values({ id: accountId, name: body.company, publicKey: randomToken(18), secret: randomToken(32), timeZone: "America/Sao_Paulo", locale: "pt-BR", createdAt: now }),
    db.insert(departments).values({ id: departmentId, accountId, name: "Geral", createdAt: now }),
    db.insert(attendants).values({
      id: admin.id,
      accountId,
      name: admin.name,
      email: admin.email,
      passwordHash,
      role: "administrator",
      chatStatusOnLogin: "online",
      createdAt: now,
    }),
    db.insert(attendantDepartments).values({ accountId, attendantId: admin.id, departmentId, attends: true, manages: false }),
    auditEntry(db, { accountId, actor: { id: null, name: admin.name }, action: "account.signup", target: { type: "account", id: accountId }, ip, at: now }),
  ]);
  return admin;
}

export const signupRoutes = new Hono<AppEnv>().post("/", async (c) => {
  if (!signupEnabled(c.env)) throw new ApiError(403, "signup_disabled", "Sign-up is turned off on this server");
  await enforce(c.env.LOGIN_LIMITER, `signup:${clientIp(c)}`);
  const body = await parseBody(c, SignupBody);
  const taken = await database(c.env.DB).select({ id: attendants.id }).from(attendants).where(eq(attendants.email, body.email)).get();
  if (taken) throw emailTaken();
  let admin: SessionAttendant;
  try {
    admin = await createAccount(c.env.DB, body, clientIp(c));
  } catch (error) {
    // Two sign-ups with one e-mail at once: the unique index lets one batch through.
    if (isUniqueViolation(error, "attendants.email")) throw emailTaken();
    throw error;
  }
  await startSession(c, admin);
  await setAttendantPresence(c.env, admin, "online");
  return c.json((await loadMe(c.env.DB, admin)) satisfies SignupResponse, 201);
});
