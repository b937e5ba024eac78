import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { WidgetHistoryResponse, WidgetIdentifyResponse, WidgetMessagesResponse } from "../../worker/views";
import { api, attendantSocket, count, createAccount, customerSocket, expectError, json, startChat, type TestAccount } from "./helpers";
import { acceptAndClose, bearer, customerHash, openChat } from "./customization-helpers";

async function identify(account: TestAccount, email: string, hash: string, name = "Joana Verificada"): Promise<Response> {
  return api("/api/widget/identify", { body: { account: account.publicKey, name, email, customerHash: hash } });
}

async function identified(account: TestAccount, email: string, name?: string): Promise<WidgetIdentifyResponse> {
  const res = await identify(account, email, await customerHash(email), name);
  expect(res.status).toBe(200);
  return json<WidgetIdentifyResponse>(res);
}

function history(account: TestAccount, token: string) {
  return api(`/api/widget/history?account=${account.publicKey}`, { headers: bearer(token) });
}

function transcript(account: TestAccount, chatId: string, token: string) {
  return api(`/api/widget/chats/${chatId}/messages?account=${account.publicKey}`, { headers: bearer(token) });
}

const customersOf = (account: TestAccount) => count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id);

describe("POST /api/widget/identify", () => {
  it("answers a token for the customer with that verified e-mail, created on first use", async () => {
    const account = await createAccount("identify");
    const body = await identified(account, "Joana@Example.com");
    expect(body.verified).toBe(true);
    expect(body.customer).toMatchObject({ name: "Joana Verificada", email: "joana@example.com" });
    const row = await env.DB.prepare("SELECT account_id, verified_email FROM customers WHERE id = ?").bind(body.customer.id).first();
    expect(row).toEqual({ account_id: account.id, verified_email: "joana@example.com" });
    const me = await api(`/api/widget/me?account=${account.publicKey}`, { headers: bearer(body.customerToken) });
    expect((await json(me)).customer.id).toBe(body.customer.id);
  });

  it("refuses a forged hash with 403 and writes nothing", async () => {
    const account = await createAccount("identify-forged");
    const email = "forged@example.com";
    const valid = await customerHash(email);
    const forgeries = [
      await customerHash(email, "someone-elses-secret"),
      await customerHash("other@example.com"),
      valid.slice(0, -1) + (valid.endsWith("0") ? "1" : "0"),
      "not-hex-at-all",
    ];
    for (const hash of forgeries) await expectError(await identify(account, email, hash), 403, "invalid_customer_hash");
    expect(await customersOf(account)).toBe(0);
    await expectError(await api("/api/widget/identify", { body: { account: account.publicKey, name: "X", email } }), 400, "bad_request");
  });

  it("gives two devices the same customer, and each sees the chats started on the other", async () => {
    const account = await createAccount("identify-devices");
    const email = "two.devices@example.com";
    const phone = await identified(account, email);
    const laptop = await identified(account, email, "Joana no laptop");
    expect(laptop.customer.id).toBe(phone.customer.id);
    expect(await customersOf(account)).toBe(1);

    const { started, agent } = await openChat(account, "support1", account.departments.support, { token: phone.customerToken, email });
    expect(started.customer.id).toBe(phone.customer.id);
    await acceptAndClose(agent, started);
    agent.close();

    const list = await json<WidgetHistoryResponse>(await history(account, laptop.customerToken));
    expect(list.chats).toEqual([
      expect.objectContaining({
        id: started.chat.id,
        number: started.chat.number,
        departmentId: account.departments.support,
        status: "closed",
        attendant: { id: account.attendants.support1.id, name: account.attendants.support1.name },
      }),
    ]);
    const messages = await json<WidgetMessagesResponse>(await transcript(account, started.chat.id, laptop.customerToken));
    expect(messages.messages.map((m) => m.author.type)).toEqual(["system", "customer"]);
  });

  it("two identify calls at the same moment still make one customer", async () => {
    const account = await createAccount("identify-race");
    const email = "race@example.com";
    const answers = await Promise.all([identified(account, email), identified(account, email), identified(account, email)]);
    expect(new Set(answers.map((a) => a.customer.id)).size).toBe(1);
    expect(await customersOf(account)).toBe(1);
  });

  it("keeps accounts apart: the same e-mail in another account is another customer", async () => {
    const a = await createAccount("identify-a");
    const b = await createAccount("identify-b");
    const email = "shared@example.com";
    const inA = await identified(a, email);
    const inB = await identified(b, email);
    expect(inB.customer.id).not.toBe(inA.customer.id);
    await expectError(await history(b, inA.customerToken), 401, "invalid_token");
  });
});

describe("POST /api/widget/chats with customerHash", () => {
  it("starts the chat as the verified customer, with a token for them", async () => {
    const account = await createAccount("start-verified");
    const email = "verified.start@example.com";
    const first = await identified(account, email);
    const agent = await attendantSocket(account.attendants.sales.email, account.departments.sales);
    const res = await api("/api/widget/chats", {
      body: { account: account.publicKey, departmentId: account.departments.sales, name: "Joana", email, message: "Oi", customerHash: await customerHash(email) },
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.customer.id).toBe(first.customer.id);
    const list = await json<WidgetHistoryResponse>(await history(account, body.customerToken));
    expect(list.chats.map((c) => c.id)).toEqual([body.chat.id]);
    agent.close();
  });

  it("refuses a forged customerHash with 403 and starts nothing", async () => {
    const account = await createAccount("start-forged");
    const agent = await attendantSocket(account.attendants.sales.email, account.departments.sales);
    const res = await api("/api/widget/chats", {
      body: {
        account: account.publicKey,
        departmentId: account.departments.sales,
        name: "Mallory",
        email: "victim@example.com",
        message: "Oi",
        customerHash: await customerHash("victim@example.com", "guessed-secret"),
      },
    });
    await expectError(res, 403, "invalid_customer_hash");
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", account.id)).toBe(0);
    expect(await customersOf(account)).toBe(0);
    agent.close();
  });

  it("an unsigned start with a verified customer's e-mail does not reach that customer", async () => {
    const account = await createAccount("start-unsigned");
    const email = "victim@example.com";
    const victim = await identified(account, email);
    const { started: victimChat, agent } = await openChat(account, "support1", account.departments.support, { token: victim.customerToken, email });
    await acceptAndClose(agent, victimChat);

    const impostor = await startChat(account, account.departments.support, { email, name: "Impostor" });
    expect(impostor.customer.id).not.toBe(victim.customer.id);
    const theirs = await json<WidgetHistoryResponse>(await history(account, impostor.customerToken));
    expect(theirs.chats.map((c) => c.id)).toEqual([impostor.chat.id]);
    await expectError(await transcript(account, victimChat.chat.id, impostor.customerToken), 404, "not_found");
    const victims = await json<WidgetHistoryResponse>(await history(account, victim.customerToken));
    expect(victims.chats.map((c) => c.id)).toEqual([victimChat.chat.id]);
    const row = await env.DB.prepare("SELECT verified_email FROM customers WHERE id = ?").bind(impostor.customer.id).first();
    expect(row).toEqual({ verified_email: null });
    agent.close();
  });
});

describe("GET /api/widget/history and /chats/:id/messages", () => {
  it("need the customer's token", async () => {
    const account = await createAccount("history-auth");
    await expectError(await api(`/api/widget/history?account=${account.publicKey}`), 401, "invalid_token");
    await expectError(await history(account, "forged.token"), 401, "invalid_token");
    await expectError(await api(`/api/widget/chats/x/messages?account=${account.publicKey}`), 401, "invalid_token");
    await expectError(await api("/api/widget/history?account=unknown-key"), 404, "unknown_account");
  });

  it("lists the customer's chats newest first and reads an open chat's messages live", async () => {
    const account = await createAccount("history-open");
    const { started: first, agent } = await openChat(account, "support1", account.departments.support);
    await acceptAndClose(agent, first);
    const second = await startChat(account, account.departments.support, { token: first.customerToken, message: "De novo" });
    const customer = await customerSocket(second.ws);
    customer.send({ type: "message.send", chatId: second.chat.id, clientId: "c-2", body: "Alguém aí?" });
    await customer.next("message.created", (f) => f.message.clientId === "c-2");

    const list = await json<WidgetHistoryResponse>(await history(account, first.customerToken));
    expect(list.chats.map((c) => [c.id, c.status])).toEqual([
      [second.chat.id, "waiting"],
      [first.chat.id, "closed"],
    ]);
    const live = await json<WidgetMessagesResponse>(await transcript(account, second.chat.id, first.customerToken));
    expect(live.messages.map((m) => m.body)).toEqual(["Olá! Já vamos atender.", "De novo", "Alguém aí?"]);

    const stranger = await startChat(account, account.departments.support);
    await expectError(await transcript(account, second.chat.id, stranger.customerToken), 404, "not_found");
    customer.close();
    agent.close();
  });
});
