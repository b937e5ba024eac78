/**
 * Configurações da Conta: the zod schema of the account's editable fields and the one
 * serializer to `AccountView`. Origins are stored the way browsers write the `Origin` header
 * (`scheme://host[:port]`, lower case, no default port), so the widget's check is a plain
 * comparison.
 */
import * as z from "zod";
import type { accounts } from "./db/schema";
import type { AccountView } from "./views-gestao";

export const MAX_ALLOWED_ORIGINS = 50;
export const LOCALES = ["pt-BR", "en", "es"] as const;

/** `https://Shop.example:443/` → `https://shop.example`; anything with a path, query, user, wildcard or another scheme is refused. */
export function normalizeOrigin(input: string): string | null {
  if (input.includes("*")) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") return null;
  return url.origin;
}

const OriginField = z
  .string()
  .trim()
  .max(300)
  .transform((value, ctx) => {
    const origin = normalizeOrigin(value);
    if (origin === null) {
      ctx.addIssue({ code: "custom", message: "Must be an origin like https://shop.example (no path, no wildcard)" });
      return z.NEVER;
    }
    return origin;
  });

/** The IANA zone as the runtime names it (`utc` → `UTC`), or null when the runtime does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const TimeZoneField = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (zone === null) {
      ctx.addIssue({ code: "custom", message: "Unknown time zone (use an IANA name like America/Sao_Paulo)" });
      return z.NEVER;
    }
    return zone;
  });

/** A Painel do Cliente slug: lower-case letters, digits and dashes, 3–30 characters. */
export const PANEL_SLUG = /^[a-z0-9-]{3,30}$/;

/** PATCH /api/account. */
export const AccountPatch = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  timeZone: TimeZoneField.optional(),
  locale: z.enum(LOCALES).optional(),
  allowedOrigins: z
    .array(OriginField)
    .max(MAX_ALLOWED_ORIGINS)
    .transform((list) => [...new Set(list)])
    .optional(),
  retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
  /** Painel do Cliente's custom path (`/p/<slug>/`); null clears it. */
  panelSlug: z
    .string()
    .trim()
    .regex(PANEL_SLUG, "3 to 30 lower-case letters, digits and dashes")
    .nullable()
    .optional(),
});
export type AccountPatch = z.infer<typeof AccountPatch>;

type AccountRow = typeof accounts.$inferSelect;

function isLocale(value: string): value is AccountView["locale"] {
  return (LOCALES as readonly string[]).includes(value);
}

/** The one serializer of an account row for Gestão (never the identity secret). */
export function toAccountView(row: AccountRow): AccountView {
  return {
    id: row.id,
    name: row.name,
    publicKey: row.publicKey,
    timeZone: row.timeZone,
    locale: isLocale(row.locale) ? row.locale : "pt-BR",
    allowedOrigins: row.allowedOrigins,
    retentionDays: row.retentionDays,
    createdAt: row.createdAt,
    panelSlug: row.panelSlug,
  };
}

/** The fields of `patch` that differ from `row`, as `{ field: { from, to } }` for the audit log. */
export function accountChanges(row: AccountRow, patch: AccountPatch): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["name", "timeZone", "locale", "retentionDays", "panelSlug"] as const) {
    const to = patch[key];
    if (to !== undefined && to !== row[key]) changes[key] = { from: row[key], to };
  }
  const origins = patch.allowedOrigins;
  if (origins !== undefined && JSON.stringify(origins) !== JSON.stringify(row.allowedOrigins)) {
    changes.allowedOrigins = { from: row.allowedOrigins, to: origins };
  }
  return changes;
}
