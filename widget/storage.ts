/**
 * What the widget keeps in the browser. The customer token lives in localStorage under
 * `tomticket-chat:<account key>` (the documented key; the plain token, nothing else), so a
 * reload or another tab of the same site finds the same customer and open chat. Whether the
 * panel was open lives in sessionStorage: it follows the customer from page to page in one tab.
 *
 * Storage can throw (blocked third-party storage, Safari private mode, sandboxed frames): the
 * widget then works for the life of the page and forgets on reload.
 */

/** localStorage key of the customer token for one account. */
export const tokenKey = (account: string): string => `tomticket-chat:${account}`;

const openKey = (account: string): string => `tomticket-chat:${account}:open`;

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

/** Whether the panel was open when the customer left the previous page of this tab. */
export const readWasOpen = (account: string): boolean => get(session, openKey(account)) === "1";

/** Remembers for this tab whether the panel is open. */
export const writeWasOpen = (account: string, open: boolean): void => set(session, openKey(account), open ? "1" : null);
