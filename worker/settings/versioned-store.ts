/**
 * The versions of the settings rows (versioned.ts) and the conditional save. Every query is
 * scoped by account.
 */
import { and, eq } from "drizzle-orm";
import { database } from "../db/client";
import { settings } from "../db/schema";
import { nextVersion } from "./versioned";

/** One stored document as it is in its row, and its version (null: never saved). */
export interface StoredVersion {
  data: unknown;
  updatedAt: number | null;
}

/** The row of the account's document (`departmentId` "") or of one department's. */
export async function readVersion(db: D1Database, accountId: string, departmentId: string): Promise<StoredVersion> {
  const row = await database(db)
    .select({ data: settings.data, updatedAt: settings.updatedAt })
    .from(settings)
    .where(and(eq(settings.accountId, accountId), eq(settings.departmentId, departmentId)))
    .get();
  return row ? { data: row.data, updatedAt: row.updatedAt } : { data: {}, updatedAt: null };
}

/** The version of every settings row of the account, by department id ("" for the account's). */
export async function allVersions(db: D1Database, accountId: string): Promise<Map<string, number>> {
  const rows = await database(db)
    .select({ departmentId: settings.departmentId, updatedAt: settings.updatedAt })
    .from(settings)
    .where(eq(settings.accountId, accountId))
    .limit(1000);
  return new Map(rows.map((r) => [r.departmentId, r.updatedAt]));
}

/**
 * Writes the document only if its row is still at `expected` (null: no row yet), in one
 * statement. Returns the new version, or null when another save came first.
 */
export async function saveIfUnchanged(
  db: D1Database,
  accountId: string,
  departmentId: string,
  data: Record<string, unknown>,
  expected: number | null,
): Promise<number | null> {
  const updatedAt = nextVersion(expected);
  const orm = database(db);
  const result =
    expected === null
      ? await orm.insert(settings).values({ accountId, departmentId, data, updatedAt }).onConflictDoNothing().run()
      : await orm
          .update(settings)
          .set({ data, updatedAt })
          .where(and(eq(settings.accountId, accountId), eq(settings.departmentId, departmentId), eq(settings.updatedAt, expected)))
          .run();
  return result.meta.changes === 1 ? updatedAt : null;
}
