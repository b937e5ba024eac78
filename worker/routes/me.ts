import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { departmentAccess } from "../access";
import { requireAttendant, type SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts, attendants, PRESENCE_STATUSES } from "../db/schema";
import type { AppEnv } from "../env";
import { setAttendantPresence } from "../presence";
import { parseBody } from "../validate";
import type { MeResponse } from "../views";

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

export const meRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => c.json(await loadMe(c.env.DB, c.get("attendant"))))
  .put("/status", async (c) => {
    const { status } = await parseBody(c, StatusBody);
    await setAttendantPresence(c.env, c.get("attendant"), status);
    return c.json({ status });
  });
