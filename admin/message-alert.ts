/**
 * The console's alert for a customer's new message in a chat the attendant is not looking at
 * (another chat selected, another page of the console, or the tab hidden), and the tab title's
 * count (waiting customers + unread messages). Each is switchable in "Meu perfil" (a missing key
 * means on); the sound and the desktop notification follow the same switches as a new chat's.
 */
import type { ServerFrame, WireMessage } from "../durable-objects/protocol";
import type { AttendantNotificationPrefs } from "../worker/notification-prefs";
import { beep } from "../widget/sound";
import { unreadCount } from "./chat-view";
import { t } from "./i18n";
import { alertPage, prefOn } from "./new-chat-alert";
import type { Store } from "./store";

/** Where the attendant is looking: the chat on screen (null: none) and whether the tab is hidden. */
export interface Attention {
  selectedChatId: string | null;
  /** The live desk is the page shown (other pages show no chat). */
  onDesk: boolean;
  hidden: boolean;
}

/**
 * Whether a frame is a customer's message, new to this console, in one of the attendant's own
 * active chats that is not in view. `known`: the console held the message before the frame (a
 * repeat after a reconnection). Called after the frame was applied.
 */
export function isUnseenCustomerMessage(store: Store, frame: ServerFrame, known: boolean, at: Attention): frame is ServerFrame & { type: "message.created" } {
  if (frame.type !== "message.created" || known || frame.message.author.type !== "customer") return false;
  const view = store.chats.get(frame.message.chatId);
  if (!view || view.chat.status !== "active" || !store.isMine(view)) return false;
  return at.hidden || !at.onDesk || at.selectedChatId !== view.chat.id;
}

/** Whether the console already holds this message (checked before the frame is applied). */
export function holdsMessage(store: Store, frame: ServerFrame): boolean {
  if (frame.type !== "message.created") return false;
  return store.chats.get(frame.message.chatId)?.messages.some((m) => m.id === frame.message.id) ?? false;
}

/** What to do for an unseen message: sound when on; the desktop notification only while the tab is hidden. */
export function messageAlertPlan(
  prefs: AttendantNotificationPrefs | undefined,
  page: { hidden: boolean; permission: NotificationPermission | "unsupported" },
): { sound: boolean; desktop: boolean } {
  if (!prefOn(prefs, "messages")) return { sound: false, desktop: false };
  return {
    sound: prefOn(prefs, "sound"),
    desktop: prefOn(prefs, "desktop") && page.hidden && page.permission === "granted",
  };
}

/** Beeps and/or shows a desktop notification for a customer's message, as the preferences allow; a click on it runs `open` (shows the chat). */
export function alertNewMessage(message: WireMessage, prefs: AttendantNotificationPrefs | undefined, open: () => void): void {
  const plan = messageAlertPlan(prefs, alertPage());
  if (plan.sound) beep();
  if (!plan.desktop) return;
  try {
    // One notification per chat (tag): a burst of messages replaces it instead of stacking.
    const notification = new Notification(t("alert.newMessage", { name: message.author.name }), {
      body: message.body.slice(0, 140),
      tag: `message-${message.chatId}`,
    });
    notification.onclick = () => {
      focus();
      open();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the beep has to do.
  }
}

/** The tab title's number: customers waiting plus unread customer messages in the attendant's chats. */
export function titleCount(store: Store): number {
  if (store.phase !== "console" || !prefOn(store.me?.notificationPrefs, "titleCount")) return 0;
  // Counted without building the sorted lists: this runs on every change of the store.
  let count = 0;
  for (const view of store.chats.values()) {
    if (view.chat.status === "waiting") count++;
    else if (view.chat.status === "active" && store.isMine(view)) count += unreadCount(view);
  }
  return count;
}
