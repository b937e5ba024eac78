/**
 * The attendant's notification choices as `/api/me` reads and writes them. The stored column is
 * typed with schema.ts's `NotificationPrefs` (sound, desktop); the keys added later are optional
 * too, so rows written before them read as "on" (a missing key means on).
 */
import type { NotificationPrefs } from "./db/schema";

/** Every switch of "Meu perfil"'s notifications. */
export interface AttendantNotificationPrefs extends NotificationPrefs {
  /** A sound / desktop notification also for a customer's new message in a chat not in view. */
  messages?: boolean;
  /** The tab's title counts waiting customers and unread messages. */
  titleCount?: boolean;
}

/** The keys, in the order the profile shows them; the PATCH body accepts exactly these. */
export const NOTIFICATION_PREF_KEYS = ["sound", "desktop", "messages", "titleCount"] as const satisfies readonly (keyof AttendantNotificationPrefs)[];
