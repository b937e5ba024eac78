/**
 * Reads and writes the settings documents (schema.ts) in the `settings` table: one row per
 * account (department_id "") and one per department that overrides the look. Every query is
 * scoped by account; documents are validated on the way in and parsed again on the way out.
 */
import { and, eq } from "drizzle-orm";
import * as z from "zod";
import { database } from "../db/client";
import { settings } from "../db/schema";
import { AccountSettings, DepartmentSettings, type StoredAccountSettings, type StoredDepartmentSettings } from "./schema";

/** The row key of the account's own document. */
const ACCOUNT_ROW = "";

/** The documents as parsed: texts may still be in the old single shape (schema.ts `readDocument`). */
export interface StoredSettings {
  account: StoredAccountSettings;
  departments: Record<string, StoredDepartmentSettings>;
}

/**
 * A stored document that no longer parses (written by an older schema, or by hand) falls back
 * to the defaults instead of failing the widget's config for every visitor.
 */
function parseStored<S extends z.ZodType>(schema: S, data: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  console.error("stored settings do not parse; using defaults", where);
  const fallback = schema.safeParse({});
  if (!fallback.success) throw new Error("settings defaults do not parse");
  return fallback.data;
}

/** Every settings document of the account (one small query: a row per customized department). */
export async function loadSettings(db: D1Database, accountId: string): Promise<StoredSettings> {
  const rows = await database(db)
    .select({ departmentId: settings.departmentId, data: settings.data })
    .from(settings)
    .where(eq(settings.accountId, accountId))
    .limit(1000);
  return settingsFromRows(accountId, rows);
}

/** The parsed documents out of the account's settings rows (as `loadSettings` reads them). */
export function settingsFromRows(accountId: string, rows: readonly { departmentId: string; data: unknown }[]): StoredSettings {
  const result: StoredSettings = { account: parseStored(AccountSettings, {}, "defaults"), departments: {} };
  for (const row of rows) {
    // Keys starting with "#" are other documents of the account (e-mail: worker/email/settings.ts).
    if (row.departmentId.startsWith("#")) continue;
    if (row.departmentId === ACCOUNT_ROW) result.account = parseStored(AccountSettings, row.data, `${accountId}`);
    else result.departments[row.departmentId] = parseStored(DepartmentSettings, row.data, `${accountId}:${row.departmentId}`);
  }
  return result;
}

/** The account's document, or the defaults when it never saved one. */
export async function loadAccountSettings(db: D1Database, accountId: string): Promise<StoredAccountSettings> {
  const row = await database(db)
    .select({ data: settings.data })
    .from(settings)
    .where(and(eq(settings.accountId, accountId), eq(settings.departmentId, ACCOUNT_ROW)))
    .get();
  return accountDocument(row?.data ?? {}, accountId);
}

/** The account's document from its stored row's data (`{}` when it never saved one). */
export function accountDocument(data: unknown, accountId: string): StoredAccountSettings {
  return parseStored(AccountSettings, data, accountId);
}

async function save(db: D1Database, accountId: string, departmentId: string, data: Record<string, unknown>) {
  const updatedAt = Date.now();
  await database(db)
    .insert(settings)
    .values({ accountId, departmentId, data, updatedAt })
    .onConflictDoUpdate({ target: [settings.accountId, settings.departmentId], set: { data, updatedAt } });
}

/** Replaces the account's document (already validated by the caller). */
export function saveAccountSettings(db: D1Database, accountId: string, doc: StoredAccountSettings) {
  return save(db, accountId, ACCOUNT_ROW, doc);
}

/** Replaces one department's document; the caller checked that the department is the account's. */
export function saveDepartmentSettings(db: D1Database, accountId: string, departmentId: string, doc: StoredDepartmentSettings) {
  return save(db, accountId, departmentId, doc);
}
