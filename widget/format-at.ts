/**
 * Dates and times of messages and past chats, in the panel's language. Apart from
 * message-row.ts because the past chats' list (in the panel's own script) needs it too, while
 * the message rows ride in `/widget-chat.js`.
 */
import type { Lang } from "./i18n";

const formats = new Map<string, Intl.DateTimeFormat>();

/** `at` as a time of day, or with `withDate` as a short date and time; each format is made once. */
export function formatAt(at: number, lang: Lang, withDate = false): string {
  const key = lang + withDate;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, withDate ? { dateStyle: "short", timeStyle: "short" } : { hour: "2-digit", minute: "2-digit" });
    formats.set(key, format);
  }
  return format.format(at);
}
