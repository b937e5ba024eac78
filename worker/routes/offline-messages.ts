/**
 * GET /api/offline-messages: the offline form's messages for the console, newest first, a page
 * at a time, optionally of one status and one department. Without a status, the messages that
 * became tickets are left out: they live in Chamados (`?status=ticket` lists them). An attendant
 * sees the messages of the departments they may see and those left without a department; an
 * administrator sees every message of the account.
 */
import { and, desc, eq, inArray, isNull, ne, or } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { visibleDepartments } from "../access";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { departments, OFFLINE_MESSAGE_STATUSES, offlineMessages } from "../db/schema";
import type { AppEnv } from "../env";
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
  const allowed = (await visibleDepartments(c.env.DB, who)).map((d) => d.id);
  if (query.departmentId && !allowed.includes(query.departmentId)) {
    return c.json({ offlineMessages: [], page: query.page, hasMore: false } satisfies OfflineMessagesResponse);
  }
  const scope = query.departmentId
    ? eq(offlineMessages.departmentId, query.departmentId)
    : or(isNull(offlineMessages.departmentId), allowed.length ? inArray(offlineMessages.departmentId, allowed) : undefined);
  const rows = await offlineMessageQuery(c.env.DB)
    .where(and(eq(offlineMessages.accountId, who.accountId), scope, query.status ? eq(offlineMessages.status, query.status) : ne(offlineMessages.status, "ticket")))
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
