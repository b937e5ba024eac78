import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { INACTIVITY, INACTIVITY_CLOSED_MESSAGE } from "../../durable-objects/inactivity";
import { AccountSettings } from "../../worker/settings/schema";
import { saveAccountSettings, saveDepartmentSettings } from "../../worker/settings/store";
import { api, attendantSocket, createAccount, customerSocket, json, login, room, settle, startChat, type TestAccount, type TestSocket } from "./helpers";

/**
 * The inactivity close (policies.inactivityCloseMinutes): the room's `inactivity` timer, fired
 * with runDurableObjectAlarm after moving the chat's clock back (its accept, its messages and the
 * timer itself), so that minutes pass without waiting for them.
 */

type ErrorBody = { error: { code: string; field?: string } };

async function setPolicies(account: TestAccount, policies: Record<string, unknown>) {
  await saveAccountSettings(env.DB, account.id, AccountSettings.parse({ policies }));
}

async function acceptedChat(account: TestAccount) {
  const { support } = account.departments;
  const agent = await attendantSocket(account.attendants.support1.email, support);
  const started = await startChat(account, support, { message: "Meu pedido não chegou" });
  const customer = await customerSocket(started.ws);
  agent.send({ type: "chat.accept", chatId: started.chat.id });
  await customer.next("chat.accepted");
  return { agent, customer, started, chatId: started.chat.id };
}

function inactivityTimer(account: TestAccount, chatId: string) {
  return runInDurableObject(room(account, account.departments.support), (instance) => instance.timers.get(INACTIVITY, chatId));
}

/**
 * `ms` pass for the chat: its accept, its messages and its inactivity timer move back by `ms`
 * (the warning's announced time too), then the room's alarm runs what is due.
 */
async function elapse(account: TestAccount, chatId: string, ms: number) {
  const stub = room(account, account.departments.support);
  await runInDurableObject(stub, async (instance, state) => {
    const sql = state.storage.sql;
    sql.exec("UPDATE chats SET accepted_at = accepted_at - ?, created_at = created_at - ? WHERE id = ?", ms, ms, chatId);
    sql.exec("UPDATE messages SET created_at = created_at - ? WHERE chat_id = ?", ms, chatId);
    // Written behind the room's back: its rows in memory (chat-cache.ts) go.
    instance.storage.chats.drop(chatId);
    const timer = instance.timers.get(INACTIVITY, chatId);
    if (!timer) return;
    const payload = timer.payload as { phase: string; closesAt?: number };
    const moved = payload.closesAt === undefined ? payload : { ...payload, closesAt: payload.closesAt - ms };
    sql.exec("UPDATE timers SET due_at = ?, payload = ? WHERE kind = ? AND key = ?", timer.dueAt - ms, JSON.stringify(moved), INACTIVITY, chatId);
    // A future alarm, run now by the test: a past one would fire on its own, racing the test.
    await state.storage.setAlarm(Date.now() + 60_000);
  });
  expect(await runDurableObjectAlarm(stub)).toBe(true);
}

async function say(socket: TestSocket, chatId: string, clientId: string, body: string) {
  socket.send({ type: "message.send", chatId, clientId, body });
  return (await socket.next("message.created", (f) => f.message.clientId === clientId)).message;
}

describe("the inactivity close", () => {
  it("is off by default: the accept arms one look, which finds the setting off and drops the timer", async () => {
    const account = await createAccount("inactivity-off");
    const before = Date.now();
    const { agent, customer, chatId } = await acceptedChat(account);
    const timer = await inactivityTimer(account, chatId);
    expect(timer?.dueAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(timer?.dueAt).toBeLessThan(Date.now() + 61_000);

    await elapse(account, chatId, 10 * 60_000);
    expect(await inactivityTimer(account, chatId)).toBeNull();
    // The room remembers the setting is off: a customer message arms nothing.
    await say(customer, chatId, "c-1", "ainda aqui");
    expect(await inactivityTimer(account, chatId)).toBeNull();
    await settle(customer);
    await settle(agent);
    expect(customer.all("chat.inactivity_warning")).toEqual([]);
    expect(agent.all("chat.inactivity_warning")).toEqual([]);
    expect((await room(account, account.departments.support).getChat(chatId))?.status).toBe("active");
    agent.close();
    customer.close();
  });

  it("warns the customer and the attendant one minute before, then closes by system with the system message", async () => {
    const account = await createAccount("inactivity-close");
    await setPolicies(account, { inactivityCloseMinutes: 2, surveyEnabled: true });
    const { agent, customer, chatId } = await acceptedChat(account);
    // The first look, a minute after the accept, is the warning of a 2-minute setting.
    await elapse(account, chatId, 60_000);
    const warning = await customer.next("chat.inactivity_warning");
    const accepted = (await room(account, account.departments.support).getChat(chatId))!.acceptedAt!;
    expect(warning).toEqual({ type: "chat.inactivity_warning", chatId, closesAt: expect.any(Number) });
    // Two minutes after the accept, or a full minute after a warning that came late (here by the test's few ms).
    expect(warning.closesAt).toBeGreaterThanOrEqual(accepted + 120_000);
    expect(warning.closesAt).toBeLessThan(accepted + 121_000);
    expect(await agent.next("chat.inactivity_warning")).toEqual(warning);
    expect((await inactivityTimer(account, chatId))?.dueAt).toBe(warning.closesAt);

    await elapse(account, chatId, 60_000);
    const line = await customer.next("message.created");
    expect(line.message).toMatchObject({ author: { type: "system" }, body: INACTIVITY_CLOSED_MESSAGE });
    expect((await customer.next("chat.closed")).chat).toMatchObject({ id: chatId, status: "closed", closedBy: "system" });
    expect((await agent.next("message.created", (f) => f.message.author.type === "system")).message.body).toBe(INACTIVITY_CLOSED_MESSAGE);
    expect((await agent.next("chat.closed")).chat.closedBy).toBe("system");
    expect(await inactivityTimer(account, chatId)).toBeNull();
    // D1 has the close (the room syncs before it tells anyone), so the survey can be answered.
    const row = await env.DB.prepare("SELECT status, closed_by FROM chats WHERE id = ?").bind(chatId).first();
    expect(row).toEqual({ status: "closed", closed_by: "system" });
    const body = await env.DB.prepare("SELECT body FROM chat_messages WHERE chat_id = ? AND author_type = 'system' ORDER BY seq DESC").bind(chatId).first();
    expect(body).toEqual({ body: INACTIVITY_CLOSED_MESSAGE });
    agent.close();
    customer.close();
  });

  it("a customer message after the warning postpones the close; the timer re-arms at the new warning time", async () => {
    const account = await createAccount("inactivity-postpone");
    await setPolicies(account, { inactivityCloseMinutes: 5 });
    const { agent, customer, chatId } = await acceptedChat(account);
    // The first look finds four minutes to go before the warning: it only re-arms.
    await elapse(account, chatId, 60_000);
    const accepted = (await room(account, account.departments.support).getChat(chatId))!.acceptedAt!;
    expect((await inactivityTimer(account, chatId))?.dueAt).toBe(accepted + 4 * 60_000);
    await elapse(account, chatId, 3 * 60_000);
    await customer.next("chat.inactivity_warning");

    const message = await say(customer, chatId, "c-late", "estou aqui!");
    // The message rewrote nothing: the close timer is still set, and finds the customer spoke.
    expect((await inactivityTimer(account, chatId))?.payload).toMatchObject({ phase: "close" });
    await elapse(account, chatId, 60_000);
    const timer = await inactivityTimer(account, chatId);
    expect(timer?.payload).toEqual({ phase: "warn" });
    // Five minutes after the message (moved back a minute by elapse), minus the warning's minute.
    expect(timer?.dueAt).toBe(message.createdAt - 60_000 + 4 * 60_000);
    expect((await room(account, account.departments.support).getChat(chatId))?.status).toBe("active");
    await settle(customer);
    expect(customer.all("chat.closed")).toEqual([]);
    agent.close();
    customer.close();
  });

  it("a setting turned off while a timer is armed: the timer drops it at its firing and the chat stays open", async () => {
    const account = await createAccount("inactivity-turned-off");
    await setPolicies(account, { inactivityCloseMinutes: 2 });
    const { agent, customer, chatId } = await acceptedChat(account);
    await elapse(account, chatId, 60_000);
    await customer.next("chat.inactivity_warning");
    await setPolicies(account, {});
    await elapse(account, chatId, 60_000);
    expect(await inactivityTimer(account, chatId)).toBeNull();
    expect((await room(account, account.departments.support).getChat(chatId))?.status).toBe("active");
    agent.close();
    customer.close();
  });

  it("a close by the attendant or a transfer away cancels the timer", async () => {
    const account = await createAccount("inactivity-cancel");
    await setPolicies(account, { inactivityCloseMinutes: 2 });
    const { agent, customer, chatId } = await acceptedChat(account);
    expect(await inactivityTimer(account, chatId)).not.toBeNull();
    agent.send({ type: "chat.close", chatId });
    await customer.next("chat.closed");
    expect(await inactivityTimer(account, chatId)).toBeNull();
    agent.close();
    customer.close();

    const second = await acceptedChat(account);
    const moved = await room(account, account.departments.support).transferChat(second.chatId, {
      departmentId: account.departments.sales,
      fromDepartmentName: "Suporte",
    });
    expect(moved?.departmentId).toBe(account.departments.sales);
    expect(await inactivityTimer(account, second.chatId)).toBeNull();
    second.agent.close();
    second.customer.close();
  });

  it("survives eviction: the stored timer warns and closes in a new instance", async () => {
    const account = await createAccount("inactivity-evict");
    await setPolicies(account, { inactivityCloseMinutes: 3 });
    const { chatId } = await acceptedChat(account);
    await abortAllDurableObjects();
    expect((await inactivityTimer(account, chatId))?.payload).toEqual({ phase: "warn" });
    await elapse(account, chatId, 60_000);
    await elapse(account, chatId, 60_000);
    expect((await inactivityTimer(account, chatId))?.payload).toMatchObject({ phase: "close" });
    await abortAllDurableObjects();
    await elapse(account, chatId, 60_000);
    const chat = await room(account, account.departments.support).getChat(chatId);
    expect(chat).toMatchObject({ status: "closed", closedBy: "system" });
  });
});

describe("the policies' validation", () => {
  it("PUT /api/settings refuses an inactivity outside 2..1440 and a department routing that is not a mode, changing nothing", async () => {
    const account = await createAccount("inactivity-validation");
    const cookie = await login(account.attendants.admin.email);
    const look = { colors: {}, size: {}, texts: {} };
    for (const value of [1, 1441, 2.5, "10"]) {
      const res = await api("/api/settings", { method: "PUT", cookie, body: { look, policies: { inactivityCloseMinutes: value } } });
      expect(res.status).toBe(400);
      expect((await json<ErrorBody>(res)).error.field).toBe("policies.inactivityCloseMinutes");
    }
    const ok = await api("/api/settings", { method: "PUT", cookie, body: { look, policies: { inactivityCloseMinutes: 1440 } } });
    expect(ok.status).toBe(200);
    const bad = await api(`/api/settings/departments/${account.departments.sales}`, {
      method: "PUT",
      cookie,
      body: { look, policies: { routing: "round-robin" } },
    });
    expect(bad.status).toBe(400);
    expect((await json<ErrorBody>(bad)).error.field).toBe("policies.routing");
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM settings WHERE account_id = ? AND department_id = ?").bind(account.id, account.departments.sales).first();
    expect(row).toEqual({ n: 0 });
  });
});

describe("routing per department", () => {
  it("a department's own routing overrides the account's, both ways", async () => {
    const account = await createAccount("routing-override");
    const { support, sales } = account.departments;
    const look = { colors: {}, size: {}, texts: {} };
    await setPolicies(account, { routing: "manual" });
    await saveDepartmentSettings(env.DB, account.id, support, { look, policies: { routing: "automatic" } });
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started = await startChat(account, support);
    expect((await agent.next("chat.accepted", (f) => f.chat.id === started.chat.id)).chat.attendant?.id).toBe(account.attendants.support1.id);
    agent.close();

    await setPolicies(account, { routing: "automatic" });
    await saveDepartmentSettings(env.DB, account.id, sales, { look, policies: { routing: "manual" } });
    const seller = await attendantSocket(account.attendants.sales.email, sales);
    const waiting = await startChat(account, sales);
    await seller.next("chat.queued", (f) => f.chat.id === waiting.chat.id);
    await settle(seller);
    expect(seller.all("chat.accepted")).toEqual([]);
    seller.close();
  });
});
