/**
 * GET /api/widget/config: everything the widget needs before it draws anything, in one small
 * answer: the departments with presence, the look (account and per department) and whether to
 * ask for the survey. `no-cache` with an ETag: the browser revalidates on every page view (so
 * a change in the console shows at once) and gets an empty 304 when nothing changed.
 */
import { and, asc, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as z from "zod";
import { departmentRoom } from "../access";
import { sha256Hex } from "../auth/encoding";
import { database } from "../db/client";
import { departments } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { effectiveLook } from "../settings/schema";
import { loadSettings } from "../settings/store";
import { parseQuery } from "../validate";
import type { WidgetConfigResponse } from "../views";
import { AccountKey, accountByKey } from "./widget-common";

/** Any string: a department id that is not the account's is a 404, whatever it looks like. */
const ConfigQuery = z.object({ account: AccountKey, department: z.string().min(1).max(100).optional() });

/** More departments than a customer could choose from; the list stays bounded. */
const MAX_DEPARTMENTS = 200;

/** Whether an If-None-Match header names `etag` (weak or strong, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

/** Answers `body` as JSON with an ETag from its bytes, or 304 when the client already has it. */
async function withETag(c: Context<AppEnv>, body: WidgetConfigResponse) {
  const text = JSON.stringify(body);
  const etag = `"${(await sha256Hex(text)).slice(0, 32)}"`;
  c.header("ETag", etag);
  c.header("Cache-Control", "no-cache");
  if (matches(c.req.header("If-None-Match"), etag)) return c.body(null, 304);
  return c.body(text, 200, { "Content-Type": "application/json; charset=UTF-8" });
}

export const widgetConfigRoutes = new Hono<AppEnv>().get("/config", async (c) => {
  const query = parseQuery(c, ConfigQuery);
  const account = await accountByKey(c.env.DB, query.account);
  const [rows, stored] = await Promise.all([
    database(c.env.DB)
      .select()
      .from(departments)
      .where(
        and(
          eq(departments.accountId, account.id),
          eq(departments.active, true),
          query.department ? eq(departments.id, query.department) : undefined,
        ),
      )
      .orderBy(asc(departments.name))
      .limit(MAX_DEPARTMENTS),
    loadSettings(c.env.DB, account.id),
  ]);
  if (query.department && rows.length === 0) throw new ApiError(404, "unknown_department", "No such department");
  const list = await Promise.all(
    rows.map(async (d) => ({
      id: d.id,
      name: d.name,
      initialMessage: d.initialMessage,
      online: (await departmentRoom(c.env, account.id, d.id).presence()).online,
      look: effectiveLook(stored.account.look, stored.departments[d.id]?.look),
    })),
  );
  return withETag(c, {
    account: { name: account.name, locale: account.locale },
    departments: list,
    look: effectiveLook(stored.account.look),
    surveyEnabled: stored.account.policies.surveyEnabled ?? false,
  });
});
