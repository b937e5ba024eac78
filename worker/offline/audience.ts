/**
 * Who may see an offline message (docs/API.md "Visibility"): the messages of the departments the
 * attendant may see (attended or supervised), and — only for administrators and department
 * managers who manage at least one department — the messages left without a department. Those
 * have no department to route them, so they wait for someone who triages (as Chatwoot leaves an
 * unassigned conversation to admins and Tawk.to an unrouted offline message to property admins);
 * a plain attendant sees none of them. One rule for the list, the detail, the answer, the
 * conversion to a ticket and a customer's history: what one does not see is a 404 wherever it is
 * named, exactly as an id that does not exist.
 */
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { departmentAccess } from "../access";
import type { SessionAttendant } from "../auth/session";
import { offlineMessages } from "../db/schema";

type Who = Pick<SessionAttendant, "id" | "accountId" | "role">;

/** The departments whose messages `who` sees, and whether they also see the department-less ones. */
export interface OfflineAudience {
  departmentIds: string[];
  withoutDepartment: boolean;
}

/** What `who` sees of the offline messages of their account. */
export async function offlineAudience(db: D1Database, who: Who): Promise<OfflineAudience> {
  const access = await departmentAccess(db, who);
  const withoutDepartment = who.role === "administrator" || (who.role === "department_manager" && access.some((d) => d.supervises));
  return { departmentIds: access.map((d) => d.id), withoutDepartment };
}

/** The condition "an offline message of `audience`", account included; never empty (an audience of nothing matches nothing). */
export function offlineScope(accountId: string, audience: OfflineAudience): SQL {
  const parts = [
    audience.departmentIds.length ? inArray(offlineMessages.departmentId, audience.departmentIds) : undefined,
    audience.withoutDepartment ? isNull(offlineMessages.departmentId) : undefined,
  ].filter((p): p is SQL => p !== undefined);
  const seen = parts.length ? or(...parts)! : sql`0`;
  return and(eq(offlineMessages.accountId, accountId), seen)!;
}

/** Whether a message of `departmentId` (null: none) is one `audience` sees. */
export function offlineVisible(audience: OfflineAudience, departmentId: string | null): boolean {
  return departmentId === null ? audience.withoutDepartment : audience.departmentIds.includes(departmentId);
}
