/**
 * Who writes the Base de Conhecimento: administrators always, other attendants when Gestão gave
 * them `kbEditor`. Every attendant of the account may read the console's lists (they answer
 * customers with the articles). The flag is read from D1 on each write, so taking it away
 * takes effect at once, without a new session.
 */
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { accounts, attendants } from "../db/schema";
import type { AppEnv } from "../env";
import { forbidden } from "../errors";

/** Whether `who` may write articles and categories. */
export async function canEditKb(db: D1Database, who: Pick<SessionAttendant, "id" | "accountId" | "role">): Promise<boolean> {
  if (who.role === "administrator") return true;
  const row = await database(db)
    .select({ kbEditor: attendants.kbEditor })
    .from(attendants)
    .where(and(eq(attendants.id, who.id), eq(attendants.accountId, who.accountId)))
    .get();
  return row?.kbEditor === true;
}

/** The signed-in attendant if they may write the knowledge base; 403 otherwise. */
export async function requireKbEditor(c: Context<AppEnv>): Promise<SessionAttendant> {
  const who = c.get("attendant");
  if (!(await canEditKb(c.env.DB, who))) throw forbidden("Only administrators and knowledge-base editors may change the knowledge base");
  return who;
}

/** The account's public key: the `/kb/<key>/` of its pages. */
export async function publicKeyOf(db: D1Database, accountId: string): Promise<string> {
  const row = await database(db).select({ publicKey: accounts.publicKey }).from(accounts).where(eq(accounts.id, accountId)).get();
  if (!row) throw new Error(`account ${accountId} vanished`);
  return row.publicKey;
}
