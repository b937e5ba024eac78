/**
 * What the widget keeps in the browser, all under keys that start with `tomticket-chat:<account>`:
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

/** localStorage key of the customer token for one account; the other keys extend it. */
export const tokenKey = (account: string): string => `tomticket-chat:${account}`;

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

/** The stored customer token of this account, if any. */
export const readToken = (account: string): string | null => get(local, tokenKey(account));

/** Stores (or with `null`, forgets) the customer token of this account. */
export const writeToken = (account: string, token: string | null): void => set(local, tokenKey(account), token);

/** Other tabs listen to this key: a chat was started here. */
export const writeChatStarted = (account: string, chatId: string): void =>
  set(local, tokenKey(account) + ":chat", chatId);

/** The `customer-hash` the stored token was obtained with, if it was. */
export const readIdentity = (account: string): string | null => get(local, tokenKey(account) + ":id");

export const writeIdentity = (account: string, hash: string | null): void =>
  set(local, tokenKey(account) + ":id", hash);

/** The last chat whose survey was answered in this browser. */
export const readSurveyDone = (account: string): string | null => get(local, tokenKey(account) + ":survey");

export const writeSurveyDone = (account: string, chatId: string): void =>
  set(local, tokenKey(account) + ":survey", chatId);

const openKey = (account: string, department: string): string => `${tokenKey(account)}:open:${department}`;

/** Whether the panel was open ("1"), closed by the customer ("0") or neither (null) in this tab. */
export const readWasOpen = (account: string, department: string): string | null =>
  get(session, openKey(account, department));

/** Remembers for this tab whether the panel is open. */
export const writeWasOpen = (account: string, department: string, open: boolean): void =>
  set(session, openKey(account, department), open ? "1" : "0");
