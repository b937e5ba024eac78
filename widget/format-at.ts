/**
 * Dates and times of messages, past chats and opening hours, in the panel's language, without
 * `Intl`: a page's first `Intl` date format loads the browser's locale data, 60–300 ms of one
 * main-thread task on this machine (the widget must not block the host page for more than
 * 10 ms), while `Date`'s own getters cost nothing. The three languages' short formats are those
 * of `Intl.DateTimeFormat` (CLDR): pt-BR `09/12/2026, 09:05`, en `12/9/26, 9:05 AM`,
 * es `9/12/26, 9:05`. Apart from message-row.ts because the past chats' list (in the panel's
 * own script) needs it too, while the message rows ride in `/widget-chat.js`.
 */
import type { Lang } from "./i18n";

const two = (n: number): string => String(n).padStart(2, "0");

/** The time of day (`timeStyle: "short"`; `pad`: two-digit hours, as `hour: "2-digit"`). */
export function clockTime(date: Date, lang: Lang, pad = false): string {
  const hours = date.getHours();
  const minutes = two(date.getMinutes());
  if (lang === "en") {
    const twelve = hours % 12 || 12;
    return `${pad ? two(twelve) : twelve}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
  }
  return `${pad || lang === "pt-BR" ? two(hours) : hours}:${minutes}`;
}

/** The short date (`dateStyle: "short"`). */
function shortDate(date: Date, lang: Lang): string {
  const day = date.getDate();
  const month = date.getMonth() + 1;
  if (lang === "pt-BR") return `${two(day)}/${two(month)}/${date.getFullYear()}`;
  const year = two(date.getFullYear() % 100);
  return lang === "en" ? `${month}/${day}/${year}` : `${day}/${month}/${year}`;
}

/** `at` as a time of day, or with `withDate` as a short date and time. */
export function formatAt(at: number, lang: Lang, withDate = false): string {
  const date = new Date(at);
  return withDate ? `${shortDate(date, lang)}, ${clockTime(date, lang)}` : clockTime(date, lang, true);
}
