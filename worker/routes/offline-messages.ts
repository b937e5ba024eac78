/**
 * GET /api/offline-messages: the offline form's messages for the console, newest first, a page
 * at a time, optionally of one status and one department. Without a status, the messages that
 * became tickets are left out: they live in Chamados (`?status=ticket` lists them). Who sees which
 * message is offline/audience.ts: the departments one may see, and the department-less messages
 * for administrators and department managers only.
 */
import { and, desc, eq, ne } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { departments, OFFLINE_MESSAGE_STATUSES, offlineMessages } from "../db/schema";
import type { AppEnv } from "../env";
import { offlineAudience, offlineScope } from "../offline/audience";
import { idParam, parseQuery } from "../validate";
import type { OfflineMessageItem, OfflineMessagesResponse } from "../views";

const ListQuery = z.object({
  departmentId: idParam.optional(),
  status: z.enum(OFFLINE_MESSAGE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const columns = {
  id: offlineMessages.id,
  departmentId: offlineMessages.departmentId,
  departmentName: departments.name,
  name: offlineMessages.name,
  email: offlineMessages.email,
  message: offlineMessages.message,
  pageUrl: offlineMessages.pageUrl,
  createdAt: offlineMessages.createdAt,
  status: offlineMessages.status,
};

/** Offline messages as `OfflineMessageItem`s, with their department's name; the caller filters by account. */
export function offlineMessageQuery(db: D1Database) {
  return database(db)
    .select(columns)
    .from(offlineMessages)
    .leftJoin(departments, and(eq(departments.id, offlineMessages.departmentId), eq(departments.accountId, offlineMessages.accountId)));
}

export const offlineMessageRoutes = new Hono<AppEnv>().use(requireAttendant).get("/", async (c) => {
  const who = c.get("attendant");
  const query = parseQuery(c, ListQuery);
  const scope = offlineScope(who.accountId, await offlineAudience(c.env.DB, who));
  const rows = await offlineMessageQuery(c.env.DB)
    .where(
      and(
        scope,
        query.departmentId ? eq(offlineMessages.departmentId, query.departmentId) : undefined,
        query.status ? eq(offlineMessages.status, query.status) : ne(offlineMessages.status, "ticket"),
      ),
    )
    // The id breaks ties between messages of the same millisecond, so pages never overlap.
    .orderBy(desc(offlineMessages.createdAt), desc(offlineMessages.id))
    .limit(query.limit + 1)
    .offset((query.page - 1) * query.limit);
  return c.json({
    offlineMessages: rows.slice(0, query.limit) satisfies OfflineMessageItem[],
    page: query.page,
    hasMore: rows.length > query.limit,
  } satisfies OfflineMessagesResponse);
});
