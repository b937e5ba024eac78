import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signToken } from "../../worker/auth/tokens";
import type { ChatDetailResponse } from "../../worker/views";
import {
  api,
  attendantSocket,
  createAccount,
  expectError,
  history,
  json,
  login,
  openAcceptedChat,
  settle,
  startChat,
  TestSocket,
  upgrade,
  wsToken,
} from "./helpers";

describe("bad frames", () => {
  it.each([
    ["invalid JSON", () => "{not json"],
    ["JSON that is not a frame", () => "42"],
    ["a body over 5,000 characters", (chatId: string) => ({ type: "message.send", chatId, clientId: "big", body: "a".repeat(5001) })],
    ["a blank body", (chatId: string) => ({ type: "message.send", chatId, clientId: "blank", body: "  \n " })],
    ["no chatId", () => ({ type: "message.send", clientId: "nochat", body: "Olá" })],
    ["a seq that is not an integer", (chatId: string) => ({ type: "message.read", chatId, seq: 1.5 })],
  ])("%s gets error bad_frame, changes nothing and keeps the socket open", async (_, frame) => {
    const { agent, customer, chatId } = await openAcceptedChat("bad-frame");
    const before = await history(customer, chatId);
    for (const socket of [customer, agent]) {
      socket.send(frame(chatId));
      const error = await socket.next("error");
      expect(error.code).toBe("bad_frame");
      expect(error.message).toEqual(expect.any(String));
      await settle(socket);
      expect(socket.all("error")).toHaveLength(1);
      expect(socket.closed).toBeNull();
    }
    expect(await history(customer, chatId)).toEqual(before);
    await settle(agent);
    expect(agent.all("message.created")).toEqual([]);
    expect(customer.all("message.created")).toEqual([]);
    [agent, customer].forEach((s) => s.close());
  });

  it("a frame over 32 KB closes the socket with 1009", async () => {
    const { agent, customer, chatId } = await openAcceptedChat("too-big");
    customer.send({ type: "message.send", chatId, clientId: "huge", body: "a".repeat(33 * 1024) });
    const closed = await customer.waitClosed();
    expect(closed?.code).toBe(1009);
    expect(customer.all("error").map((e) => e.code)).toEqual(["frame_too_big"]);
    await settle(agent);
    expect(agent.all("message.created")).toEqual([]);
    expect((await history(agent, chatId)).map((m) => m.clientId)).not.toContain("huge");
    agent.close();
  });

  it("a frame over 32 KB counted in bytes (multi-byte text) also closes the socket with 1009", async () => {
    // 12,000 "€" are 12,000 UTF-16 units but 36,000 bytes on the wire.
    const { agent, customer, chatId } = await openAcceptedChat("too-big-utf8");
    customer.send({ type: "message.send", chatId, clientId: "huge", body: "€".repeat(12_000) });
    // Refused as too big (then closed), not read and refused as a bad frame.
    expect((await customer.next("error")).code).toBe("frame_too_big");
    expect((await customer.waitClosed())?.code).toBe(1009);
    agent.close();
  });

  it("a body of 5,000 four-byte characters fits in a frame and is stored whole", async () => {
    const { agent, customer, chatId } = await openAcceptedChat("emoji");
    const body = "😀".repeat(2500); // 5,000 UTF-16 units: the longest body allowed
    customer.send({ type: "message.send", chatId, clientId: "emoji", body });
    expect((await agent.next("message.created")).message.body).toBe(body);
    [agent, customer].forEach((s) => s.close());
  });
});

describe("protocol version", () => {
  it.each([
    ["v=2", "&v=2"],
    ["no v", ""],
  ])("a socket with %s gets error unsupported_version, then close 1008", async (_, version) => {
    const account = await createAccount("version");
    const token = await wsToken(await login(account.attendants.support1.email));
    const socket = await TestSocket.open(`/api/ws?token=${encodeURIComponent(token)}&department=${account.departments.support}${version}`);
    expect((await socket.waitClosed())?.code).toBe(1008);
    expect(socket.frames.map((f) => f.type === "error" && f.code)).toEqual(["unsupported_version"]);
  });

  it("a customer socket with v=2 is refused the same way, and does not count as connected", async () => {
    const account = await createAccount("version-customer");
    await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    const url = new URL(started.ws.url);
    const socket = await TestSocket.open(`${url.pathname}?token=${encodeURIComponent(started.ws.token)}&v=2`);
    expect((await socket.waitClosed())?.code).toBe(1008);
    expect(socket.frames).toMatchObject([{ type: "error", code: "unsupported_version" }]);
  });
});

describe("socket authentication", () => {
  it("/api/ws refuses an expired, a garbage and a customer token with 401", async () => {
    const account = await createAccount("ws-auth");
    const { support } = account.departments;
    const expired = await signToken(env.TOKEN_SECRET, { k: "attendant-ws", a: account.id, u: account.attendants.support1.id, exp: Date.now() - 1 });
    await expectError(await upgrade(`/api/ws?token=${encodeURIComponent(expired)}&department=${support}&v=1`), 401, "unauthenticated");
    await expectError(await upgrade(`/api/ws?token=garbage&department=${support}&v=1`), 401, "unauthenticated");
    await attendantSocket(account.attendants.support2.email, support);
    const started = await startChat(account, support);
    await expectError(await upgrade(`/api/ws?token=${encodeURIComponent(started.ws.token)}&department=${support}&v=1`), 401, "unauthenticated");
    await expectError(await upgrade(`/api/ws?department=${support}&v=1`), 400, "bad_request");
  });

  it("/api/widget/ws refuses an attendant's socket token, a customer token and garbage with 401", async () => {
    const account = await createAccount("widget-ws-auth");
    const token = await wsToken(await login(account.attendants.support1.email));
    await expectError(await upgrade(`/api/widget/ws?token=${encodeURIComponent(token)}&v=1`), 401, "invalid_token");
    await attendantSocket(account.attendants.support2.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    await expectError(await upgrade(`/api/widget/ws?token=${encodeURIComponent(started.customerToken)}&v=1`), 401, "invalid_token");
    await expectError(await upgrade("/api/widget/ws?token=garbage&v=1"), 401, "invalid_token");
    const expired = await signToken(env.TOKEN_SECRET, {
      k: "customer-ws",
      a: account.id,
      c: started.customer.id,
      chat: started.chat.id,
      d: account.departments.support,
      exp: Date.now() - 1,
    });
    await expectError(await upgrade(`/api/widget/ws?token=${encodeURIComponent(expired)}&v=1`), 401, "invalid_token");
  });

  it("a socket URL opened without the WebSocket upgrade gets 426", async () => {
    const account = await createAccount("no-upgrade");
    const token = await wsToken(await login(account.attendants.support1.email));
    await expectError(await api(`/api/ws?token=${encodeURIComponent(token)}&department=${account.departments.support}&v=1`), 426, "upgrade_required");
  });
});

describe("routes", () => {
  it.each([
    ["GET", "/api/nothing-here"],
    ["GET", "/api"],
    ["GET", "/no-such-page"],
  ])("%s %s answers 404 with the error envelope", async (method, path) => {
    const res = await api(path, { method });
    expect(res.headers.get("content-type")).toContain("application/json");
    await expectError(res, 404, "not_found");
  });
});

describe("message bodies are text", () => {
  it("markup is stored and delivered verbatim, never escaped or interpreted by the server", async () => {
    const { account, agent, customer, chatId } = await openAcceptedChat("markup");
    const body = `<img src=x onerror=alert(1)> & "quotes" <script>alert('x')</script>`;
    customer.send({ type: "message.send", chatId, clientId: "xss", body });
    const delivered = await agent.next("message.created", (f) => f.message.clientId === "xss");
    expect(delivered.message.body).toBe(body);
    // The raw frame carries it as a JSON string, not as HTML entities.
    expect(JSON.stringify(delivered)).toContain(JSON.stringify(body).slice(1, -1));

    agent.send({ type: "chat.close", chatId });
    await customer.next("chat.closed");
    const row = await env.DB.prepare("SELECT body FROM chat_messages WHERE chat_id = ? AND body LIKE '<img%'").bind(chatId).first();
    expect(row).toEqual({ body });
    const detail = await json<ChatDetailResponse>(await api(`/api/chats/${chatId}`, { cookie: await login(account.attendants.support1.email) }));
    expect(detail.messages.find((m) => m.id === delivered.message.id)?.body).toBe(body);
    [agent, customer].forEach((s) => s.close());
  });
});
