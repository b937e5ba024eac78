/**
 * Where a chat may be transferred, for the console's dialog: the account's active departments,
 * each with the attendants online there now (from its room's presence). Any attendant allowed to
 * transfer the chat may read it, even for departments they do not work in.
 */
import { and, asc, eq } from "drizzle-orm";
import { departmentRoom } from "../access";
import { database } from "../db/client";
import { departments } from "../db/schema";
import type { Env } from "../env";
import type { TransferTargetsResponse } from "../views-hours";

/** Same bound as the departments list: a page the dialog shows whole. */
const MAX_TARGETS = 100;

/** The active departments by name, each with its online attendants by name. */
export async function transferTargets(env: Env, accountId: string): Promise<TransferTargetsResponse["departments"]> {
  const rows = await database(env.DB)
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.accountId, accountId), eq(departments.active, true)))
    .orderBy(asc(departments.name))
    .limit(MAX_TARGETS);
  return Promise.all(
    rows.map(async (d) => {
      const presence = await departmentRoom(env, accountId, d.id).presence();
      const online = presence.attendants.filter((a) => a.status === "online").map(({ id, name }) => ({ id, name }));
      return { ...d, attendants: online };
    }),
  );
}
