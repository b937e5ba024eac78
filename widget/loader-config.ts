/**
 * How the loader gets the widget configuration (`GET /api/widget/config`, compact: only what
 * differs from the defaults) and keeps it current so the launcher follows presence: the request,
 * what a 404 means, when an answer is new, and when to ask again (30 s after the last answer,
 * while the page is visible). The request is `no-cache`: the browser revalidates with the
 * server's ETag, so an unchanged configuration costs an empty 304.
 *
 * The request is a plain `fetch` rather than api.ts's `call`: it runs before the launcher shows,
 * on every page view, and needs none of the rest.
 */
import type { WidgetConfigCompact } from "../worker/views";

/** Presence is re-read this often while the page is visible (a 304 when nothing changed). */
const POLL_MS = 30_000;

/** The one console message of a widget that cannot work: it then shows nothing. */
export const warn = (text: string): void => console.warn(`<tomticket-chat> not shown: ${text}`);

/** What `fetchConfig` throws for an unknown account or department (404): it will never work on this page. */
// Not an Error: one made at load time captures a stack trace, and with DevTools attached (the
// bench's Chromium) that made V8 compute the source positions of the whole script (45 KB
// minified in widget-panel.js, which has this module too): milliseconds of its first task.
const GONE = {};

export const isGone = (error: unknown): boolean => error === GONE;

/**
 * Asks for the configuration of an account (and of the department an embed fixes), with the
 * texts of the embed's language; warns when it is gone. Any other failure throws too.
 * `keep`: sent ahead of the element, kept for its first request of the same URL.
 */
export function fetchConfig(server: string, account: string, department: string | null | undefined, lang: string | null | undefined, keep = false): Promise<WidgetConfigCompact> {
  const q = encodeURIComponent;
  const url = `${server}/api/widget/config?account=${q(account)}${department ? "&department=" + q(department) : ""}&lang=${q(lang ?? "")}&compact=1`;
  const ahead = early;
  early = undefined;
  if (ahead?.[0] === url) return ahead[1];
  const answer = request(url, account, department);
  // Nobody may ever take it (the element for this embed already exists): no unhandled rejection.
  if (keep) (early = [url, answer])[1].catch(() => undefined);
  return answer;
}

/**
 * The request sent ahead by `fetchConfig(…, keep = true)`: loader.ts asks as its first
 * statement, before the element exists, and the element's first `fetchConfig` of the same URL
 * takes that answer instead of asking again (the request leaves 10–20 ms earlier on a busy page).
 */
let early: [url: string, answer: Promise<WidgetConfigCompact>] | undefined;

async function request(url: string, account: string, department: string | null | undefined): Promise<WidgetConfigCompact> {
  const response = await fetch(url, { credentials: "omit", cache: "no-cache" });
  const body = await response.json().catch(() => null);
  if (response.ok) return body;
  if (response.status === 404) {
    warn(body?.error?.code === "unknown_department" ? `unknown department "${department}"` : `unknown account "${account}"`);
    throw GONE;
  }
  throw new Error(`config: ${response.status}`);
}

/** The answer is new: its JSON differs from the last one applied (a 304 gives the same). */
export const isNew = (config: WidgetConfigCompact, lastJson: string): string | null => {
  const json = JSON.stringify(config);
  return json === lastJson ? null : json;
};

/**
 * Sets `run` to happen 30 s after the last answer, on `host`'s page while it is visible
 * (a hidden page polls again once it is shown); returns the timer.
 */
export function schedulePoll(host: HTMLElement, answeredAt: number, run: () => void): ReturnType<typeof setTimeout> | undefined {
  if (!host.isConnected || document.visibilityState !== "visible") return undefined;
  return setTimeout(run, Math.max(0, answeredAt + POLL_MS - Date.now()));
}
