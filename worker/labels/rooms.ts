/**
 * Tells the account's department rooms its labels and rules after a change (a label created,
 * edited or deleted): each room keeps them in its own storage, so admitting a chat evaluates the
 * rules without reading D1 (durable-objects/room-labels.ts). A room that misses a push reads
 * them again once they are `LABELS_STALE_MS` old.
 */
import { eq } from "drizzle-orm";
import { departmentRoom } from "../access";
import { database } from "../db/client";
import { departments } from "../db/schema";
import type { Env } from "../env";
import type { RuleLabel } from "./rules";
import { accountLabels, ruleLabels } from "./store";

/** The account's labels as a room stores them, and when the read began (a room keeps the newest read). */
export async function roomLabels(db: D1Database, accountId: string): Promise<{ labels: RuleLabel[]; readAt: number }> {
  const readAt = Date.now();
  return { labels: ruleLabels(await accountLabels(db, accountId)), readAt };
}

/** Pushes the account's labels to every department room; failures are logged (the change is already saved). */
export async function pushLabels(env: Env, accountId: string): Promise<void> {
  const [{ labels, readAt }, all] = await Promise.all([
    roomLabels(env.DB, accountId),
    database(env.DB).select({ id: departments.id }).from(departments).where(eq(departments.accountId, accountId)),
  ]);
  await Promise.all(
    all.map(async (d) => {
      try {
        await departmentRoom(env, accountId, d.id).setLabels({ accountId, departmentId: d.id }, labels, readAt);
      } catch (error) {
        console.error("pushing labels to a room failed", d.id, error);
      }
    }),
  );
}
