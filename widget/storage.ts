/**
 * What the widget keeps in the browser, all under keys that start with `tomticket-chat:<account>`.
 *
 * Every key belongs to one embed (account + the department it fixes, or "" for the embed
 * where the customer chooses): a chat belongs to the embed that started it, and the other
 * embeds of a page keep their own customer, chat, survey and badge. The first embed to start
 * a chat claims the documented key (`…:owner` names it); any other embed of that account then
 * keeps its keys under `tomticket-chat:<account>:e:<department or *>`. A page with one embed
 * (the usual case) only ever uses the documented key. Per embed:
 *
 * - localStorage `tomticket-chat:<account>`: the customer token (the documented key; the plain
 *   token, nothing else), so a reload or another tab of the same site finds the same customer
 *   and open chat;
 * - localStorage `…:chat`: id of the last chat started here. Another tab's `storage` event on
 *   it (or on the token) tells it to pick the chat up; a returning customer keeps its token,
 *   so the token alone would not change;
 * - localStorage `…:id`: the `customer-hash` the token was verified with (see `identify`);
 * - localStorage `…:survey`: the last chat whose survey was answered (not asked again);
 * - sessionStorage `…:open:<department>`: "1"/"0", whether the panel was open when the
 *   customer left the previous page of this tab.
 *
 * Storage can throw (blocked third-party storage, Safari private mode, sandboxed frames): the
 * widget then works for the life of the page and forgets on reload.
 */

/** One embed of the page: the account, and the department it fixes (null: the customer chooses). */
export interface Embed {
  account: string;
  department: string | null;
}

function get(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function set(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // Storage unavailable: nothing to keep.
  }
}

const local = (): Storage => localStorage;
const session = (): Storage => sessionStorage;

const ownerKey = (embed: Embed): string => `tomticket-chat:${embed.account}:owner`;

/** localStorage key of the embed's customer token; the embed's other keys extend it. */
export function tokenKey(embed: Embed): string {
  const owner = get(local, ownerKey(embed));
  const shared = `tomticket-chat:${embed.account}`;
  return owner === null || owner === (embed.department ?? "") ? shared : `${shared}:e:${embed.department ?? "*"}`;
}

/** The embed's stored customer token, if any. */
export const readToken = (embed: Embed): string | null => get(local, tokenKey(embed));

/** Stores (or with `null`, forgets) the embed's customer token. */
export const writeToken = (embed: Embed, token: string | null): void => set(local, tokenKey(embed), token);

/**
 * Other tabs listen to this key: a chat was started here. The first chat of the account
 * claims the documented key for this embed (see the top of this file).
 */
export function writeChatStarted(embed: Embed, chatId: string): void {
  if (get(local, ownerKey(embed)) === null) set(local, ownerKey(embed), embed.department ?? "");
  set(local, tokenKey(embed) + ":chat", chatId);
}

/** The `customer-hash` the stored token was obtained with, if it was. */
export const readIdentity = (embed: Embed): string | null => get(local, tokenKey(embed) + ":id");

export const writeIdentity = (embed: Embed, hash: string | null): void => set(local, tokenKey(embed) + ":id", hash);

/** The last chat whose survey was answered in this browser. */
export const readSurveyDone = (embed: Embed): string | null => get(local, tokenKey(embed) + ":survey");

export const writeSurveyDone = (embed: Embed, chatId: string): void => set(local, tokenKey(embed) + ":survey", chatId);

// Per department already: not moved when the documented key is claimed.
const openKey = (embed: Embed): string => `tomticket-chat:${embed.account}:open:${embed.department ?? ""}`;

/** Whether the panel was open ("1"), closed by the customer ("0") or neither (null) in this tab. */
export const readWasOpen = (embed: Embed): string | null => get(session, openKey(embed));

/** Remembers for this tab whether the panel is open. */
export const writeWasOpen = (embed: Embed, open: boolean): void => set(session, openKey(embed), open ? "1" : "0");
