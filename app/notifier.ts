/**
 * Notifications while the app is open: polls `GET /api/p/:key/updates?since=` every 30 s and
 * when the app comes back to the foreground, and shows a notification for each new attendant
 * reply to the customer's tickets (and, through `show`, for the chat's attendant messages).
 * The permission is asked only from a button (`request`), never on load.
 */
import type { AppClient } from "./api";
import type { UpdatesResponse } from "./types";

const POLL_MS = 30_000;
/** More replies than this in one poll become one notification, not a burst. */
const MAX_EACH = 3;

export type Permission = "unsupported" | NotificationPermission;

/** What the notifier tells the app: new replies arrived (to refresh what it shows). */
export type RepliesListener = (replies: UpdatesResponse["replies"]) => void;

/** Shows one notification; a click brings the app forward at `hash`. */
export async function showNotification(title: string, body: string, tag: string, hash: string, icon: string): Promise<void> {
  if (permission() !== "granted") return;
  try {
    const notification = new Notification(title, { body, tag, icon });
    notification.onclick = () => {
      window.focus();
      location.hash = hash;
      notification.close();
    };
  } catch {
    // Chrome on Android has no Notification constructor for pages: only the service worker shows them.
    const registration = await navigator.serviceWorker?.getRegistration();
    await registration?.showNotification(title, { body, tag, icon, data: { hash } });
  }
}

/** The page's notification permission, or "unsupported". */
export function permission(): Permission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks for the permission (call it from a click). */
export async function requestPermission(): Promise<Permission> {
  if (typeof Notification === "undefined") return "unsupported";
  return Notification.requestPermission();
}

/** Polls the customer's ticket updates while started. */
export class TicketPoller {
  #since = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running = false;
  #abort: AbortController | undefined;

  constructor(
    private readonly client: AppClient,
    private readonly onReplies: RepliesListener,
    private readonly describe: (reply: UpdatesResponse["replies"][number]) => { title: string; body: string; hash: string },
    private readonly icon: string,
  ) {}

  /** Starts polling from now (replies before this moment are not news). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#since = Date.now();
    this.#abort = new AbortController();
    document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && void this.poll(), { signal: this.#abort.signal });
    this.#timer = setInterval(() => void this.poll(), POLL_MS);
  }

  stop(): void {
    this.#running = false;
    clearInterval(this.#timer);
    this.#abort?.abort();
  }

  /** One poll: notifies about the new replies and moves `since` to the server's clock. */
  async poll(): Promise<void> {
    if (!this.#running) return;
    let answer: UpdatesResponse;
    try {
      answer = await this.client.updates(this.#since);
    } catch {
      return; // offline or logged out: the next poll tries again
    }
    this.#since = answer.now;
    if (!answer.replies.length) return;
    this.onReplies(answer.replies);
    for (const reply of answer.replies.slice(0, MAX_EACH)) {
      const { title, body, hash } = this.describe(reply);
      await showNotification(title, body, `ticket-${reply.ticketId}`, hash, this.icon);
    }
  }
}
