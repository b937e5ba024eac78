import { and, eq, ne } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { getCookie } from "hono/cookie";
import * as z from "zod";
import { departmentAccess } from "../access";
import { auditEntry, requestActor } from "../audit";
import { sha256Hex } from "../auth/encoding";
import { hashPassword, verifyPassword } from "../auth/password";
import { requireAttendant, SESSION_COOKIE, type SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts, attendants, PRESENCE_STATUSES, sessions } from "../db/schema";
import { NOTIFICATION_PREF_KEYS, type AttendantNotificationPrefs } from "../notification-prefs";
import type { AppEnv } from "../env";
import { ApiError, unauthenticated } from "../errors";
import { attendantShiftHours } from "../hours/attendant-shift";
import { isOpenAt, opensAt } from "../hours/schedule";
import { setAttendantPresence } from "../presence";
import { enforce } from "../rate-limit";
import { parseBody } from "../validate";
import type { MeResponse } from "../views";
import type { OutsideShiftError } from "../views-hours";

export async function loadMe(db: D1Database, who: SessionAttendant): Promise<MeResponse> {
  const [account, departments, self] = await Promise.all([
    database(db).select().from(accounts).where(eq(accounts.id, who.accountId)).get(),
    departmentAccess(db, who),
    database(db)
      .select({ notificationPrefs: attendants.notificationPrefs })
      .from(attendants)
      .where(and(eq(attendants.id, who.id), eq(attendants.accountId, who.accountId)))
      .get(),
  ]);
  return {
    attendant: {
      id: who.id,
      name: who.name,
      email: who.email,
      role: who.role,
      chatStatus: who.chatStatus,
      departments: departments.map((d) => ({ id: d.id, name: d.name, attends: d.attends, supervises: d.supervises })),
      notificationPrefs: self?.notificationPrefs ?? {},
    },
    account: { id: who.accountId, name: account?.name ?? "", publicKey: account?.publicKey ?? "" },
  };
}

const StatusBody = z.object({ status: z.enum(PRESENCE_STATUSES) });

const ProfileBody = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  notificationPrefs: z
    .object({ sound: z.boolean().optional(), desktop: z.boolean().optional(), messages: z.boolean().optional(), titleCount: z.boolean().optional() })
    .optional(),
});

const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});

/** The attendant's own row (name, preferences, password hash). */
function ownRow(db: D1Database, who: SessionAttendant) {
  return database(db)
    .select({ name: attendants.name, notificationPrefs: attendants.notificationPrefs, passwordHash: attendants.passwordHash })
    .from(attendants)
    .where(and(eq(attendants.id, who.id), eq(attendants.accountId, who.accountId)))
    .get();
}

/** PATCH /api/me: the attendant's own name and notification choices (a missing key keeps its value). */
async function updateProfile(c: Context<AppEnv>, body: z.infer<typeof ProfileBody>): Promise<MeResponse> {
  const who = c.get("attendant");
  const row = await ownRow(c.env.DB, who);
  if (!row) throw unauthenticated();
  const stored: AttendantNotificationPrefs = row.notificationPrefs;
  const prefs: AttendantNotificationPrefs = { ...stored, ...body.notificationPrefs };
  const fields: string[] = [];
  if (body.name !== undefined && body.name !== row.name) fields.push("name");
  if (NOTIFICATION_PREF_KEYS.some((k) => prefs[k] !== stored[k])) fields.push("notificationPrefs");
  if (fields.length > 0) {
    const db = database(c.env.DB);
    await db.batch([
      db
        .update(attendants)
        .set({ name: body.name ?? row.name, notificationPrefs: prefs })
        .where(and(eq(attendants.id, who.id), eq(attendants.accountId, who.accountId))),
      auditEntry(db, { ...requestActor(c), action: "attendant.profile_updated", target: { type: "attendant", id: who.id }, detail: { fields } }),
    ]);
  }
  return loadMe(c.env.DB, { ...who, name: body.name ?? row.name });
}

/** PUT /api/me/password: checks the current password, then ends every other session of the attendant. */
async function changePassword(c: Context<AppEnv>, body: z.infer<typeof PasswordBody>): Promise<void> {
  const who = c.get("attendant");
  // Per attendant: a stolen session must not become a way to guess the password quickly.
  await enforce(c.env.LOGIN_LIMITER, `password:${who.id}`);
  const row = await ownRow(c.env.DB, who);
  if (!row || !(await verifyPassword(body.currentPassword, row.passwordHash))) {
    throw new ApiError(400, "wrong_password", "The current password is wrong", "currentPassword");
  }
  const current = await sha256Hex(getCookie(c, SESSION_COOKIE) ?? "");
  const db = database(c.env.DB);
  await db.batch([
    db
      .update(attendants)
      .set({ passwordHash: await hashPassword(body.newPassword) })
      .where(and(eq(attendants.id, who.id), eq(attendants.accountId, who.accountId))),
    db.delete(sessions).where(and(eq(sessions.attendantId, who.id), eq(sessions.accountId, who.accountId), ne(sessions.idHash, current))),
    auditEntry(db, { ...requestActor(c), action: "attendant.password_changed", target: { type: "attendant", id: who.id } }),
  ]);
}

export const meRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => c.json(await loadMe(c.env.DB, c.get("attendant"))))
  .put("/status", async (c) => {
    const { status } = await parseBody(c, StatusBody);
    const who = c.get("attendant");
    const shift = status === "online" ? await attendantShiftHours(c.env.DB, who.accountId, who.id) : null;
    const now = Date.now();
    if (shift && !isOpenAt(shift.shifts, shift.timeZone, now)) {
      // Not ApiError: the contract adds `opensAt` to the error envelope.
      const error = { code: "outside_shift", message: "Your shift is closed now", opensAt: opensAt(shift.shifts, shift.timeZone, now) } as const;
      return c.json({ error } satisfies OutsideShiftError, 409);
    }
    await setAttendantPresence(c.env, c.get("attendant"), status);
    return c.json({ status });
  })
  .patch("/", async (c) => c.json(await updateProfile(c, await parseBody(c, ProfileBody))))
  .put("/password", async (c) => {
    await changePassword(c, await parseBody(c, PasswordBody));
    return c.body(null, 204);
  });
