/**
 * Pure logic of "Configurações da Conta": the allowed sites typed one per line, the retention
 * choice, the time-zone list, and which form field a server error is about. No DOM, so the
 * console's unit tests run it in Node.
 */
import type { MessageKey } from "./i18n";

/** The server's limit on `allowedOrigins` (docs/API.md, PATCH /api/account). */
export const MAX_ORIGINS = 50;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
export const DEFAULT_TIME_ZONE = "America/Sao_Paulo";

/** A problem to show next to a field: a text key and its parameters. */
export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type OriginsResult = { ok: true; origins: string[] } | { ok: false; problem: FieldProblem };

/**
 * The origins typed in the "Sites permitidos" box: one per line (commas and spaces separate
 * too), blank lines ignored, each reduced to `scheme://host[:port]` and listed once. A bare host
 * (`loja.com.br`) or an address with a path is refused with a hint rather than guessed at: the
 * server compares the browser's `Origin` header exactly, so a wrong guess would lock the widget out.
 */
export function parseOrigins(text: string): OriginsResult {
  const origins: string[] = [];
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const checked = checkOrigin(item);
    if (typeof checked !== "string") return { ok: false, problem: checked };
    if (!origins.includes(checked)) origins.push(checked);
  }
  if (origins.length > MAX_ORIGINS) return { ok: false, problem: { key: "account.originsTooMany", params: { max: MAX_ORIGINS } } };
  return { ok: true, origins };
}

function checkOrigin(item: string): string | FieldProblem {
  if (!item.includes("://")) return { key: "account.originScheme", params: { value: item, example: `https://${item}` } };
  let url: URL;
  try {
    url = new URL(item);
  } catch {
    return { key: "account.originInvalid", params: { value: item } };
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || !url.hostname) {
    return { key: "account.originInvalid", params: { value: item } };
  }
  if (url.pathname !== "/" || url.search || url.hash || /[?#]$/.test(item)) {
    return { key: "account.originPath", params: { value: item, origin: url.origin } };
  }
  return url.origin;
}

/** The stored origins as the textarea shows them. */
export function formatOrigins(origins: readonly string[]): string {
  return origins.join("\n");
}

export type RetentionResult = { ok: true; days: number | null } | { ok: false; problem: FieldProblem };

/** The retention choice: kept for ever (`null`), or a whole number of days in the server's range. */
export function parseRetention(keep: boolean, daysText: string): RetentionResult {
  if (keep) return { ok: true, days: null };
  const text = daysText.trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    return { ok: false, problem: { key: "account.retentionRange", params: { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS } } };
  }
  return { ok: true, days };
}

/** Every IANA time zone the browser knows, with `current` always among them, sorted. */
export function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  } catch {
    zones = [];
  }
  const all = new Set([...zones, DEFAULT_TIME_ZONE, "UTC", ...(current ? [current] : [])]);
  return [...all].sort((a, b) => a.localeCompare(b));
}

const simplify = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[_\s/]+/g, " ")
    .toLowerCase()
    .trim();

/**
 * The zones matching the filter text (any part of the name; "sao paulo" finds
 * "America/Sao_Paulo"), with `current` kept so that the select never loses its value.
 */
export function filterTimeZones(zones: readonly string[], filter: string, current: string): string[] {
  const wanted = simplify(filter);
  if (!wanted) return [...zones];
  return zones.filter((zone) => zone === current || simplify(zone).includes(wanted));
}

/** "America/Sao_Paulo (GMT-3)": the zone with its offset now, as the option shows it. */
export function timeZoneLabel(zone: string, at: number = Date.now()): string {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(at);
    const offset = parts.find((p) => p.type === "timeZoneName")?.value;
    return offset ? `${zone.replace(/_/g, " ")} (${offset})` : zone;
  } catch {
    return zone;
  }
}

/** The form field a server error names: `allowedOrigins.3` → `allowedOrigins`; null when none. */
export function fieldOf(field: string | undefined): string | null {
  if (!field) return null;
  return field.split(".")[0] || null;
}
