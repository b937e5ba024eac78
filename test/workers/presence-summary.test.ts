/**
 * Presence has one source, the department room, and the widget's config poll reads the summary
 * rooms keep in D1 instead of waking them: a change is in D1 before the event that caused it
 * answers, and a poll after the first asks no room.
 */
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { RETURN_CHECK } from "../../durable-objects/customer-presence";
import type { WidgetConfigResponse } from "../../worker/views";
import { api, attendantSocket, count, createAccount, json, login, room, type TestAccount } from "./helpers";

async function poll(account: TestAccount) {
  const res = await api(`/api/widget/config?account=${account.publicKey}`);
  expect(res.status).toBe(200);
  const rooms = Number(/rooms;desc="(\d+)"/.exec(res.headers.get("server-timing") ?? "")?.[1]);
  const body = await json<WidgetConfigResponse>(res);
  return { rooms, online: Object.fromEntries(body.departments.map((d) => [d.id, d.online])) };
}

const summaryRows = (account: TestAccount, online: number) =>
  count("SELECT COUNT(*) AS n FROM department_presence WHERE account_id = ? AND online = ?", account.id, online);

describe("the presence summary", () => {
  it("asks each room once, then answers from D1 while rooms publish every change", async () => {
    const account = await createAccount("summary");
    const { support, sales } = account.departments;

    // Never published: both rooms are asked once, and publish what they said.
    expect(await poll(account)).toEqual({ rooms: 2, online: { [support]: false, [sales]: false } });
    expect(await summaryRows(account, 0)).toBe(2);
    expect(await poll(account)).toEqual({ rooms: 0, online: { [support]: false, [sales]: false } });

    // An attendant's socket makes Suporte online: in D1 before the socket is ready.
    const agent = await attendantSocket(account.attendants.support1.email, support);
    expect(await poll(account)).toEqual({ rooms: 0, online: { [support]: true, [sales]: false } });

    // Choosing offline, and back: each answer is in D1 when PUT /api/me/status returns.
    const cookie = await login(account.attendants.support1.email);
    await api("/api/me/status", { method: "PUT", cookie, body: { status: "offline" } });
    expect(await poll(account)).toEqual({ rooms: 0, online: { [support]: false, [sales]: false } });
    await api("/api/me/status", { method: "PUT", cookie, body: { status: "online" } });
    expect(await poll(account)).toEqual({ rooms: 0, online: { [support]: true, [sales]: false } });

    // The last socket closes: offline again.
    agent.close();
    await expect.poll(async () => (await poll(account)).online[support]).toBe(false);
    expect((await poll(account)).rooms).toBe(0);
  });

  it("after a restart, a department nobody came back to is published offline by the return check", async () => {
    const account = await createAccount("summary-restart");
    const { sales } = account.departments;
    const seller = await attendantSocket(account.attendants.sales.email, sales);
    expect((await poll(account)).online[sales]).toBe(true);

    // A deploy drops the socket without its close handler; the seller does not come back.
    await abortAllDurableObjects();
    await seller.waitClosed();
    const stub = room(account, sales);
    expect((await stub.presence()).online).toBe(false);
    // For the return window the summary still says what the room published before.
    expect((await poll(account)).online[sales]).toBe(true);
    await runInDurableObject(stub, async (_, state) => {
      state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE kind = ?", Date.now() - 1, RETURN_CHECK);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await poll(account)).toEqual({ rooms: 0, online: { [account.departments.support]: false, [sales]: false } });
  });

  it("after a restart, also corrects a summary left online by a room whose attendants are all offline", async () => {
    const account = await createAccount("summary-leftover");
    const { sales } = account.departments;
    const seller = await attendantSocket(account.attendants.sales.email, sales);
    expect((await poll(account)).online[sales]).toBe(true);
    // As an earlier version left it: the status went offline with no socket, and nothing was published.
    await runInDurableObject(room(account, sales), (_, state) => void state.storage.sql.exec("UPDATE presence SET status = 'offline'"));
    await abortAllDurableObjects();
    await seller.waitClosed();
    const stub = room(account, sales);
    expect((await stub.presence()).online).toBe(false);
    await runInDurableObject(stub, async (_, state) => {
      state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE kind = ?", Date.now() - 1, RETURN_CHECK);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await poll(account)).online[sales]).toBe(false);
  });

  it("an administrator who attends no department does not make any online", async () => {
    const account = await createAccount("supervisor");
    const { support } = account.departments;
    const admin = await attendantSocket(account.attendants.admin.email, support);
    expect((await poll(account)).online[support]).toBe(false);
    admin.close();
  });
});
