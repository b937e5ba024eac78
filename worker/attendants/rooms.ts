/**
 * Tells every department room of the account that an attendant's rights changed, so that it
 * takes effect at once on live consoles (durable-objects/attendant-rights.ts): their sockets
 * close with 4001, and their chats in a department they no longer attend go back to its queue.
 */
import { eq } from "drizzle-orm";
import { departmentRoom } from "../access";
import { database } from "../db/client";
import { departments } from "../db/schema";
import type { Env } from "../env";

/**
 * @param attends the departments the attendant attends after the change; null when they were
 *   deactivated (they attend nothing any more).
 */
export async function tellRooms(env: Env, accountId: string, attendant: { id: string; name: string }, attends: Set<string> | null): Promise<void> {
  const rows = await database(env.DB).select({ id: departments.id }).from(departments).where(eq(departments.accountId, accountId));
  await Promise.all(
    rows.map(async ({ id }) => {
      const change = { attendantId: attendant.id, name: attendant.name, attends: attends?.has(id) ?? false };
      const meta = { accountId, departmentId: id };
      // One retry: a room being replaced (deploy, eviction) may refuse one call.
      for (let attempt = 1; ; attempt++) {
        try {
          await departmentRoom(env, accountId, id).attendantRightsChanged(meta, change);
          return;
        } catch (error) {
          if (attempt >= 2) return console.error("room did not take an attendant's rights change", { departmentId: id, error });
        }
      }
    }),
  );
}
