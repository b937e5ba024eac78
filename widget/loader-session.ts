/**
 * The element's side of the customer's session (core.ts): the stored customer token, the open
 * chat it leads to (`GET /api/widget/me`), and showing the panel's element when there is a chat
 * to show, so that a returning customer finds it without clicking. core.ts keeps the last
 * answer in its private fields, as for the configuration.
 */
import type { WidgetMeResponse } from "../worker/views";
import { ApiRequestError, getMe } from "./api";
import { PANEL_TAG } from "./contract";
import { readIdentity, readToken, tokenKey, writeToken, type Embed } from "./storage";

/** A session answer younger than this still carries a usable socket token (they live 10 min). */
const SESSION_FRESH_MS = 60_000;

let panelScript: Promise<unknown> | undefined;

/** Loads `/widget-panel.js` once (a classic script: it runs on any page, CSP permitting). */
export function loadPanelScript(server: string): Promise<unknown> {
  if (customElements.get(PANEL_TAG)) return Promise.resolve();
  return (panelScript ??= new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = server + "/widget-panel.js";
    tag.async = true;
    tag.onload = () => resolve(customElements.whenDefined(PANEL_TAG));
    tag.onerror = () => {
      panelScript = undefined;
      tag.remove();
      reject(new Error("widget-panel.js failed to load"));
    };
    document.head.appendChild(tag);
  }));
}

/**
 * The session of the stored token, `GET /api/widget/me` (null without a token, or when the
 * server no longer knows it: the token is then forgotten).
 */
export function fetchSession(server: string, embed: Embed): Promise<WidgetMeResponse | null> {
  const token = readToken(embed);
  return token
    ? getMe(server, embed.account, token).catch((error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 401) writeToken(embed, null);
        return null;
      })
    : Promise.resolve(null);
}

/** Whether an answer from `answeredAt` still carries a usable socket token. */
export const isFresh = (answeredAt: number): boolean => Date.now() - answeredAt < SESSION_FRESH_MS;

/**
 * Calls `loadPanel` when the panel is needed now: the page's `customer-hash` is not verified
 * yet (the panel does the verifying), or the stored customer has an open chat.
 */
export function restoreSession(
  embed: Embed,
  hash: string,
  session: () => Promise<WidgetMeResponse | null>,
  loadPanel: () => void,
): void {
  if (hash && readIdentity(embed) !== hash) loadPanel();
  else if (readToken(embed)) {
    void session().then((answer) => {
      if (answer?.chat && answer.chat.status !== "closed") loadPanel();
    });
  }
}

/** Whether a `storage` event is another tab starting a chat or changing this embed's customer. */
export function isSessionChange(event: StorageEvent, embed: Embed): boolean {
  const key = tokenKey(embed);
  return event.key === key || event.key === key + ":chat";
}
