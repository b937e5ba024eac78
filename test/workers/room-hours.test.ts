import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HOURS, readHours, writeHours } from "../../durable-objects/room-hours";
import { SHIFT_END } from "../../durable-objects/shift-end";
import { departmentRoom } from "../../worker/access";
import { isoDate, wallClock } from "../../worker/hours/zone";
import type { WidgetConfigResponse } from "../../worker/views";
import type { ShiftResponse } from "../../worker/views-hours";
import { api, attendantSocket, createAccount, customerSocket, expectError, json, login, startChat, type TestAccount } from "./helpers";

const ZONE = "America/Sao_Paulo";

/** A shift closed now: one hour on the weekday three days from today. */
function closedNow() {
  const day = (wallClock(Date.now(), ZONE).weekday + 3) % 7;
  return { intervals: [{ day, start: "09:00", end: "10:00" }], exceptions: [] };
}

/** A shift open all of today (a special opening), closed on every other day. */
function openToday() {
  return { intervals: [], exceptions: [{ date: isoDate(wallClock(Date.now(), ZONE)), closed: false, start: "00:00", end: "24:00" }] };
}

async function createShift(cookie: string, scope: string, hours: object) {
  const res = await api("/api/shifts", { cookie, body: { name: "Turno", scope, ...hours } });
  expect(res.status).toBe(201);
  return (await json<ShiftResponse>(res)).shift;
}

async function config(account: TestAccount, departmentId: string) {
  const res = await api(`/api/widget/config?account=${account.publicKey}&department=${departmentId}`);
  return (await json<WidgetConfigResponse>(res)).departments[0]!;
}

describe("a department outside its hours", () => {
  it("is offline with an attendant online: the config says when it opens and admission is refused with department_closed", async () => {
    const account = await createAccount("hours-closed");
    const admin = await login(account.attendants.admin.email);
    await createShift(admin, account.departments.sales, closedNow());
    const agent = await attendantSocket(account.attendants.sales.email, account.departments.sales);
    const ready = agent.frames[0]!;
    expect(ready).toMatchObject({ type: "session.ready", online: false, opensAt: expect.any(Number) });
    const sales = await config(account, account.departments.sales);
    expect(sales.online).toBe(false);
    expect(sales.opensAt).toBeGreaterThan(Date.now());
    const refused = await api("/api/widget/chats", {
      body: { account: account.publicKey, departmentId: account.departments.sales, name: "Ana", email: "ana@example.com", message: "Oi" },
    });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.code).toBe("department_closed");
    // Suporte has no shifts: still open with its attendant online.
    await attendantSocket(account.attendants.support1.email, account.departments.support);
    expect((await config(account, account.departments.support)).online).toBe(true);
    agent.close();
  });

  it("at the boundary the hours timer flips presence and tells a connected customer when it opens", async () => {
    const account = await createAccount("hours-boundary");
    const admin = await login(account.attendants.admin.email);
    await createShift(admin, account.departments.sales, openToday());
    const agent = await attendantSocket(account.attendants.sales.email, account.departments.sales);
    const started = await startChat(account, account.departments.sales);
    const customer = await customerSocket(started.ws);
    const stub = departmentRoom(env, account.id, account.departments.sales);
    // The time passes: the room's hours now say closed (as they will at the boundary), and the timer is due.
    await runInDurableObject(stub, async (instance, state) => {
      writeHours(state.storage.sql, { timeZone: ZONE, shifts: [closedNow()] }, Date.now());
      instance.timers.set(HOURS, "", Date.now());
      await instance.alarm();
    });
    const changed = await customer.next("presence.changed", (f) => !f.online);
    expect(changed).toEqual({ type: "presence.changed", attendants: [], online: false, opensAt: expect.any(Number) });
    const rearmed = await runInDurableObject(stub, (instance) => instance.timers.get(HOURS, ""));
    expect(rearmed!.dueAt).toBeGreaterThan(Date.now());
    agent.close();
    customer.close();
  });

  it("a room never told its hours loads them from D1, and its hours timer survives eviction", async () => {
    const account = await createAccount("hours-evict");
    await env.DB.prepare("INSERT INTO shifts (id, account_id, department_id, name, intervals, exceptions, created_at, updated_at) VALUES (?, ?, NULL, 'Geral', ?, '[]', 0, 0)")
      .bind(crypto.randomUUID(), account.id, JSON.stringify(closedNow().intervals))
      .run();
    const stub = departmentRoom(env, account.id, account.departments.support);
    const presence = await stub.presence({ accountId: account.id, departmentId: account.departments.support });
    expect(presence).toMatchObject({ online: false, opensAt: expect.any(Number) });
    const due = await runInDurableObject(stub, (instance) => instance.timers.get(HOURS, "")!.dueAt);
    await abortAllDurableObjects();
    const again = departmentRoom(env, account.id, account.departments.support);
    const after = await runInDurableObject(again, async (instance, state) => {
      const kept = instance.timers.get(HOURS, "")!.dueAt;
      instance.timers.set(HOURS, "", Date.now());
      await instance.alarm();
      return { kept, hours: readHours(state.storage.sql), next: instance.timers.get(HOURS, "")!.dueAt };
    });
    expect(after.kept).toBe(due);
    expect(after.hours!.shifts).toHaveLength(1);
    expect(after.next).toBe(due);
  });
});

describe("an attendant's shift", () => {
  it("PUT /api/me/status online answers 409 outside_shift with opensAt outside their shift", async () => {
    const account = await createAccount("hours-me");
    const admin = await login(account.attendants.admin.email);
    const shift = await createShift(admin, "account", closedNow());
    await env.DB.prepare("UPDATE shifts SET department_id = ? WHERE id = ?").bind(account.departments.support, shift.id).run();
    await api(`/api/attendants/${account.attendants.sales.id}`, { method: "PATCH", cookie: admin, body: { shiftId: shift.id } });
    const cookie = await login(account.attendants.sales.email);
    const res = await api("/api/me/status", { method: "PUT", cookie, body: { status: "online" } });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toEqual({ code: "outside_shift", message: expect.any(String), opensAt: expect.any(Number) });
    expect((await api("/api/me/status", { method: "PUT", cookie, body: { status: "offline" } })).status).toBe(200);
    await expectError(await api("/api/me/status", { method: "PUT", cookie: await login(account.attendants.support1.email), body: { status: "bogus" } }), 400);
  });

  it("at its end the attendant goes offline in D1 and in the room, hears attendant.status, and their chat stays active and writable", async () => {
    const account = await createAccount("hours-shift-end");
    const admin = await login(account.attendants.admin.email);
    const shift = await createShift(admin, "account", openToday());
    // Only the attendant follows it: the department has no hours, so the room stays open.
    await env.DB.prepare("UPDATE shifts SET department_id = ? WHERE id = ?").bind(account.departments.support, shift.id).run();
    await api(`/api/attendants/${account.attendants.sales.id}`, { method: "PATCH", cookie: admin, body: { shiftId: shift.id } });
    const agent = await attendantSocket(account.attendants.sales.email, account.departments.sales);
    const started = await startChat(account, account.departments.sales);
    const customer = await customerSocket(started.ws);
    agent.send({ type: "chat.accept", chatId: started.chat.id });
    await agent.next("chat.accepted");
    const stub = departmentRoom(env, account.id, account.departments.sales);
    expect((await runInDurableObject(stub, (instance) => instance.timers.get(SHIFT_END, account.attendants.sales.id)))!.dueAt).toBeGreaterThan(Date.now());
    // Their shift is over now (edited in D1 behind the room's back), and the timer is due.
    await env.DB.prepare("UPDATE shifts SET intervals = ?, exceptions = '[]' WHERE id = ?").bind(JSON.stringify(closedNow().intervals), shift.id).run();
    await runInDurableObject(stub, async (instance) => {
      instance.timers.set(SHIFT_END, account.attendants.sales.id, Date.now());
      await instance.alarm();
    });
    const status = await agent.next("attendant.status");
    expect(status).toEqual({ type: "attendant.status", status: "offline", reason: "shift_ended", at: expect.any(Number) });
    expect(await customer.next("presence.changed", (f) => !f.online)).toMatchObject({ online: false });
    const row = await env.DB.prepare("SELECT chat_status FROM attendants WHERE id = ?").bind(account.attendants.sales.id).first<{ chat_status: string }>();
    expect(row!.chat_status).toBe("offline");
    expect((await stub.getChat(started.chat.id))!.status).toBe("active");
    customer.send({ type: "message.send", chatId: started.chat.id, clientId: "c-after", body: "ainda aí?" });
    await agent.next("message.created", (f) => f.message.clientId === "c-after");
    agent.send({ type: "message.send", chatId: started.chat.id, clientId: "a-after", body: "sim" });
    await customer.next("message.created", (f) => f.message.clientId === "a-after");
    agent.close();
    customer.close();
  });
});
