/**
 * Helpers for the customization, identity and survey suites: the host site's customer hash,
 * saving settings as a given attendant, and a chat taken from start to closed.
 */
import { expect } from "vitest";
import { api, attendantSocket, customerSocket, login, startChat, type TestAccount, type TestSocket } from "./helpers";
import type { WidgetStartChatResponse } from "../../worker/views";

/** The secret `createAccount` gives every test account. */
export const IDENTITY_SECRET = "identity-secret";

/** What the host site's server computes: hex HMAC-SHA256 of the lower-cased e-mail. */
export async function customerHash(email: string, secret = IDENTITY_SECRET): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(email.trim().toLowerCase()));
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** PUT a settings document as `cookie`'s attendant; returns the response. */
export function putSettings(cookie: string, body: unknown, departmentId?: string): Promise<Response> {
  const path = departmentId ? `/api/settings/departments/${departmentId}` : "/api/settings";
  return api(path, { method: "PUT", cookie, body });
}

/** Turns the survey on for the account (as its administrator). */
export async function enableSurvey(account: TestAccount): Promise<string> {
  const cookie = await login(account.attendants.admin.email);
  const res = await putSettings(cookie, { policies: { surveyEnabled: true } });
  expect(res.status).toBe(200);
  return cookie;
}

/** A chat in `departmentId`, still open; the attendant's socket is returned for accepting and closing. */
export async function openChat(
  account: TestAccount,
  attendant: keyof TestAccount["attendants"],
  departmentId: string,
  overrides: Parameters<typeof startChat>[2] = {},
): Promise<{ started: WidgetStartChatResponse; agent: TestSocket }> {
  const agent = await attendantSocket(account.attendants[attendant].email, departmentId);
  const started = await startChat(account, departmentId, overrides);
  return { started, agent };
}

/** Accepts the chat as `agent` and closes it; resolves once the customer saw chat.closed. */
export async function acceptAndClose(agent: TestSocket, started: WidgetStartChatResponse) {
  const customer = await customerSocket(started.ws);
  agent.send({ type: "chat.accept", chatId: started.chat.id });
  await customer.next("chat.accepted");
  agent.send({ type: "chat.close", chatId: started.chat.id });
  await customer.next("chat.closed");
  customer.close();
}

/** A chat accepted by `attendant` and closed, ready for a survey. */
export async function closedChat(
  account: TestAccount,
  attendant: keyof TestAccount["attendants"],
  departmentId: string,
  overrides: Parameters<typeof startChat>[2] = {},
): Promise<WidgetStartChatResponse> {
  const { started, agent } = await openChat(account, attendant, departmentId, overrides);
  await acceptAndClose(agent, started);
  agent.close();
  return started;
}

/** POST a survey answer for a chat with a customer token. */
export function answerSurvey(account: TestAccount, chatId: string, token: string, body: Record<string, unknown>): Promise<Response> {
  return api(`/api/widget/chats/${chatId}/survey`, { body: { account: account.publicKey, ...body }, headers: bearer(token) });
}
