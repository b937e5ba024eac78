/**
 * The chat settings for the console ("Personalizar chat", "Políticas de Atendimento Online"):
 * any attendant may read them; the account's document is changed by administrators, a
 * department's by administrators and that department's managers. Documents are validated
 * whole by the zod schemas: an invalid field is a 400 naming it, and nothing is saved.
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { visibleDepartments } from "../access";
import { requireAttendant, type SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts, attendantDepartments, departments } from "../db/schema";
import type { AppEnv } from "../env";
import { forbidden, notFound } from "../errors";
import { accountLang } from "../settings/account-lang";
import { AccountSettings, DepartmentSettings, readDocument } from "../settings/schema";
import { accountDocument, loadSettings } from "../settings/store";
import { refuseDroppedSections, requireIfMatch, settingsEtag, staleSettings } from "../settings/versioned";
import { allVersions, readVersion, saveIfUnchanged } from "../settings/versioned-store";
import { tellLimit } from "../attendants/limit-rooms";
import { idParam, parseBody } from "../validate";
import type { SettingsResponse } from "../views";

/** The account's secret, for administrators only (it signs customer hashes). */
async function identitySecret(db: D1Database, who: SessionAttendant): Promise<string | undefined> {
  if (who.role !== "administrator") return undefined;
  const row = await database(db).select({ secret: accounts.secret }).from(accounts).where(eq(accounts.id, who.accountId)).get();
  return row?.secret;
}

/** 404 for a department that is not the account's; 403 unless `who` administers or manages it. */
async function requireDepartmentEditor(db: D1Database, who: SessionAttendant, departmentId: string) {
  const orm = database(db);
  const department = await orm
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.accountId, who.accountId)))
    .get();
  if (!department) throw notFound("No such department");
  if (who.role === "administrator") return;
  const manages =
    who.role === "department_manager" &&
    (await orm
      .select({ id: attendantDepartments.departmentId })
      .from(attendantDepartments)
      .where(
        and(
          eq(attendantDepartments.attendantId, who.id),
          eq(attendantDepartments.departmentId, departmentId),
          eq(attendantDepartments.accountId, who.accountId),
          eq(attendantDepartments.manages, true),
        ),
      )
      .get());
  if (!manages) throw forbidden("Only administrators and this department's managers change its settings");
}

export const settingsRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const [stored, visible, secret, base, versions] = await Promise.all([
      loadSettings(c.env.DB, who.accountId),
      visibleDepartments(c.env.DB, who),
      identitySecret(c.env.DB, who),
      accountLang(c.env.DB, who.accountId),
      allVersions(c.env.DB, who.accountId),
    ]);
    // The ETag of each document, for the If-Match of its PUT (worker/settings/versioned.ts).
    const etags: NonNullable<SettingsResponse["etags"]> = { account: settingsEtag(versions.get("") ?? null), departments: {} };
    const departmentSettings: SettingsResponse["departments"] = {};
    for (const d of visible) {
      const doc = stored.departments[d.id];
      if (doc) departmentSettings[d.id] = readDocument(doc, base);
      etags.departments[d.id] = settingsEtag(versions.get(d.id) ?? null);
    }
    const body: SettingsResponse = { account: readDocument(stored.account, base), departments: departmentSettings, lang: base, etags };
    c.header("ETag", etags.account);
    if (secret !== undefined) body.identitySecret = secret;
    return c.json(body);
  })
  .put("/", async (c) => {
    const who = c.get("attendant");
    if (who.role !== "administrator") throw forbidden("Only administrators change the account's settings");
    const version = await readVersion(c.env.DB, who.accountId, "");
    requireIfMatch(c, version.updatedAt);
    // Texts in the old single shape are the account's language; they are saved per language.
    const doc = readDocument(await parseBody(c, AccountSettings), await accountLang(c.env.DB, who.accountId));
    refuseDroppedSections(c, await c.req.json(), version.data);
    const before = accountDocument(version.data, who.accountId);
    const saved = await saveIfUnchanged(c.env.DB, who.accountId, "", doc, version.updatedAt);
    if (saved === null) throw staleSettings();
    c.header("ETag", settingsEtag(saved));
    // Open consoles follow a new default limit at once (worker/attendants/limit-rooms.ts).
    if (before.policies.maxChatsPerAttendant !== doc.policies.maxChatsPerAttendant) await tellLimit(c.env, who.accountId, "default");
    return c.json(doc satisfies AccountSettings);
  })
  .put("/departments/:id", async (c) => {
    const who = c.get("attendant");
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) throw notFound("No such department");
    await requireDepartmentEditor(c.env.DB, who, id.data);
    const version = await readVersion(c.env.DB, who.accountId, id.data);
    requireIfMatch(c, version.updatedAt);
    const doc = readDocument(await parseBody(c, DepartmentSettings), await accountLang(c.env.DB, who.accountId));
    refuseDroppedSections(c, await c.req.json(), version.data);
    const saved = await saveIfUnchanged(c.env.DB, who.accountId, id.data, doc, version.updatedAt);
    if (saved === null) throw staleSettings();
    c.header("ETag", settingsEtag(saved));
    return c.json(doc satisfies DepartmentSettings);
  });
