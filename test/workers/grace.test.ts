import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { GRACE } from "../../durable-objects/grace";
import { departmentRoom } from "../../worker/access";
import { saveAccountSettings } from "../../worker/settings/store";
import type { WidgetConfigResponse } from "../../worker/views";
import { api, attendantSocket, createAccount, customerSocket, json, login, settle, startChat, type TestAccount } from "./helpers";

async function chatStatus(attendantId: string) {
  const row = await env.DB.prepare("SELECT chat_status FROM attendants WHERE id = ?").bind(attendantId).first<{ chat_status: string }>();
  return row!.chat_status;
}

async function online(account: TestAccount, departmentId: string) {
  const res = await api(`/api/widget/config?account=${account.publicKey}&department=${departmentId}`);
  return (await json<WidgetConfigResponse>(res)).departments[0]!.online;
}

/** The attendant's grace timer in the room, read through the room's storage. */
function graceTimer(account: TestAccount, departmentId: string, attendantId: string) {
  return runInDurableObject(departmentRoom(env, account.id, departmentId), (instance) => instance.timers.get(GRACE, attendantId));
}

/** Makes the grace timer due (its due_at in the past, as after the wait) and fires the room's alarm. */
async function expireGrace(account: TestAccount, departmentId: string, attendantId: string) {
  await runInDurableObject(departmentRoom(env, account.id, departmentId), async (instance, state) => {
    state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE kind = ? AND key = ?", Date.now() - 1, GRACE, attendantId);
    await instance.alarm();
  });
}

/** Waits until the room has handled the close of a socket (webSocketClose arms the timer after a D1 read). */
async function waitForGrace(account: TestAccount, departmentId: string, attendantId: string) {
  for (let i = 0; i < 100; i++) {
    const timer = await graceTimer(account, departmentId, attendantId);
    if (timer) return timer;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("no grace timer was set");
}

describe("the grace period after an attendant's last socket closed", () => {
  it("expires: offline in D1 and in the room, the department offline, their active chat stays active and writable", async () => {
    const account = await createAccount("grace-expired");
    const manager = account.attendants.manager;
    // The manager attends Suporte; the administrator's sockets elsewhere play no part.
    const agent = await attendantSocket(manager.email, account.departments.support);
    // The administrator watches Suporte (the console's "Atendentes" list) without attending it.
    const watcher = await attendantSocket(account.attendants.admin.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    const customer = await customerSocket(started.ws);
    agent.send({ type: "chat.accept", chatId: started.chat.id });
    await agent.next("chat.accepted");
    const before = Date.now();
    agent.close();
    const timer = await waitForGrace(account, account.departments.support, manager.id);
    // The default: 60 s after the close.
    expect(timer.dueAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(timer.dueAt).toBeLessThan(Date.now() + 61_000);
    expect(await chatStatus(manager.id)).toBe("online");

    await expireGrace(account, account.departments.support, manager.id);
    // Gone from the live list since the close, so the change is told apart.
    expect(await watcher.next("attendant.changed")).toEqual({ type: "attendant.changed", attendantId: manager.id, status: "offline" });
    expect(await chatStatus(manager.id)).toBe("offline");
    expect(await graceTimer(account, account.departments.support, manager.id)).toBeNull();
    expect(await online(account, account.departments.support)).toBe(false);
    expect((await stubPresence(account, manager.id))?.status).toBe("offline");
    expect((await departmentRoom(env, account.id, account.departments.support).getChat(started.chat.id))!.status).toBe("active");
    customer.send({ type: "message.send", chatId: started.chat.id, clientId: "c-after", body: "ainda aí?" });
    await customer.next("message.created", (f) => f.message.clientId === "c-after");
    customer.close();
    watcher.close();
  });

  it("sets them offline in their other rooms too: a department they still hold a socket in goes offline", async () => {
    const account = await createAccount("grace-everywhere");
    const admin = account.attendants.admin;
    const cookie = await login(admin.email);
    // The administrator attends both departments (the helper's account gives them none to attend).
    await env.DB.batch(
      [account.departments.support, account.departments.sales].map((d) =>
        env.DB.prepare("INSERT INTO attendant_departments (account_id, attendant_id, department_id, attends, manages) VALUES (?, ?, ?, 1, 0)").bind(account.id, admin.id, d),
      ),
    );
    const inSales = await attendantSocket(admin.email, account.departments.sales, cookie);
    const inSupport = await attendantSocket(admin.email, account.departments.support, cookie);
    expect(await online(account, account.departments.sales)).toBe(true);
    inSupport.close();
    await waitForGrace(account, account.departments.support, admin.id);

    await expireGrace(account, account.departments.support, admin.id);
    expect(await inSales.next("attendant.status")).toEqual({ type: "attendant.status", status: "offline", reason: "grace_expired", at: expect.any(Number) });
    await inSales.next("presence.changed", (f) => !f.online);
    expect(await online(account, account.departments.sales)).toBe(false);
    // Listed in Vendas (its socket is open there), so presence.changed told it: no attendant.changed.
    await settle(inSales);
    expect(inSales.all("attendant.changed")).toEqual([]);
    expect(await chatStatus(admin.id)).toBe("offline");
    inSales.close();
  });

  it("a socket of theirs that opens before the timer cancels it, and the account's offlineGraceSeconds sets the wait", async () => {
    const account = await createAccount("grace-back");
    await saveAccountSettings(env.DB, account.id, { look: { colors: {}, size: {}, texts: {} }, policies: { offlineGraceSeconds: 15 } });
    const sales = account.attendants.sales;
    const first = await attendantSocket(sales.email, account.departments.sales);
    const before = Date.now();
    first.close();
    const timer = await waitForGrace(account, account.departments.sales, sales.id);
    expect(timer.dueAt).toBeGreaterThanOrEqual(before + 15_000);
    expect(timer.dueAt).toBeLessThan(Date.now() + 16_000);

    const again = await attendantSocket(sales.email, account.departments.sales);
    expect(await graceTimer(account, account.departments.sales, sales.id)).toBeNull();
    // Even a timer left over (set again behind the room's back) finds them back and changes nothing.
    await runInDurableObject(departmentRoom(env, account.id, account.departments.sales), (instance) => instance.timers.set(GRACE, sales.id, Date.now()));
    await expireGrace(account, account.departments.sales, sales.id);
    await settle(again);
    expect(again.all("attendant.status")).toEqual([]);
    expect(await chatStatus(sales.id)).toBe("online");
    expect(await online(account, account.departments.sales)).toBe(true);
    again.close();
  });

  it("a socket closing while another of theirs stays open sets no timer", async () => {
    const account = await createAccount("grace-two-tabs");
    const sales = account.attendants.sales;
    const cookie = await login(sales.email);
    const tab1 = await attendantSocket(sales.email, account.departments.sales, cookie);
    const tab2 = await attendantSocket(sales.email, account.departments.sales, cookie);
    tab1.close();
    // The room answers the close only after webSocketClose has decided about the timer.
    expect(await tab1.waitClosed()).not.toBeNull();
    expect(await graceTimer(account, account.departments.sales, sales.id)).toBeNull();
    tab2.close();
  });
});

async function stubPresence(account: TestAccount, attendantId: string) {
  return runInDurableObject(departmentRoom(env, account.id, account.departments.support), (instance) =>
    instance.storage.presence().find((a) => a.id === attendantId),
  );
}
