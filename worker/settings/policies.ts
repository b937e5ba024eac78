/**
 * The attendance policies that apply in one department: the account's `policies` with the
 * department's own overrides on top (`routing`, `offlineToTicket`). Read by the department rooms
 * (automatic routing, the inactivity close) in one small query of both documents.
 */
import { and, eq, inArray } from "drizzle-orm";
import { database } from "../db/client";
import { settings } from "../db/schema";
import { AccountSettings, DepartmentSettings } from "./schema";

/** The policies one department follows. */
export type EffectivePolicies = AccountSettings["policies"];

/**
 * The account's policies overridden by the department's. A stored document that no longer
 * parses counts as absent (the defaults), like everywhere settings are read.
 */
export async function effectivePolicies(db: D1Database, accountId: string, departmentId: string): Promise<EffectivePolicies> {
  const rows = await database(db)
    .select({ departmentId: settings.departmentId, data: settings.data })
    .from(settings)
    .where(and(eq(settings.accountId, accountId), inArray(settings.departmentId, ["", departmentId])))
    .limit(2);
  const account = AccountSettings.safeParse(rows.find((r) => r.departmentId === "")?.data ?? {});
  const department = DepartmentSettings.safeParse(rows.find((r) => r.departmentId === departmentId && departmentId !== "")?.data ?? {});
  const policies: EffectivePolicies = account.success ? { ...account.data.policies } : {};
  const routing = department.success ? department.data.policies?.routing : undefined;
  if (routing) policies.routing = routing;
  const offlineToTicket = department.success ? department.data.policies?.offlineToTicket : undefined;
  if (offlineToTicket !== undefined) policies.offlineToTicket = offlineToTicket;
  return policies;
}
