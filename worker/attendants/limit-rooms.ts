/**
 * Tells the department rooms of an account the new effective chat limit of some attendants
 * (their own `max_chats`, else the account's `policies.maxChatsPerAttendant`), so that open
 * consoles follow a change at once (durable-objects/attendant-limit.ts) instead of on their
 * next connection.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { departmentRoom } from "../access";
import { database } from "../db/client";
import { attendants, departments } from "../db/schema";
import type { Env } from "../env";
import { loadAccountSettings } from "../settings/store";

/** More attendants than this in one change are left to their next connection (and logged). */
const MAX_TOLD = 500;

/**
 * @param ids the attendants whose own limit changed, or "default": every active attendant who
 *   follows the account's default (the default changed).
 */
export async function tellLimit(env: Env, accountId: string, ids: string[] | "default"): Promise<void> {
  const orm = database(env.DB);
  const [policies, rows, rooms] = await Promise.all([
    loadAccountSettings(env.DB, accountId).then((s) => s.policies),
    orm
      .select({ id: attendants.id, maxChats: attendants.maxChats })
      .from(attendants)
      .where(and(eq(attendants.accountId, accountId), eq(attendants.active, true), ids === "default" ? isNull(attendants.maxChats) : inArray(attendants.id, ids)))
      .limit(MAX_TOLD + 1),
    orm.select({ id: departments.id }).from(departments).where(eq(departments.accountId, accountId)),
  ]);
  if (rows.length > MAX_TOLD) console.error("too many attendants to tell of a limit change; they get it on reconnect", { accountId });
  const limits = rows.slice(0, MAX_TOLD).map((r) => ({ attendantId: r.id, maxChats: r.maxChats ?? policies.maxChatsPerAttendant ?? null }));
  if (limits.length === 0) return;
  await Promise.all(
    rooms.map(({ id }) =>
      departmentRoom(env, accountId, id)
        .attendantLimitsChanged({ accountId, departmentId: id }, limits)
        .catch((error: unknown) => console.error("room did not take a limit change; consoles get it on reconnect", { departmentId: id, error })),
    ),
  );
}
