/**
 * Attendant sessions: a random cookie value; D1 stores only its SHA-256. HttpOnly and
 * SameSite=Strict (the console is same-origin), Secure when served over HTTPS.
 */
import { and, eq, gt } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { database } from "../db/client";
import { attendants, sessions, type PresenceStatus, type Role } from "../db/schema";
import type { AppEnv } from "../env";
import { unauthenticated } from "../errors";
import { randomToken, sha256Hex } from "./encoding";

export const SESSION_COOKIE = "sid";
export const SESSION_TTL_MS = 12 * 60 * 60_000;

/** What a route knows about the logged-in attendant. */
export interface SessionAttendant {
  id: string;
  accountId: string;
  name: string;
  email: string;
  role: Role;
  chatStatus: PresenceStatus;
}

export async function startSession(c: Context<AppEnv>, attendant: { id: string; accountId: string }) {
  const value = randomToken();
  const now = Date.now();
  await database(c.env.DB)
    .insert(sessions)
    .values({
      idHash: await sha256Hex(value),
      accountId: attendant.accountId,
      attendantId: attendant.id,
      createdAt: now,
      expiresAt: now + SESSION_TTL_MS,
    });
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export async function endSession(c: Context<AppEnv>) {
  const value = getCookie(c, SESSION_COOKIE);
  if (value) await database(c.env.DB).delete(sessions).where(eq(sessions.idHash, await sha256Hex(value)));
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

/** Loads the session's attendant (active, same account as the session) or null. */
export async function sessionAttendant(c: Context<AppEnv>): Promise<SessionAttendant | null> {
  const value = getCookie(c, SESSION_COOKIE);
  if (!value || value.length > 100) return null;
  const rows = await database(c.env.DB)
    .select({
      id: attendants.id,
      accountId: attendants.accountId,
      name: attendants.name,
      email: attendants.email,
      role: attendants.role,
      chatStatus: attendants.chatStatus,
    })
    .from(sessions)
    .innerJoin(attendants, and(eq(attendants.id, sessions.attendantId), eq(attendants.accountId, sessions.accountId)))
    .where(and(eq(sessions.idHash, await sha256Hex(value)), gt(sessions.expiresAt, Date.now()), eq(attendants.active, true)))
    .limit(1);
  return rows[0] ?? null;
}

/** Refuses the request with 401 unless a valid session cookie came with it. */
export const requireAttendant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const attendant = await sessionAttendant(c);
  if (!attendant) throw unauthenticated();
  c.set("attendant", attendant);
  await next();
};
