import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signToken } from "../../worker/auth/tokens";
import type { WidgetConfigResponse, WidgetMeResponse, WidgetStartChatResponse } from "../../worker/views";
import {
  api,
  attendantSocket,
  count,
  createAccount,
  customerSocket,
  expectError,
  json,
  login,
  settle,
  startChat,
  widgetMe,
  type TestAccount,
} from "./helpers";

async function config(account: TestAccount) {
  const res = await api(`/api/widget/config?account=${account.publicKey}`);
  expect(res.status).toBe(200);
  return json<WidgetConfigResponse>(res);
}

function onlineOf(body: WidgetConfigResponse) {
  return Object.fromEntries(body.departments.map((d) => [d.id, d.online]));
}

const written = async (account: TestAccount) => ({
  chats: await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", account.id),
  customers: await count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id),
});

function startBody(account: TestAccount, overrides: Record<string, unknown> = {}) {
  return {
    account: account.publicKey,
    departmentId: account.departments.support,
    name: "Maria",
    email: `maria.${crypto.randomUUID()}@example.com`,
    message: "Olá",
    ...overrides,
  };
}

describe("GET /api/widget/config", () => {
  it("answers 404 unknown_account for a key no account has, and 400 without a key", async () => {
    await expectError(await api("/api/widget/config?account=pk-nobody"), 404, "unknown_account");
    await expectError(await api("/api/widget/config"), 400, "bad_request");
  });

  it("lists the active departments, online only while an online attendant has a socket open", async () => {
    const account = await createAccount("config");
    const { support, sales } = account.departments;
    const inactive = crypto.randomUUID();
    await env.DB.prepare("INSERT INTO departments (id, account_id, name, active, created_at) VALUES (?, ?, 'Antigo', 0, ?)")
      .bind(inactive, account.id, Date.now())
      .run();

    const before = await config(account);
    expect(before.account).toEqual({ name: "config Ltda", locale: "pt-BR" });
    expect(before.departments.map((d) => d.name)).toEqual(["Comercial", "Suporte"]);
    expect(before.departments.find((d) => d.id === support)?.initialMessage).toBe("Olá! Já vamos atender.");
    expect(onlineOf(before)).toEqual({ [support]: false, [sales]: false });

    // Logged in (status online) but no socket: still offline.
    await login(account.attendants.sales.email);
    const agent = await attendantSocket(account.attendants.support1.email, support);
    expect(onlineOf(await config(account))).toEqual({ [support]: true, [sales]: false });

    // The attendant chooses offline: the department goes offline although the socket stays open.
    const cookie = await login(account.attendants.support1.email);
    await api("/api/me/status", { method: "PUT", cookie, body: { status: "offline" } });
    expect(onlineOf(await config(account))).toEqual({ [support]: false, [sales]: false });
    await api("/api/me/status", { method: "PUT", cookie, body: { status: "online" } });
    expect(onlineOf(await config(account))).toEqual({ [support]: true, [sales]: false });

    agent.close();
  });

  it("goes offline when the last online attendant closes their socket, and the customer is told", async () => {
    const account = await createAccount("config-close");
    const { support, sales } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started = await startChat(account, support);
    const customer = await customerSocket(started.ws);
    expect(customer.frames[0]).toMatchObject({ type: "session.ready", online: true });
    agent.close();
    // The room has handled the close once the customer hears about it.
    expect(await customer.next("presence.changed")).toEqual({ type: "presence.changed", attendants: [], online: false });
    expect(onlineOf(await config(account))).toEqual({ [support]: false, [sales]: false });
    await expectError(await api("/api/widget/chats", { body: startBody(account) }), 409, "department_offline");
    customer.close();
  });

  it("allows any origin (CORS) and answers the preflight", async () => {
    const account = await createAccount("cors");
    const res = await api(`/api/widget/config?account=${account.publicKey}`, { headers: { origin: "https://shop.example.com" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const preflight = await api("/api/widget/chats", {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    // Errors carry the header too, or the widget could not read them.
    const error = await api("/api/widget/config?account=pk-nobody", { headers: { origin: "https://shop.example.com" } });
    expect(error.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("POST /api/widget/chats", () => {
  it.each([
    ["an invalid e-mail", { email: "maria@" }],
    ["no name", { name: undefined }],
    ["a blank name", { name: "   " }],
    ["a message over 5,000 characters", { message: "a".repeat(5001) }],
    ["a blank message", { message: " \n " }],
    ["a javascript: pageUrl", { pageUrl: "javascript:alert(1)" }],
    ["an ftp pageUrl", { pageUrl: "ftp://shop.example.com/" }],
    ["an unknown origin", { origin: "email" }],
  ])("answers 400 bad_request for %s and writes nothing", async (_, overrides) => {
    const account = await createAccount("start-bad");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const before = await written(account);
    await expectError(await api("/api/widget/chats", { body: startBody(account, overrides) }), 400, "bad_request");
    expect(await written(account)).toEqual(before);
    await settle(agent);
    expect(agent.all("chat.queued")).toEqual([]);
    agent.close();
  });

  it("answers 404 unknown_department for an unknown department and for another account's", async () => {
    const account = await createAccount("start-dep");
    const other = await createAccount("start-dep-other");
    const agent = await attendantSocket(other.attendants.support1.email, other.departments.support);
    const before = await written(account);
    await expectError(await api("/api/widget/chats", { body: startBody(account, { departmentId: crypto.randomUUID() }) }), 404, "unknown_department");
    await expectError(
      await api("/api/widget/chats", { body: startBody(account, { departmentId: other.departments.support }) }),
      404,
      "unknown_department",
    );
    await expectError(await api("/api/widget/chats", { body: startBody(account, { account: "pk-nobody" }) }), 404, "unknown_account");
    expect(await written(account)).toEqual(before);
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", other.id)).toBe(0);
    await settle(agent);
    expect(agent.all("chat.queued")).toEqual([]);
    agent.close();
  });

  it("answers 409 department_offline when nobody is online there, and writes nothing", async () => {
    const account = await createAccount("start-offline");
    await attendantSocket(account.attendants.support1.email, account.departments.support);
    const before = await written(account);
    await expectError(await api("/api/widget/chats", { body: startBody(account, { departmentId: account.departments.sales }) }), 409, "department_offline");
    expect(await written(account)).toEqual(before);
  });

  it("numbers chats 1, 2, 3 per account, independently of other accounts", async () => {
    const a = await createAccount("numbers-a");
    const b = await createAccount("numbers-b");
    await attendantSocket(a.attendants.support1.email, a.departments.support);
    await attendantSocket(b.attendants.support1.email, b.departments.support);
    const numbers: [string, number][] = [];
    for (const account of [a, b, a, b, a]) {
      const { chat } = await startChat(account, account.departments.support);
      numbers.push([account === a ? "a" : "b", chat.number]);
    }
    expect(numbers).toEqual([
      ["a", 1],
      ["b", 1],
      ["a", 2],
      ["b", 2],
      ["a", 3],
    ]);
    const rows = await env.DB.prepare("SELECT number FROM chats WHERE account_id = ? ORDER BY number").bind(a.id).all();
    expect(rows.results).toEqual([{ number: 1 }, { number: 2 }, { number: 3 }]);
  });

  it("a second start with the customer's token while the chat is open answers 200 with the same chat", async () => {
    const account = await createAccount("start-again");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const first = await startChat(account, support);
    await agent.next("chat.queued");
    const res = await api("/api/widget/chats", {
      body: startBody(account, { message: "Alguém aí?" }),
      headers: { authorization: `Bearer ${first.customerToken}` },
    });
    expect(res.status).toBe(200);
    const again = await json<WidgetStartChatResponse>(res);
    expect(again.chat.id).toBe(first.chat.id);
    expect(again.chat.number).toBe(first.chat.number);
    expect(again.customer.id).toBe(first.customer.id);
    expect(again.customerToken).toBe(first.customerToken);
    expect(again.ws.url).toContain("/api/widget/ws?token=");
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", account.id)).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id)).toBe(1);
    await settle(agent);
    expect(agent.all("chat.queued")).toHaveLength(1);
    agent.close();
  });

  it("after the chat closes, the same token starts a new chat for the same customer (201)", async () => {
    const account = await createAccount("start-after-close");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const first = await startChat(account, support);
    const customer = await customerSocket(first.ws);
    customer.send({ type: "chat.close", chatId: first.chat.id });
    await customer.next("chat.closed");
    const res = await api("/api/widget/chats", {
      body: startBody(account, { name: "Maria Souza" }),
      headers: { authorization: `Bearer ${first.customerToken}` },
    });
    expect(res.status).toBe(201);
    const second = await json<WidgetStartChatResponse>(res);
    expect(second.chat.id).not.toBe(first.chat.id);
    expect(second.chat.number).toBe(first.chat.number + 1);
    expect(second.customer.id).toBe(first.customer.id);
    expect(await count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id)).toBe(1);
    [agent, customer].forEach((s) => s.close());
  });
});

describe("GET /api/widget/me", () => {
  it("with the customer's token, answers the open chat and a socket to it", async () => {
    const account = await createAccount("me");
    await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support, { name: "Maria" });
    const res = await widgetMe(account.publicKey, started.customerToken);
    expect(res.status).toBe(200);
    const me = await json<WidgetMeResponse>(res);
    expect(me.customer).toEqual(started.customer);
    expect(me.chat?.id).toBe(started.chat.id);
    expect(me.chat?.status).toBe("waiting");
    expect(me.ws?.url).toMatch(/^ws:\/\/chat\.test\/api\/widget\/ws\?token=.+&v=1$/);
    const socket = await customerSocket(me.ws!);
    expect(socket.frames[0]).toMatchObject({ type: "session.ready", role: "customer", chats: [{ id: started.chat.id }] });
    socket.close();
  });

  it("answers 401 invalid_token for another account's key, a forged token and garbage", async () => {
    const account = await createAccount("me-bad");
    const other = await createAccount("me-bad-other");
    await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);

    await expectError(await widgetMe(other.publicKey, started.customerToken), 401, "invalid_token");
    const forged = await signToken("not-the-server-secret-0123456789abcdef", { k: "customer", a: account.id, c: started.customer.id, iat: Date.now() });
    await expectError(await widgetMe(account.publicKey, forged), 401, "invalid_token");
    // A socket token is not a customer token.
    await expectError(await widgetMe(account.publicKey, started.ws.token), 401, "invalid_token");
    // Signed with the real secret but naming a customer that does not exist.
    const ghost = await signToken(env.TOKEN_SECRET, { k: "customer", a: account.id, c: crypto.randomUUID(), iat: Date.now() });
    await expectError(await widgetMe(account.publicKey, ghost), 401, "invalid_token");
    await expectError(await widgetMe(account.publicKey, "garbage"), 401, "invalid_token");
    await expectError(await api(`/api/widget/me?account=${account.publicKey}`), 401, "invalid_token");
    await expectError(await widgetMe("pk-nobody", started.customerToken), 404, "unknown_account");
  });
});
