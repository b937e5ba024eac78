/**
 * GET /api/widget/config: everything the widget needs before it draws anything, in one small
 * answer: the departments with presence, the look (account and per department) and whether to
 * ask for the survey. The look's texts are those of one language (`?lang=`, else the account's),
 * so the answer stays small; the ETag, from the answer's bytes, differs per language (the
 * answer names its `lang`). `no-cache` with an ETag: the browser revalidates on every page view (so
 * a change in the console shows at once) and gets an empty 304 when nothing changed.
 */
import { and, eq, isNull } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as z from "zod";
import { departmentRoom } from "../access";
import { sha256Hex } from "../auth/encoding";
import { database } from "../db/client";
import { accounts } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { isOpenAt, opensAt } from "../hours/schedule";
import { effectiveShifts } from "../hours/shifts";
import { pickLang } from "../settings/look";
import { effectiveLook } from "../settings/schema";
import { parseQuery } from "../validate";
import type { WidgetConfigCompact, WidgetConfigResponse } from "../views";
import { AccountKey } from "./widget-common";
import { compactConfig } from "./widget-config-compact";
import { readConfig } from "./widget-config-reads";
import { assertOriginAllowed, foreignOrigin } from "./widget-origin";

/** Any string: a department id that is not the account's is a 404, whatever it looks like. */
const ConfigQuery = z.object({
  account: AccountKey,
  department: z.string().min(1).max(100).optional(),
  /**
   * The page's language, read like the widget's `lang` attribute (pickLang: `en-US` is English);
   * empty (the loader's embed has no `lang`) or a language we do not speak is the account's, as
   * the widget's own labels are.
   */
  lang: z.string().max(35).optional(),
  /** `1`: the compact answer, without what equals the defaults (widget-config-compact.ts). */
  compact: z.literal("1").optional(),
});

/** Whether an If-None-Match header names `etag` (weak or strong, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

/** Answers `body` as JSON with an ETag from its bytes, or 304 when the client already has it. */
async function withETag(c: Context<AppEnv>, body: WidgetConfigResponse | WidgetConfigCompact) {
  const text = JSON.stringify(body);
  const etag = `"${(await sha256Hex(text)).slice(0, 32)}"`;
  c.header("ETag", etag);
  c.header("Cache-Control", "no-cache");
  if (matches(c.req.header("If-None-Match"), etag)) return c.body(null, 304);
  return c.body(text, 200, { "Content-Type": "application/json; charset=UTF-8" });
}

/**
 * Each department's presence from the summary its room keeps in D1 (one query with the
 * departments, no room woken): online, or offline because every online attendant is full
 * (`busy`). A department whose room has never published a summary (new, or from before
 * summaries existed) is asked once; its room then publishes one.
 */
async function presenceOf(env: AppEnv["Bindings"], accountId: string, rows: { id: string; online: boolean | null; busy: boolean | null }[]) {
  let roomsAsked = 0;
  const presence = await Promise.all(
    rows.map(async (d) => {
      if (d.online !== null) return { online: d.online, busy: d.busy === true };
      roomsAsked++;
      const snapshot = await departmentRoom(env, accountId, d.id).presence({ accountId, departmentId: d.id });
      return { online: snapshot.online, busy: snapshot.busy === true };
    }),
  );
  return { presence, roomsAsked };
}

/**
 * The setup checklist's "snippet installed": the first config read from a site other than ours
 * (the pop-up page is ours) marks the account. Only while the mark is missing, so a poll
 * writes nothing; two first reads racing both run the guarded update, which sets it once.
 */
async function markWidgetSeen(c: Context<AppEnv>, account: { id: string; widgetSeenAt: number | null }) {
  if (account.widgetSeenAt !== null || foreignOrigin(c) === null) return;
  await database(c.env.DB)
    .update(accounts)
    .set({ widgetSeenAt: Date.now() })
    .where(and(eq(accounts.id, account.id), isNull(accounts.widgetSeenAt)));
}

export const widgetConfigRoutes = new Hono<AppEnv>().get("/config", async (c) => {
  const query = parseQuery(c, ConfigQuery);
  const { account, departments: rows, settings: stored, shifts: shiftRows } = await readConfig(c.env.DB, query.account, query.department ?? null);
  if (!account) throw new ApiError(404, "unknown_account", "No account has this key");
  assertOriginAllowed(c, account.allowedOrigins);
  await markWidgetSeen(c, account);
  if (query.department && rows.length === 0) throw new ApiError(404, "unknown_department", "No such department");
  const { presence, roomsAsked } = await presenceOf(c.env, account.id, rows);
  // The hours are read here too: the summary may lag a boundary by the alarm's delay.
  const now = Date.now();
  const closed = rows.map((d) => {
    const hours = effectiveShifts(shiftRows, d.id);
    return isOpenAt(hours, account.timeZone, now) ? null : (opensAt(hours, account.timeZone, now) ?? undefined);
  });
  // Lets the bench (and operators) see that a poll woke no room.
  c.header("Server-Timing", `rooms;desc="${roomsAsked}"`);
  const base = pickLang(account.locale);
  const lang = pickLang(query.lang, base);
  const body: WidgetConfigResponse = {
    account: { name: account.name, locale: account.locale },
    departments: rows.map((d, i) => ({
      id: d.id,
      name: d.name,
      initialMessage: d.initialMessage,
      online: closed[i] === null && (presence[i]?.online ?? false),
      ...(closed[i] !== null && closed[i] !== undefined ? { opensAt: closed[i] } : {}),
      ...(closed[i] === null && presence[i]?.busy ? { busy: true as const } : {}),
      look: effectiveLook(stored.account.look, stored.departments[d.id]?.look, lang, base),
    })),
    look: effectiveLook(stored.account.look, undefined, lang, base),
    lang,
    surveyEnabled: stored.account.policies.surveyEnabled ?? false,
    transcriptByEmail: stored.account.policies.transcriptByEmail ?? false,
  };
  return withETag(c, query.compact ? compactConfig(body) : body);
});
