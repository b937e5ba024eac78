/** Small pure helpers for showing data: safe links, dates, durations. */
import { getLocale, t } from "./i18n";

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

/** Hour and minute, e.g. "14:03". */
export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(getLocale(), { hour: "2-digit", minute: "2-digit" }).format(ms);
}

/** Short date and time, e.g. "25/11/2025 14:03". */
export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: "short", timeStyle: "short" }).format(ms);
}

/** A waiting time such as "3 min" or "1 h 5 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t("time.lessThanMinute");
  if (minutes < 60) return t("time.minutes", { n: minutes });
  return t("time.hours", { h: Math.floor(minutes / 60), m: minutes % 60 });
}
