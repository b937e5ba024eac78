import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ABANDON, ARRIVAL, RETURN_CHECK, RETURN_WINDOW_MS } from "../../durable-objects/customer-presence";
import { GRACE } from "../../durable-objects/grace";
import { AccountSettings } from "../../worker/settings/schema";
import { saveAccountSettings } from "../../worker/settings/store";
import type { WidgetMeResponse } from "../../worker/views";
import { attendantSocket, createAccount, customerSocket, json, room, settle, startChat, widgetMe, type TestAccount } from "./helpers";

/**
 * The customer's presence and abandoned chats (durable-objects/customer-presence.ts): the room
 * tells attendants when a customer leaves and returns; a waiting chat whose customer stays away
 * past policies.abandonAfterMinutes leaves the queue (D1's `abandoned_at`), and comes back at
 * its place when they return. The `abandon` timer is moved to now and fired with
 * runDurableObjectAlarm, so no minutes are waited.
 */

function abandonTimer(account: TestAccount, chatId: string) {
  return runInDurableObject(room(account, account.departments.support), (instance) => instance.timers.get(ABANDON, chatId));
}

/** Makes the chat's abandon timer due, runs the alarm, then copies the room's writes to D1. */
async function fireAbandon(account: TestAccount, chatId: string) {
  const stub = room(account, account.departments.support);
  await runInDurableObject(stub, async (_, state) => {
    state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE kind = ? AND key = ?", Date.now() - 1, ABANDON, chatId);
    // A future alarm, run now by the test: a past one would fire on its own, racing the test.
    await state.storage.setAlarm(Date.now() + 60_000);
  });
  expect(await runDurableObjectAlarm(stub)).toBe(true);
  await runInDurableObject(stub, (instance) => instance.syncNow());
}

function d1Chat(chatId: string) {
  return env.DB.prepare("SELECT status, abandoned_at FROM chats WHERE id = ?").bind(chatId).first<{ status: string; abandoned_at: number | null }>();
}

describe("abandoned chats", () => {
  it("takes a waiting chat out of the queue once its customer is gone longer than the setting, and puts it back at its place when they return", async () => {
    const account = await createAccount("abandon");
    await saveAccountSettings(env.DB, account.id, AccountSettings.parse({ policies: { abandonAfterMinutes: 3 } }));
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const first = await startChat(account, support, { name: "Primeira" });
    const second = await startChat(account, support, { name: "Segunda" });
    await agent.next("chat.queued", (f) => f.chat.id === first.chat.id);
    const gone = await customerSocket(first.ws);
    const staying = await customerSocket(second.ws);
    await staying.next("queue.position", (f) => f.position === 2);

    const before = Date.now();
    gone.close();
    const left = await agent.next("chat.presence", (f) => f.chatId === first.chat.id && f.customerLeftAt !== null);
    expect(left.customerLeftAt).toBeGreaterThanOrEqual(before);
    expect(left.abandonedAt).toBeNull();
    const timer = await abandonTimer(account, first.chat.id);
    expect(timer?.dueAt).toBe(left.customerLeftAt! + 3 * 60_000);
    // Still in the queue until then: a console connecting now sees it, with the absence.
    const late = await attendantSocket(account.attendants.support2.email, support);
    expect(late.all("session.ready")[0]!.chats.find((c) => c.id === first.chat.id)?.customerLeftAt).toBe(left.customerLeftAt);

    await fireAbandon(account, first.chat.id);
    const abandoned = await agent.next("chat.presence", (f) => f.chatId === first.chat.id && f.abandonedAt !== null);
    expect(abandoned.customerLeftAt).toBe(left.customerLeftAt);
    await staying.next("queue.position", (f) => f.position === 1 && f.waiting === 1);
    expect(await d1Chat(first.chat.id)).toMatchObject({ status: "waiting", abandoned_at: abandoned.abandonedAt });
    const fresh = await attendantSocket(account.attendants.support2.email, support);
    expect(fresh.all("session.ready")[0]!.chats.map((c) => c.id)).toEqual([second.chat.id]);
    // An attendant cannot take it while it is out of the queue.
    agent.send({ type: "chat.accept", chatId: first.chat.id });
    await agent.next("error", (f) => f.chatId === first.chat.id);

    // The customer comes back (the widget asks /api/widget/me, then reconnects).
    const me = await json<WidgetMeResponse>(await widgetMe(account.publicKey, first.customerToken));
    expect(me.chat?.id).toBe(first.chat.id);
    const back = await customerSocket(me.ws!);
    const requeued = await agent.next("chat.queued", (f) => f.chat.id === first.chat.id);
    expect(requeued.chat.customerLeftAt).toBeNull();
    await back.next("queue.position", (f) => f.position === 1 && f.waiting === 2);
    await staying.next("queue.position", (f) => f.position === 2 && f.waiting === 2);
    await runInDurableObject(room(account, support), (instance) => instance.syncNow());
    expect(await d1Chat(first.chat.id)).toMatchObject({ status: "waiting", abandoned_at: null });
    expect(await abandonTimer(account, first.chat.id)).toBeNull();
    for (const s of [agent, late, fresh, staying, back]) s.close();
  });

  it("keeps the chat when the customer returns in time, and only shows presence for an active chat", async () => {
    const account = await createAccount("abandon-back");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started = await startChat(account, support);
    const customer = await customerSocket(started.ws);
    const other = await customerSocket(started.ws);
    // The first socket says the customer is on the page; a second tab changes nothing and tells
    // no one, nor does closing one of the two.
    await agent.next("chat.presence", (f) => f.chatId === started.chat.id && f.customerLeftAt === null);
    other.close();
    await settle(customer);
    await settle(agent);
    expect(agent.all("chat.presence").filter((f) => f.chatId === started.chat.id)).toEqual([
      { type: "chat.presence", chatId: started.chat.id, customerLeftAt: null, abandonedAt: null },
    ]);
    // A console that connects now reads the presence in its session.ready.
    const late = await attendantSocket(account.attendants.support1.email, support);
    const lateReady = late.all("session.ready")[0];
    expect(lateReady?.chats.find((c) => c.id === started.chat.id)?.customerLeftAt).toBeNull();
    late.close();

    const before = Date.now();
    customer.close();
    await agent.next("chat.presence", (f) => f.customerLeftAt !== null);
    // The default delay: 10 minutes.
    const timer = await abandonTimer(account, started.chat.id);
    expect(timer!.dueAt - before).toBeGreaterThanOrEqual(10 * 60_000);
    expect(timer!.dueAt - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const again = await customerSocket(started.ws);
    await agent.next("chat.presence", (f) => f.customerLeftAt === null && f.abandonedAt === null);
    expect(await abandonTimer(account, started.chat.id)).toBeNull();
    expect(await d1Chat(started.chat.id)).toMatchObject({ abandoned_at: null });

    agent.send({ type: "chat.accept", chatId: started.chat.id });
    await again.next("chat.accepted");
    again.close();
    await agent.next("chat.presence", (f) => f.customerLeftAt !== null);
    // No abandon for an active chat.
    expect(await abandonTimer(account, started.chat.id)).toBeNull();
    agent.close();
  });

  it("after a restart, counts the customers and attendants who did not reconnect within a minute as gone since the start", async () => {
    const account = await createAccount("abandon-restart");
    await saveAccountSettings(env.DB, account.id, AccountSettings.parse({ policies: { abandonAfterMinutes: 3, offlineGraceSeconds: 120 } }));
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const colleague = await attendantSocket(account.attendants.support2.email, support);
    const waiting = await startChat(account, support, { name: "Esperando" });
    const active = await startChat(account, support, { name: "Atendida" });
    const back = await startChat(account, support, { name: "Voltou" });
    const sockets = await Promise.all([waiting, active, back].map((c) => customerSocket(c.ws)));
    agent.send({ type: "chat.accept", chatId: active.chat.id });
    await sockets[1]!.next("chat.accepted");

    // A deploy: every instance and socket is gone, and no close handler ran.
    await abortAllDurableObjects();
    await Promise.all([agent, colleague, ...sockets].map((s) => s.waitClosed()));
    const started = Date.now();
    const desk = await attendantSocket(account.attendants.support1.email, support);
    const ready = desk.all("session.ready")[0]!;
    expect(ready.chats.map((c) => [c.id, c.customerLeftAt])).toEqual([
      [waiting.chat.id, null],
      [active.chat.id, null],
      [back.chat.id, null],
    ]);
    const check = await runInDurableObject(room(account, support), (instance) => instance.timers.get(RETURN_CHECK, ""));
    const since = (check?.payload as { since: number }).since;
    expect(since).toBeGreaterThanOrEqual(started);
    expect(check?.dueAt).toBe(since + RETURN_WINDOW_MS);

    // One customer comes back in time; the minute passes.
    const me = await json<WidgetMeResponse>(await widgetMe(account.publicKey, back.customerToken));
    const returned = await customerSocket(me.ws!);
    const stub = room(account, support);
    await runInDurableObject(stub, async (_, state) => {
      state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE kind = ?", Date.now() - 1, RETURN_CHECK);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    await desk.next("chat.presence", (f) => f.chatId === waiting.chat.id && f.customerLeftAt === since);
    await desk.next("chat.presence", (f) => f.chatId === active.chat.id && f.customerLeftAt === since);
    await settle(desk);
    expect(desk.all("chat.presence").filter((f) => f.chatId === back.chat.id && f.customerLeftAt !== null)).toEqual([]);
    // The waiting chat's abandon delay counts from the restart; an active chat has none.
    expect((await abandonTimer(account, waiting.chat.id))?.dueAt).toBe(since + 3 * 60_000);
    expect(await abandonTimer(account, active.chat.id)).toBeNull();
    expect(await runInDurableObject(stub, (instance) => instance.timers.get(RETURN_CHECK, ""))).toBeNull();
    // The colleague whose console did not come back gets the grace period from the restart; the one back does not.
    expect((await runInDurableObject(stub, (instance) => instance.timers.get(GRACE, account.attendants.support2.id)))?.dueAt).toBe(since + 120_000);
    expect(await runInDurableObject(stub, (instance) => instance.timers.get(GRACE, account.attendants.support1.id))).toBeNull();
    // A console that connects now reads the same.
    const late = await attendantSocket(account.attendants.support2.email, support);
    expect(late.all("session.ready")[0]!.chats.map((c) => [c.id, c.customerLeftAt])).toEqual([
      [waiting.chat.id, since],
      [active.chat.id, since],
      [back.chat.id, null],
    ]);
    [desk, late, returned].forEach((s) => s.close());
  });

  it("counts a customer whose widget never connected after the form as gone since the chat began", async () => {
    const account = await createAccount("abandon-never-came");
    await saveAccountSettings(env.DB, account.id, AccountSettings.parse({ policies: { abandonAfterMinutes: 3 } }));
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    // The tab closed right after the form was sent: no socket ever opens for this one.
    const never = await startChat(account, support, { name: "Sumiu" });
    const came = await startChat(account, support, { name: "Chegou" });
    const socket = await customerSocket(came.ws);
    await agent.next("chat.presence", (f) => f.chatId === came.chat.id && f.customerLeftAt === null);
    const stub = room(account, support);
    const arrival = (chatId: string) => runInDurableObject(stub, (instance) => instance.timers.get(ARRIVAL, chatId));
    expect((await arrival(never.chat.id))?.dueAt).toBe(never.chat.createdAt + RETURN_WINDOW_MS);
    // The first socket settles it.
    expect(await arrival(came.chat.id)).toBeNull();

    await runInDurableObject(stub, async (_, state) => {
      state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE kind = ?", Date.now() - 1, ARRIVAL);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await agent.next("chat.presence", (f) => f.chatId === never.chat.id && f.customerLeftAt !== null);
    expect(left.customerLeftAt).toBe(never.chat.createdAt);
    expect((await abandonTimer(account, never.chat.id))?.dueAt).toBe(never.chat.createdAt + 3 * 60_000);
    await settle(agent);
    expect(agent.all("chat.presence").filter((f) => f.chatId === came.chat.id && f.customerLeftAt !== null)).toEqual([]);

    // Their widget connects after all (a slow phone): on the site again, the abandon timer gone.
    const late = await customerSocket(never.ws);
    await agent.next("chat.presence", (f) => f.chatId === never.chat.id && f.customerLeftAt === null);
    expect(await abandonTimer(account, never.chat.id)).toBeNull();
    [agent, socket, late].forEach((s) => s.close());
  });
});
