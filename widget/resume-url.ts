/**
 * The URL of a customer's reconnect straight to its chat (`GET /api/widget/resume`, docs/API.md):
 * built from the last socket URL the API gave (its host, scheme and protocol version), so that a
 * socket that dropped comes back with one request instead of `GET /api/widget/me` and then the
 * socket. When the server refuses it, the widget asks `/me` on the next attempt.
 */
export function resumeUrl(lastWsUrl: string, account: string, chatId: string, token: string): string {
  const url = new URL(lastWsUrl);
  const v = url.searchParams.get("v") ?? "";
  url.pathname = "/api/widget/resume";
  url.search = new URLSearchParams({ account, chat: chatId, token, v }).toString();
  return url.toString();
}
