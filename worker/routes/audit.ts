/**
 * GET /api/audit (Auditoria): the account's audit log for administrators, newest first, a page
 * at a time, filtered by who did it, what they did and when. Entries are written by the routes
 * that make each change (worker/audit.ts); nothing here writes.
 */
import { and, desc, eq, gte, lt } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { requireAdministrator } from "../access";
import { AUDIT_ACTIONS } from "../audit";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { auditLog } from "../db/schema";
import type { AppEnv } from "../env";
import { idParam, parseQuery } from "../validate";
import type { AuditEntryView, AuditResponse } from "../views-gestao";

const epochMs = z.coerce.number().int().min(0).max(8.64e15);

const ListQuery = z.object({
  actor: idParam.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Inclusive. */
  from: epochMs.optional(),
  /** Exclusive, like the reports' `to`. */
  to: epochMs.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

type AuditRow = typeof auditLog.$inferSelect;

/** The entry as the API shows it; only AUDIT_ACTIONS are ever written (auditEntry's input type). */
function toView(row: AuditRow): AuditEntryView[] {
  const action = AUDIT_ACTIONS.find((known) => known === row.action);
  if (!action) return [];
  return [{
    id: row.id,
    actorId: row.actorId,
    actorName: row.actorName,
    action,
    targetType: row.targetType,
    targetId: row.targetId,
    detail: row.detail ?? null,
    ip: row.ip,
    createdAt: row.createdAt,
  }];
}

export const auditRoutes = new Hono<AppEnv>()
  .use(requireAttendant, requireAdministrator)
  .get("/", async (c) => {
    const { accountId } = c.get("attendant");
    const query = parseQuery(c, ListQuery);
    const rows = await database(c.env.DB)
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.accountId, accountId),
          query.actor ? eq(auditLog.actorId, query.actor) : undefined,
          query.action ? eq(auditLog.action, query.action) : undefined,
          query.from !== undefined ? gte(auditLog.createdAt, query.from) : undefined,
          query.to !== undefined ? lt(auditLog.createdAt, query.to) : undefined,
        ),
      )
      // The id breaks ties between entries of the same millisecond, so pages never overlap.
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(query.limit + 1)
      .offset((query.page - 1) * query.limit);
    return c.json({
      entries: rows.slice(0, query.limit).flatMap(toView),
      page: query.page,
      hasMore: rows.length > query.limit,
    } satisfies AuditResponse);
  });
