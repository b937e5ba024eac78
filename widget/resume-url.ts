/**
 * The URL of a customer's reconnect straight to its chat (`GET /api/widget/resume`, docs/API.md):
 * the last socket URL the API gave (`…/api/widget/ws?token=…&v=1`: its host, scheme and protocol
 * version) with the resume's path and query, so that a socket that dropped comes back with one
 * request instead of `GET /api/widget/me` and then the socket. Its socket token goes along: it
 * names this one chat, and the server takes it for a day after it expired for `/ws` (the
 * customer token, which opens every chat of the customer, stays out of URLs). When the server
 * refuses it, the widget asks `/me` on the next attempt.
 */
export const resumeUrl = (lastWsUrl: string, account: string, chat: string): string =>
  lastWsUrl.replace(/\/ws\?(token=[^&]*)/, (_, token: string) => `/resume?${new URLSearchParams({ account, chat })}&${token}`);
