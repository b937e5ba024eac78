/**
 * The account a Painel do Cliente URL names: `/p/<key>/` and `/api/p/<key>/` take the account's
 * public key or its `panel_slug`. Links we e-mail use the slug when there is one.
 */
import { eq, or } from "drizzle-orm";
import { database } from "../db/client";
import { accounts } from "../db/schema";
import { notFound } from "../errors";

/** What the panel needs of an account (the secret signs the footer chat's customer identity). */
export interface PanelAccount {
  id: string;
  name: string;
  publicKey: string;
  secret: string;
  locale: string;
  /** IANA zone the pages show dates in. */
  timeZone: string;
  panelSlug: string | null;
}

/** Public keys are base64url; slugs are lower-case letters, digits and dashes. */
const KEY = /^[A-Za-z0-9_-]{3,100}$/;

/** The account of `key` (public key or panel slug), or null. */
export async function findPanelAccount(db: D1Database, key: string): Promise<PanelAccount | null> {
  if (!KEY.test(key)) return null;
  const row = await database(db)
    .select({
      id: accounts.id,
      name: accounts.name,
      publicKey: accounts.publicKey,
      secret: accounts.secret,
      locale: accounts.locale,
      timeZone: accounts.timeZone,
      panelSlug: accounts.panelSlug,
    })
    .from(accounts)
    .where(or(eq(accounts.publicKey, key), eq(accounts.panelSlug, key)))
    .get();
  return row ?? null;
}

/** The account of `key`; 404 `not_found` otherwise. */
export async function requirePanelAccount(db: D1Database, key: string | undefined): Promise<PanelAccount> {
  const account = key ? await findPanelAccount(db, key) : null;
  if (!account) throw notFound("No such customer panel");
  return account;
}

/** The key of the account's panel in links: its slug, else its public key. */
export function panelKey(account: Pick<PanelAccount, "publicKey" | "panelSlug">): string {
  return account.panelSlug ?? account.publicKey;
}

/** The panel's absolute base URL (`https://host/p/<key>`), from the request's origin. */
export function panelBase(origin: string, account: Pick<PanelAccount, "publicKey" | "panelSlug">): string {
  return `${origin}/p/${encodeURIComponent(panelKey(account))}`;
}
