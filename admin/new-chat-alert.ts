/**
 * The console's alert for a customer who starts waiting: a short beep and, while the console's
 * tab is hidden, a desktop notification. Only for departments the attendant attends, and each as
 * their "Meu perfil" preferences say (a missing key means on).
 */
import type { ServerFrame, WireChat } from "../durable-objects/protocol";
import type { AttendantNotificationPrefs as NotificationPrefs } from "../worker/notification-prefs";
import { beep } from "../widget/sound";
import { t } from "./i18n";
import type { Store } from "./store";

/** A notification preference: on unless the attendant turned it off. */
export function prefOn(prefs: NotificationPrefs | undefined, key: keyof NotificationPrefs): boolean {
  return prefs?.[key] !== false;
}

/**
 * Whether a frame is a chat newly waiting in a department the attendant attends. `wasWaiting`:
 * the console already listed the chat as waiting before the frame (a repeat or an update of a
 * chat already announced). Called after the frame was applied.
 */
export function isNewWaitingChat(store: Store, departmentId: string, frame: ServerFrame, wasWaiting: boolean): frame is ServerFrame & { type: "chat.queued" } {
  if (frame.type !== "chat.queued" || wasWaiting) return false;
  return frame.chat.status === "waiting" && frame.chat.departmentId === departmentId && store.takesChatsOf(departmentId);
}

/** What to do for a new waiting chat: the sound always (when on), the notification only when the tab is hidden. */
export function alertPlan(
  prefs: NotificationPrefs | undefined,
  page: { hidden: boolean; permission: NotificationPermission | "unsupported" },
): { sound: boolean; desktop: boolean } {
  return {
    sound: prefOn(prefs, "sound"),
    desktop: prefOn(prefs, "desktop") && page.hidden && page.permission === "granted",
  };
}

/** The browser's notification permission, or "unsupported" where there is no Notification API. */
export function notificationPermission(): NotificationPermission | "unsupported" {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/**
 * The page as an alert plan sees it. The permission is read only in a hidden tab, the one case
 * where it decides anything: `Notification.permission` asks the browser process synchronously
 * (about 1 ms in Chromium), and a busy desk alerts on most customer messages.
 */
export function alertPage(): { hidden: boolean; permission: NotificationPermission | "unsupported" } {
  const hidden = document.hidden;
  return { hidden, permission: hidden ? notificationPermission() : "default" };
}

/** Beeps and/or shows a desktop notification for `chat`, as the preferences and the page allow. */
export function alertNewChat(chat: WireChat, departmentName: string, prefs: NotificationPrefs | undefined): void {
  const plan = alertPlan(prefs, alertPage());
  if (plan.sound) beep();
  if (!plan.desktop) return;
  try {
    // One notification per chat (tag): a repeat replaces it instead of stacking.
    const notification = new Notification(t("alert.newChat"), {
      body: t("alert.newChatBody", { name: chat.customer.name, department: departmentName }),
      tag: `chat-${chat.id}`,
    });
    notification.onclick = () => {
      focus();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the beep has to do.
  }
}
