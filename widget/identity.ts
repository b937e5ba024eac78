/**
 * Who the customer is, from what the host page says (`name`, `email`, `customer-hash` on
 * `<tomticket-chat>`), what the server verified (`POST /api/widget/identify`) and the stored
 * customer token.
 */
import type { WidgetCustomer, WidgetStartChatResponse } from "../worker/views";
import { ApiRequestError, identify, startChat, type StartChatRequest } from "./api";
import type { PanelBoot } from "./contract";
import { readIdentity, readToken, writeIdentity, writeToken } from "./storage";

/** Hashes the server refused on this page: not tried (nor logged) again. */
const refused = new Set<string>();

/**
 * With `customer-hash`, trades the page's signed identity for the verified customer's token
 * (once per hash: the hash is stored next to the token). A refused hash is logged once and the
 * customer goes on anonymously; another verified customer's token is never kept.
 * Resolves to whether the stored token changed.
 */
export async function identifyCustomer(boot: PanelBoot): Promise<boolean> {
  const { account, host } = boot;
  const hash = host.getAttribute("customer-hash");
  const email = host.getAttribute("email");
  const known = readIdentity(boot);
  if (!hash || !email || refused.has(hash) || (known === hash && readToken(boot))) return false;
  try {
    const answer = await identify(boot.server, { account, name: host.getAttribute("name") || email, email, customerHash: hash });
    writeToken(boot, answer.customerToken);
    writeIdentity(boot, hash);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 403) {
      refused.add(hash);
      console.warn(`<tomticket-chat>: customer-hash refused (${error.code}); going on as an anonymous customer.`);
    }
    if (!known) return false;
    writeToken(boot, null);
    writeIdentity(boot, null);
  }
  return true;
}

/** The page's `customer-hash`, when the stored token was obtained with it. */
export function verifiedHash(boot: PanelBoot | null): string | null {
  const hash = boot?.host.getAttribute("customer-hash");
  return boot && hash && readIdentity(boot) === hash ? hash : null;
}

/** The name and e-mail the form does not need to ask for. */
export interface KnownCustomer {
  name: string;
  email: string;
  skipName: boolean;
  skipEmail: boolean;
}

/**
 * A verified customer is asked neither name nor e-mail; otherwise what the page gives is not
 * asked, and a returning customer's answers are prefilled.
 */
export function knownCustomer(boot: PanelBoot | null, customer: WidgetCustomer | null): KnownCustomer {
  if (customer && verifiedHash(boot)) return { name: customer.name, email: customer.email, skipName: true, skipEmail: true };
  const name = boot?.host.getAttribute("name") ?? "";
  const email = boot?.host.getAttribute("email") ?? "";
  return { name: name || customer?.name || "", email: email || customer?.email || "", skipName: !!name, skipEmail: !!email };
}

/**
 * Calls the API as the stored customer; a stale token (401) must not block the call, so it is
 * made again without one. With `forget`, the stale token is dropped too.
 */
export async function asCustomer<T>(boot: PanelBoot, call: (token: string | null) => Promise<T>, forget?: boolean): Promise<T> {
  const token = readToken(boot);
  try {
    return await call(token);
  } catch (error) {
    if (!token || !(error instanceof ApiRequestError && error.status === 401)) throw error;
    if (forget) writeToken(boot, null);
    return call(null);
  }
}

/** Starts a chat as the stored customer, or as a new one when the token is stale (then forgotten). */
export const startChatAs = (boot: PanelBoot, request: StartChatRequest): Promise<WidgetStartChatResponse> =>
  asCustomer(boot, (token) => startChat(boot.server, request, token), true);
