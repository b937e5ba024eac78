import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HOURS, writeHours } from "../../durable-objects/room-hours";
import { departmentRoom } from "../../worker/access";
import { wallClock } from "../../worker/hours/zone";
import { AccountSettings } from "../../worker/settings/schema";
import { saveAccountSettings } from "../../worker/settings/store";
import type { WidgetConfigResponse } from "../../worker/views";
import { api, attendantSocket, count, createAccount, customerSocket, json, settle, startChat, type TestAccount } from "./helpers";

/**
 * When a department takes chats: every online attendant full (capacity limits) makes it
 * offline and `busy`, live in both directions; its hours closing tells the waiting customers
 * (`queue.closed`), whose chats stay in the queue.
 */

const ZONE = "America/Sao_Paulo";

async function setMaxChats(account: TestAccount, maxChatsPerAttendant: number) {
  await saveAccountSettings(env.DB, account.id, AccountSettings.parse({ policies: { maxChatsPerAttendant } }));
}

async function config(account: TestAccount, departmentId: string) {
  const res = await api(`/api/widget/config?account=${account.publicKey}&department=${departmentId}`);
  expect(res.status).toBe(200);
  return (await json<WidgetConfigResponse>(res)).departments[0]!;
}

/** A shift closed now: one hour on the weekday three days from today. */
function closedNow() {
  const day = (wallClock(Date.now(), ZONE).weekday + 3) % 7;
  return { intervals: [{ day, start: "09:00", end: "10:00" }], exceptions: [] };
}

describe("capacity-full availability", () => {
  it("every online attendant full: offline and busy in the config and live; a close frees a slot and it is online again", async () => {
    const account = await createAccount("busy");
    const { support } = account.departments;
    await setMaxChats(account, 1);
    const a = await attendantSocket(account.attendants.support1.email, support);
    const b = await attendantSocket(account.attendants.support2.email, support);
    const first = await startChat(account, support);
    const second = await startChat(account, support);
    const waiting = await startChat(account, support);
    const watcher = await customerSocket(waiting.ws);

    a.send({ type: "chat.accept", chatId: first.chat.id });
    await a.next("chat.accepted", (f) => f.chat.id === first.chat.id);
    await settle(watcher);
    // One of two full: still online.
    expect(watcher.all("presence.changed")).toEqual([]);
    expect(await config(account, support)).toMatchObject({ online: true });

    b.send({ type: "chat.accept", chatId: second.chat.id });
    expect(await watcher.next("presence.changed")).toEqual({ type: "presence.changed", attendants: [], online: false, busy: true });
    const offline = await config(account, support);
    expect(offline.online).toBe(false);
    expect(offline.busy).toBe(true);
    expect(offline.opensAt).toBeUndefined();
    expect(await a.next("presence.changed", (f) => !f.online)).toMatchObject({ online: false, busy: true });

    // A chat that raced the change (its form already sent) still gets in and waits.
    const raced = await startChat(account, support);
    expect(raced.chat.status).toBe("waiting");

    a.send({ type: "chat.close", chatId: first.chat.id });
    expect(await watcher.next("presence.changed")).toEqual({ type: "presence.changed", attendants: [], online: true });
    const back = await config(account, support);
    expect(back.online).toBe(true);
    expect(back.busy).toBeUndefined();
    [a, b, watcher].forEach((s) => s.close());
  });

  it("a new socket hears busy in session.ready, and the last full attendant leaving makes it offline without busy", async () => {
    const account = await createAccount("busy-ready");
    const { support } = account.departments;
    await setMaxChats(account, 1);
    const a = await attendantSocket(account.attendants.support1.email, support);
    const taken = await startChat(account, support);
    a.send({ type: "chat.accept", chatId: taken.chat.id });
    await a.next("chat.accepted");
    const waiting = await startChat(account, support);
    const customer = await customerSocket(waiting.ws);
    expect(customer.frames[0]).toMatchObject({ type: "session.ready", online: false, busy: true });
    a.close();
    expect(await customer.next("presence.changed")).toEqual({ type: "presence.changed", attendants: [], online: false });
    expect(await config(account, support)).toMatchObject({ online: false });
    customer.close();
  });

  it("without any limit a department with an attendant online is never busy", async () => {
    const account = await createAccount("busy-none");
    const { support } = account.departments;
    const a = await attendantSocket(account.attendants.support1.email, support);
    for (let i = 0; i < 3; i++) {
      const chat = await startChat(account, support);
      a.send({ type: "chat.accept", chatId: chat.chat.id });
      await a.next("chat.accepted", (f) => f.chat.id === chat.chat.id);
    }
    await settle(a);
    expect(a.all("presence.changed").filter((f) => !f.online)).toEqual([]);
    expect(await config(account, support)).toMatchObject({ online: true });
    a.close();
  });

  it("another account's key does not read this department's availability", async () => {
    const account = await createAccount("busy-owner");
    const other = await createAccount("busy-other");
    const res = await api(`/api/widget/config?account=${other.publicKey}&department=${account.departments.support}`);
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("unknown_department");
  });
});

describe("the department closes with customers waiting", () => {
  it("at the boundary each waiting customer hears queue.closed with the next opening; the chat stays waiting with its messages", async () => {
    const account = await createAccount("queue-closed");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const served = await startChat(account, support);
    agent.send({ type: "chat.accept", chatId: served.chat.id });
    await agent.next("chat.accepted");
    const servedSocket = await customerSocket(served.ws);
    const waiting = await startChat(account, support, { message: "Preciso de um orçamento" });
    const customer = await customerSocket(waiting.ws);
    const stub = departmentRoom(env, account.id, support);
    // The time passes: the room's hours say closed now (as at the boundary) and its timer is due.
    await runInDurableObject(stub, (instance, state) => {
      writeHours(state.storage.sql, { timeZone: ZONE, shifts: [closedNow()] }, Date.now());
      instance.timers.set(HOURS, "", Date.now());
    });
    await runDurableObjectAlarm(stub);

    const closed = await customer.next("queue.closed");
    expect(closed).toEqual({ type: "queue.closed", chatId: waiting.chat.id, opensAt: expect.any(Number) });
    expect(closed.opensAt).toBeGreaterThan(Date.now());
    await settle(servedSocket);
    await settle(agent);
    expect(servedSocket.all("queue.closed")).toEqual([]);
    expect(agent.all("queue.closed")).toEqual([]);
    expect((await stub.getChat(waiting.chat.id))!.status).toBe("waiting");
    expect((await stub.messages(waiting.chat.id)).map((m) => m.body)).toContain("Preciso de um orçamento");

    // A reload while it stays closed hears it again, after its position.
    customer.close();
    const again = await customerSocket(waiting.ws);
    await again.next("queue.closed");
    expect(again.frames.map((f) => f.type).slice(0, 3)).toEqual(["session.ready", "queue.position", "queue.closed"]);
    [agent, servedSocket, again].forEach((s) => s.close());
  });

  it("the customer who leaves a message instead ends the waiting chat: the offline message is stored and the chat closed by the customer", async () => {
    const account = await createAccount("queue-closed-form");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const waiting = await startChat(account, support, { name: "Bia", email: "bia@example.com", message: "Quero trocar o pedido" });
    const customer = await customerSocket(waiting.ws);
    const stub = departmentRoom(env, account.id, support);
    await runInDurableObject(stub, (instance, state) => {
      writeHours(state.storage.sql, { timeZone: ZONE, shifts: [closedNow()] }, Date.now());
      instance.timers.set(HOURS, "", Date.now());
    });
    await runDurableObjectAlarm(stub);
    await customer.next("queue.closed");

    // What the widget does with the form: the offline message first, then the close.
    const res = await api("/api/widget/offline-messages", {
      body: { account: account.publicKey, departmentId: support, name: "Bia", email: "bia@example.com", message: "Quero trocar o pedido" },
      headers: { authorization: `Bearer ${waiting.customerToken}` },
    });
    expect(res.status).toBe(201);
    customer.send({ type: "chat.close", chatId: waiting.chat.id });
    expect((await customer.next("chat.closed")).chat).toMatchObject({ status: "closed", closedBy: "customer" });
    expect(await count("SELECT COUNT(*) AS n FROM offline_messages WHERE account_id = ? AND message = ?", account.id, "Quero trocar o pedido")).toBe(1);
    expect(await agent.next("chat.closed")).toMatchObject({ chat: { id: waiting.chat.id } });
    [agent, customer].forEach((s) => s.close());
  });
});
