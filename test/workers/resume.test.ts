import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { WidgetMeResponse } from "../../worker/views";
import {
  attendantSocket,
  createAccount,
  customerSocket,
  history,
  json,
  room,
  settle,
  startChat,
  widgetMe,
  type TestAccount,
  type TestSocket,
  held,
} from "./helpers";

/** A chat accepted by support1, with the customer's socket open. */
async function acceptedChat(account: TestAccount) {
  const { support } = account.departments;
  const agent = await attendantSocket(account.attendants.support1.email, support);
  const started = await startChat(account, support, { message: "Meu pedido não chegou" });
  const customer = await customerSocket(started.ws);
  agent.send({ type: "chat.accept", chatId: started.chat.id });
  await customer.next("chat.accepted");
  return { agent, customer, started, chatId: started.chat.id };
}

/** Sends a message and waits for the sender's acknowledgement (the created frame with its clientId and body). */
async function say(socket: TestSocket, chatId: string, clientId: string, body: string) {
  socket.send({ type: "message.send", chatId, clientId, body });
  return (await socket.next("message.created", (f) => f.message.clientId === clientId && f.message.body === body)).message;
}

/** A fresh customer socket, the way the widget reconnects: /api/widget/me with the stored token. */
async function reconnectCustomer(account: TestAccount, customerToken: string) {
  const res = await widgetMe(account.publicKey, customerToken);
  expect(res.status).toBe(200);
  const me = await json<WidgetMeResponse>(res);
  return customerSocket(me.ws!);
}

describe("reconnect and resume", () => {
  it("a customer that reconnects gets exactly the messages it missed, in order", async () => {
    const account = await createAccount("resume");
    const { agent, customer, started, chatId } = await acceptedChat(account);
    await say(agent, chatId, "a-1", "Olá, vou verificar");
    await say(agent, chatId, "a-2", "Um momento");
    const seen = await customer.next("message.created", (f) => f.message.clientId === "a-2");
    customer.close();

    const missed = [await say(agent, chatId, "a-3", "Encontrei"), await say(agent, chatId, "a-4", "Foi enviado ontem"), await say(agent, chatId, "a-5", "Chega amanhã")];

    const again = await reconnectCustomer(account, started.customerToken);
    const messages = await history(again, chatId, seen.message.seq);
    expect(messages.map((m) => [m.seq, m.body, m.id])).toEqual(missed.map((m) => [m.seq, m.body, m.id]));
    expect(messages.map((m) => m.seq)).toEqual([seen.message.seq + 1, seen.message.seq + 2, seen.message.seq + 3]);
    // Nothing arrived on the new socket besides what it asked for.
    await settle(again);
    expect(again.all("message.created")).toEqual([]);
    // Asking from the start gives the whole chat, each message once.
    const all = await history(again, chatId, 0);
    expect(all.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(all.map((m) => m.id)).size).toBe(7);
    [agent, again].forEach((s) => s.close());
  });

  it("a resent message (same clientId) is stored once and acknowledged again with the same id and seq", async () => {
    const account = await createAccount("resend");
    const { agent, customer, started, chatId } = await acceptedChat(account);
    const first = await say(customer, chatId, "c-1", "Ainda está aí?");
    await agent.next("message.created", (f) => f.message.clientId === "c-1");

    // The ack was lost: the widget reconnects and sends the same message again.
    customer.close();
    const again = await reconnectCustomer(account, started.customerToken);
    const resent = await say(again, chatId, "c-1", "Ainda está aí?");
    expect(resent).toEqual(first);
    // Also a resend on the same socket.
    const twice = await say(again, chatId, "c-1", "Ainda está aí?");
    expect(twice).toEqual(first);

    await settle(agent);
    expect(agent.all("message.created").filter((f) => f.message.clientId === "c-1")).toHaveLength(1);
    expect((await history(again, chatId)).filter((m) => m.clientId === "c-1")).toHaveLength(1);
    // The next new message follows it directly.
    expect((await say(again, chatId, "c-2", "Oi")).seq).toBe(first.seq + 1);

    agent.send({ type: "chat.close", chatId });
    await again.next("chat.closed");
    const rows = await env.DB.prepare("SELECT seq, body FROM chat_messages WHERE chat_id = ? AND author_type = 'customer' ORDER BY seq").bind(chatId).all();
    expect(rows.results).toEqual([
      { seq: 2, body: "Meu pedido não chegou" },
      { seq: first.seq, body: "Ainda está aí?" },
      { seq: first.seq + 1, body: "Oi" },
    ]);
    [agent, again].forEach((s) => s.close());
  });

  it("the same clientId from the other side is a different message", async () => {
    const account = await createAccount("resend-sides");
    const { agent, customer, chatId } = await acceptedChat(account);
    const fromCustomer = await say(customer, chatId, "same-id", "do cliente");
    const fromAgent = await say(agent, chatId, "same-id", "do atendente");
    expect(fromAgent.id).not.toBe(fromCustomer.id);
    expect(fromAgent.seq).toBe(fromCustomer.seq + 1);
    [agent, customer].forEach((s) => s.close());
  });
});

describe("eviction", () => {
  it("the chats, their messages and the queue survive the room being evicted; seq goes on", async () => {
    const account = await createAccount("evict");
    const { support } = account.departments;
    const { agent, customer, started, chatId } = await acceptedChat(account);
    await say(agent, chatId, "a-1", "Olá");
    const last = await say(customer, chatId, "c-1", "Oi");
    const waiting = await startChat(account, support, { message: "Na fila" });
    await agent.next("chat.queued", (f) => f.chat.id === waiting.chat.id);
    const before = await held(agent, chatId);

    // Throw away every Durable Object instance: memory is gone, storage stays.
    const stub = room(account, support);
    const marker = Symbol("this instance");
    await runInDurableObject(stub, (instance) => void Object.assign(instance, { [marker]: true }));
    await abortAllDurableObjects();
    // (The old stub is broken by the abort; a new one reaches a new instance.)
    expect(await runInDurableObject(room(account, support), (instance) => marker in instance), "a new instance").toBe(false);
    expect(await agent.waitClosed(), "the old sockets were dropped").not.toBeNull();

    const agentAgain = await attendantSocket(account.attendants.support1.email, support);
    const ready = agentAgain.frames[0];
    expect(ready?.type === "session.ready" && ready.chats.map((c) => [c.id, c.status, c.lastSeq])).toEqual([
      [chatId, "active", last.seq],
      [waiting.chat.id, "waiting", 2],
    ]);
    expect(await history(agentAgain, chatId)).toEqual(before);
    const customerAgain = await reconnectCustomer(account, started.customerToken);
    const customerReady = customerAgain.frames[0];
    expect(customerReady?.type === "session.ready" && customerReady.chats.map((c) => [c.id, c.attendant?.id])).toEqual([
      [chatId, account.attendants.support1.id],
    ]);
    expect(await history(customerAgain, chatId)).toEqual(before);

    const next = await say(agentAgain, chatId, "a-2", "Voltei");
    expect(next.seq).toBe(last.seq + 1);
    expect((await customerAgain.next("message.created")).message).toEqual(next);
    // The queued chat can still be taken.
    agentAgain.send({ type: "chat.accept", chatId: waiting.chat.id });
    expect((await agentAgain.next("chat.accepted", (f) => f.chat.id === waiting.chat.id)).chat.attendant?.id).toBe(account.attendants.support1.id);
    [agent, customer, agentAgain, customerAgain].forEach((s) => s.close());
  });
});

describe("write-behind to D1", () => {
  it("messages of an open chat are in D1 once the room's alarm has run", async () => {
    const account = await createAccount("write-behind");
    const { agent, customer, chatId } = await acceptedChat(account);
    await say(agent, chatId, "a-1", "Olá");
    const last = await say(customer, chatId, "c-1", "Oi");
    const stub = room(account, account.departments.support);

    // The room schedules the copy for shortly after the write (alarm() runs only timers that are
    // due): wait for that moment, then fire the alarm now instead of waiting for the runtime.
    const due = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    if (due !== null) {
      while (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
      await runDurableObjectAlarm(stub);
    }
    // (The runtime may have fired the same alarm a moment earlier; then its copy may still be on its way.)
    const transcript = () =>
      env.DB.prepare("SELECT seq, author_type, body FROM chat_messages WHERE chat_id = ? ORDER BY seq").bind(chatId).all().then((r) => r.results);
    await expect.poll(transcript, { timeout: 1000, interval: 20 }).toEqual([
      { seq: 1, author_type: "system", body: "Olá! Já vamos atender." },
      { seq: 2, author_type: "customer", body: "Meu pedido não chegou" },
      { seq: 3, author_type: "attendant", body: "Olá" },
      { seq: last.seq, author_type: "customer", body: "Oi" },
    ]);
    const chat = await env.DB.prepare("SELECT status, attendant_id, last_seq FROM chats WHERE id = ?").bind(chatId).first();
    expect(chat).toEqual({ status: "active", attendant_id: account.attendants.support1.id, last_seq: last.seq });
    [agent, customer].forEach((s) => s.close());
  });
});
