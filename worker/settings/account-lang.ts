/**
 * The account's language, which custom texts fall back to: texts saved before they were per
 * language (one set for every language) count as this language (look.ts `readLook`).
 */
import { eq } from "drizzle-orm";
import { database } from "../db/client";
import { accounts } from "../db/schema";
import { pickLang, type Lang } from "./look";

/** The language of the account's locale (pt-BR for an account that is gone: the caller 404s first). */
export async function accountLang(db: D1Database, accountId: string): Promise<Lang> {
  const row = await database(db).select({ locale: accounts.locale }).from(accounts).where(eq(accounts.id, accountId)).get();
  return pickLang(row?.locale);
}
