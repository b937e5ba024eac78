/**
 * GET /api/widget/resume (WebSocket): a customer's reconnect straight to its chat with the
 * socket token of its last socket (for a day after it expired for /ws), without /api/widget/me
 * first (docs/API.md). It reaches the chat's room as the
 * /ws socket does, and refuses anything that is not this customer's chat in this account with
 * the same typed errors as the rest of the widget API, changing nothing.
 */
import { env } from "cloudflare:workers";
import { CUSTOMER_RESUME_WINDOW_MS, signToken } from "../../worker/auth/tokens";
import { describe, expect, it } from "vitest";
import { api, attendantSocket, createAccount, customerSocket, expectError, history, openAcceptedChat, settle, startChat, TestSocket, upgrade } from "./helpers";

const resumePath = (key: string, chatId: string, token: string, v = "1") =>
  `/api/widget/resume?${new URLSearchParams({ account: key, chat: chatId, token, v })}`;

/** The socket token `started` was given for its chat, as if it had expired `ago` ms ago. */
function expiredSocketToken(account: { id: string }, started: { customer: { id: string }; chat: { id: string; departmentId: string } }, ago: number): Promise<string> {
  const { customer, chat } = started;
  return signToken(env.TOKEN_SECRET, { k: "customer-ws", a: account.id, c: customer.id, chat: chat.id, d: chat.departmentId, exp: Date.now() - ago });
}

describe("GET /api/widget/resume", () => {
  it("reconnects to the chat's room: session.ready with the chat, then chat.sync gives what was missed", async () => {
    const { account, agent, customer, started, chatId } = await openAcceptedChat("resume-ok");
    agent.send({ type: "message.send", chatId, clientId: "before-drop", body: "Primeira" });
    const seen = await customer.next("message.created", (f) => f.message.clientId === "before-drop");
    customer.close();
    await agent.next("chat.presence", (f) => f.chatId === chatId && f.customerLeftAt !== null);
    agent.send({ type: "message.send", chatId, clientId: "while-away", body: "Enquanto você estava fora" });
    await agent.next("message.created", (f) => f.message.clientId === "while-away");

    const back = await TestSocket.open(resumePath(account.publicKey, chatId, started.ws.token));
    const ready = await back.next("session.ready");
    expect(ready.role).toBe("customer");
    expect(ready.chats.map((c) => c.id)).toEqual([chatId]);
    const missed = await history(back, chatId, seen.message.seq);
    expect(missed.map((m) => m.clientId)).toEqual(["while-away"]);
    // The attendants hear the customer is back, as after a /ws reconnect.
    await agent.next("chat.presence", (f) => f.chatId === chatId && f.customerLeftAt === null);
    back.close();
    agent.close();
  });

  it("takes the socket token for a day after it expired for /ws: a socket open for hours comes back after a deploy", async () => {
    const { account, agent, customer, started, chatId } = await openAcceptedChat("resume-late");
    customer.close();
    await agent.next("chat.presence", (f) => f.chatId === chatId && f.customerLeftAt !== null);
    const hoursOld = await expiredSocketToken(account, started, 5 * 3_600_000);
    await expectError(await upgrade(`/api/widget/ws?token=${encodeURIComponent(hoursOld)}&v=1`), 401, "invalid_token");
    const back = await TestSocket.open(resumePath(account.publicKey, chatId, hoursOld));
    expect((await back.next("session.ready")).chats.map((c) => c.id)).toEqual([chatId]);
    back.close();
    agent.close();
  });

  it("follows the chat to the department D1 names (a transferred chat's new room)", async () => {
    const account = await createAccount("resume-dept");
    const agent = await attendantSocket(account.attendants.sales.email, account.departments.sales);
    const started = await startChat(account, account.departments.sales);
    const back = await TestSocket.open(resumePath(account.publicKey, started.chat.id, started.ws.token));
    const ready = await back.next("session.ready");
    expect(ready.departmentId).toBe(account.departments.sales);
    back.close();
    agent.close();
  });

  it("refuses a bad token, another customer's chat and another account's chat, and nothing changes", async () => {
    const { account, agent, customer, started, chatId } = await openAcceptedChat("resume-refusals");
    customer.close();
    await agent.next("chat.presence", (f) => f.chatId === chatId && f.customerLeftAt !== null);
    const other = await createAccount("resume-other");
    const otherAgent = await attendantSocket(other.attendants.support1.email, other.departments.support);
    const foreign = await startChat(other, other.departments.support);
    const neighbour = await startChat(account, account.departments.support);
    const forged = `${started.ws.token.split(".")[0]}.${"A".repeat(43)}`;
    const backFrames = () => agent.all("chat.presence").filter((f) => f.chatId === chatId && f.customerLeftAt === null).length;
    const backBefore = backFrames();

    await expectError(await upgrade(resumePath(account.publicKey, chatId, forged)), 401, "invalid_token");
    await expectError(await upgrade(resumePath(account.publicKey, chatId, "not-a-token")), 401, "invalid_token");
    // The customer token (which opens every chat of the customer) is not taken in a URL.
    await expectError(await upgrade(resumePath(account.publicKey, chatId, started.customerToken)), 401, "invalid_token");
    // A socket token past the resume window.
    const stale = await expiredSocketToken(account, started, CUSTOMER_RESUME_WINDOW_MS + 60_000);
    await expectError(await upgrade(resumePath(account.publicKey, chatId, stale)), 401, "invalid_token");
    // The token resumes its own chat only: another customer's chat of the same account, another account's chat: the same 404.
    await expectError(await upgrade(resumePath(account.publicKey, neighbour.chat.id, started.ws.token)), 404, "chat_not_found");
    await expectError(await upgrade(resumePath(account.publicKey, foreign.chat.id, started.ws.token)), 404, "chat_not_found");
    // This account's token with another account's key.
    await expectError(await upgrade(resumePath(other.publicKey, chatId, started.ws.token)), 401, "invalid_token");
    await expectError(await upgrade(resumePath("pk-nobody", chatId, started.ws.token)), 404, "unknown_account");
    await expectError(await upgrade(`/api/widget/resume?account=${account.publicKey}&token=${started.ws.token}`), 400, "bad_request");
    await expectError(await api(resumePath(account.publicKey, chatId, started.ws.token)), 426, "upgrade_required");

    // The customer is still away: no refusal reached the room.
    await settle(agent);
    expect(backFrames()).toBe(backBefore);
    agent.close();
    otherAgent.close();
    // Ten requests and three chats: more than the default 5 s on a loaded machine.
  }, 20_000);

  it("refuses a forgotten customer and a chat the room no longer holds", async () => {
    const account = await createAccount("resume-gone");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    const socket = await customerSocket(started.ws);
    socket.close();
    // Closed over an hour ago: the room has let it go, /me tells the widget it is over.
    await env.DB.prepare("UPDATE chats SET status = 'closed', closed_at = ? WHERE id = ?").bind(Date.now() - 2 * 3_600_000, started.chat.id).run();
    await expectError(await upgrade(resumePath(account.publicKey, started.chat.id, started.ws.token)), 409, "chat_closed");
    await env.DB.prepare("UPDATE customers SET deleted_at = ? WHERE id = ?").bind(Date.now(), started.customer.id).run();
    await expectError(await upgrade(resumePath(account.publicKey, started.chat.id, started.ws.token)), 401, "invalid_token");
    agent.close();
  });

  it("takes the allowed sites into account like the /ws upgrade", async () => {
    const account = await createAccount("resume-origin");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    await env.DB.prepare("UPDATE accounts SET allowed_origins = ? WHERE id = ?").bind(JSON.stringify(["https://shop.example.com"]), account.id).run();
    const path = resumePath(account.publicKey, started.chat.id, started.ws.token);
    const from = (origin?: string) => api(path, { headers: { Upgrade: "websocket", ...(origin ? { Origin: origin } : {}) } });
    await expectError(await from("https://evil.example.com"), 403, "origin_not_allowed");
    await expectError(await from(), 403, "origin_not_allowed");
    const allowed = await from("https://shop.example.com");
    expect(allowed.status).toBe(101);
    allowed.webSocket?.accept();
    allowed.webSocket?.close(1000);
    agent.close();
  });
});
