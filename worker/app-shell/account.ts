/**
 * The account an app path names: `/app/<public key>/` and `/api/app/<public key>/` (the same
 * key the customer API and the knowledge-base API take), with what every app response needs:
 * its name, locale and the look's primary colour.
 */
import { eq } from "drizzle-orm";
import { database } from "../db/client";
import { accounts } from "../db/schema";
import { effectiveLook } from "../settings/look";
import { loadAccountSettings } from "../settings/store";

/** The account behind an app, as its pages and its config show it. */
export interface AppAccount {
  id: string;
  name: string;
  publicKey: string;
  locale: string;
  /** The look's primary colour, `#rrggbb`: the manifest's theme and the icons' field. */
  themeColor: string;
}

/** Longer keys are refused before any query (public keys are far shorter). */
const MAX_KEY_LENGTH = 100;

/** The account of `key`, or null (an unknown key is a 404 that repeats nothing from the request). */
export async function appAccount(db: D1Database, key: string): Promise<AppAccount | null> {
  if (!key || key.length > MAX_KEY_LENGTH) return null;
  const account = await database(db)
    .select({ id: accounts.id, name: accounts.name, publicKey: accounts.publicKey, locale: accounts.locale })
    .from(accounts)
    .where(eq(accounts.publicKey, key))
    .get();
  if (!account) return null;
  const settings = await loadAccountSettings(db, account.id);
  return { ...account, themeColor: effectiveLook(settings.look).colors.primary.toLowerCase() };
}

/** The app's base path for an account: its manifest's scope and start URL. */
export const appBase = (account: Pick<AppAccount, "publicKey">): string => `/app/${encodeURIComponent(account.publicKey)}/`;
