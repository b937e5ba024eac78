/**
 * GET /api/setup: the administrator's first steps after sign-up, each computed from data in one
 * D1 query (nothing is stored as "done", so an item can never disagree with the account):
 * - `departments`: the account has more than one department, or the audit log records a
 *   department created or updated (e.g. "Geral" renamed);
 * - `attendants`: the account has more than one attendant;
 * - `hours`: the audit log records an `account.updated` that touched the time zone (its detail
 *   has the key `timeZone`, or lists "timeZone" in `detail.fields`). Business hours
 *   (Horários de Atendimento) will also count once they are stored;
 * - `snippet`: the widget was loaded with the account's key from a site (`widget_seen_at`);
 * - `testChat`: the account has a chat.
 */
import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { requireAdministrator } from "../access";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts, attendants, auditLog, chats, departments, shifts } from "../db/schema";
import type { AppEnv } from "../env";
import { SETUP_ITEMS, type SetupChecklistResponse, type SetupItem } from "../views-gestao";

/** Whether each item is done, for one account (the flags are 0/1 from SQLite). */
async function checklist(db: D1Database, accountId: string): Promise<Record<SetupItem, boolean>> {
  const row = await database(db)
    .select({
      departments: sql<number>`(SELECT COUNT(*) FROM ${departments} WHERE ${departments.accountId} = ${accountId}) > 1
        OR EXISTS (SELECT 1 FROM ${auditLog} WHERE ${auditLog.accountId} = ${accountId}
          AND ${auditLog.action} IN ('department.created', 'department.updated'))`,
      attendants: sql<number>`(SELECT COUNT(*) FROM ${attendants} WHERE ${attendants.accountId} = ${accountId}) > 1`,
      hours: sql<number>`EXISTS (SELECT 1 FROM ${shifts} WHERE ${shifts.accountId} = ${accountId})
        OR EXISTS (SELECT 1 FROM ${auditLog} WHERE ${auditLog.accountId} = ${accountId}
        AND ${auditLog.action} = 'account.updated'
        AND (json_type(${auditLog.detail}, '$.timeZone') IS NOT NULL
          OR EXISTS (SELECT 1 FROM json_each(${auditLog.detail}, '$.fields') WHERE value = 'timeZone')))`,
      snippet: sql<number>`${accounts.widgetSeenAt} IS NOT NULL`,
      testChat: sql<number>`EXISTS (SELECT 1 FROM ${chats} WHERE ${chats.accountId} = ${accountId})`,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .get();
  return {
    departments: Boolean(row?.departments),
    attendants: Boolean(row?.attendants),
    hours: Boolean(row?.hours),
    snippet: Boolean(row?.snippet),
    testChat: Boolean(row?.testChat),
  };
}

export const setupRoutes = new Hono<AppEnv>()
  .use(requireAttendant, requireAdministrator)
  .get("/", async (c) => {
    const done = await checklist(c.env.DB, c.get("attendant").accountId);
    const items = SETUP_ITEMS.map((key) => ({ key, done: done[key] }));
    return c.json({ items, done: items.every((item) => item.done) } satisfies SetupChecklistResponse);
  });
