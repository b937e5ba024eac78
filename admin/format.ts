/** Small pure helpers for showing data: safe links, reply links, dates, durations, grades and percentages. */
import { getLocale, t, type MessageKey } from "./i18n";

/**
 * The URL to use in an `href`, or null when `raw` is not an absolute http(s) URL.
 * Customers choose `pageUrl`: `javascript:` and other schemes must never become links.
 */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * One formatter per locale and style: building an `Intl.DateTimeFormat` costs far more than
 * formatting with one, and a chat's messages each format their time on every render.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(style: "time" | "dateTime"): Intl.DateTimeFormat {
  const locale = getLocale();
  const key = `${locale} ${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, style === "time" ? { hour: "2-digit", minute: "2-digit" } : { dateStyle: "short", timeStyle: "short" });
    dateFormats.set(key, format);
  }
  return format;
}

/** Hour and minute, e.g. "14:03". */
export function formatTime(ms: number): string {
  return dateFormat("time").format(ms);
}

/** Short date and time, e.g. "25/11/2025 14:03". */
export function formatDateTime(ms: number): string {
  return dateFormat("dateTime").format(ms);
}

/** A waiting time such as "3 min" or "1 h 5 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t("time.lessThanMinute");
  if (minutes < 60) return t("time.minutes", { n: minutes });
  return t("time.hours", { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** A mean grade with one decimal, e.g. "4,5" (pt-BR) or "4.5" (en). */
export function formatGrade(grade: number): string {
  return new Intl.NumberFormat(getLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(grade);
}

/** A share from 0 to 1 as a whole percentage, e.g. "75%". */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(getLocale(), { style: "percent", maximumFractionDigits: 0 }).format(share);
}

const ORIGIN_KEYS: Record<string, MessageKey> = {
  widget: "origin.widget",
  popup: "origin.popup",
  customer_panel: "origin.customer_panel",
  knowledge_base: "origin.knowledge_base",
  app: "origin.app",
};

/** Where a chat was started, readable ("Painel do Cliente"); an origin this console does not know is shown as it is. */
export function originLabel(origin: string): string {
  const key = ORIGIN_KEYS[origin];
  return key ? t(key) : origin;
}
