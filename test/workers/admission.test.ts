/**
 * Admission is decided by the department room: a refused chat leaves nothing in D1, an admitted
 * one is in the room and in D1, whatever the last attendant does at the same moment, and a chat
 * whose admission was cut short by the object dying is removed from D1 by its timer.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, attendantSocket, count, createAccount, room } from "./helpers";

function startBody(publicKey: string, departmentId: string) {
  return { account: publicKey, departmentId, name: "Maria", email: `maria.${crypto.randomUUID()}@example.com`, message: "Olá" };
}

describe("admission in the room", () => {
  it("refuses while nobody attends, and writes nothing", async () => {
    const account = await createAccount("admission-offline");
    const res = await api("/api/widget/chats", { body: startBody(account.publicKey, account.departments.support) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("department_offline");
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", account.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id)).toBe(0);
  });

  it("under a leave race, every chat is either refused with nothing written or admitted in the room and D1", async () => {
    const account = await createAccount("admission-race");
    const { support } = account.departments;
    for (let round = 0; round < 6; round++) {
      const agent = await attendantSocket(account.attendants.support1.email, support);
      const [res] = await Promise.all([
        api("/api/widget/chats", { body: startBody(account.publicKey, support) }),
        Promise.resolve().then(() => agent.close()),
      ]);
      expect([201, 409]).toContain(res.status);
      if (res.status === 201) {
        const { chat } = (await res.json()) as { chat: { id: string } };
        expect(await room(account, support).getChat(chat.id)).not.toBeNull();
        expect(await count("SELECT COUNT(*) AS n FROM chats WHERE id = ?", chat.id)).toBe(1);
      }
      await expect.poll(async () => (await room(account, support).presence()).online).toBe(false);
    }
    // Every chat row in D1 is one the room holds: none is left waiting without a room.
    const rows = await env.DB.prepare("SELECT id FROM chats WHERE account_id = ?").bind(account.id).all<{ id: string }>();
    for (const { id } of rows.results) expect(await room(account, support).getChat(id)).not.toBeNull();
    const customers = await count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id);
    expect(customers).toBe(rows.results.length);
  });

  it("an admission cut short leaves a timer that removes the D1 rows no room holds", async () => {
    const account = await createAccount("admission-orphan");
    const { support } = account.departments;
    const stub = room(account, support);
    await stub.identify({ accountId: account.id, departmentId: support });
    const chatId = crypto.randomUUID();
    const customerId = crypto.randomUUID();
    const now = Date.now();
    // What step 3 of admission writes, as if the object died right after it.
    await env.DB.batch([
      env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, 'Maria', 'm@example.com', ?, ?)").bind(customerId, account.id, now, now),
      env.DB.prepare(
        "INSERT INTO chats (id, account_id, number, department_id, customer_id, status, origin, created_at) VALUES (?, ?, 1, ?, ?, 'waiting', 'widget', ?)",
      ).bind(chatId, account.id, support, customerId, now),
    ]);
    await runInDurableObject(stub, async (instance) => {
      instance.timers.set("admission", chatId, Date.now() - 1, { accountId: account.id, chatId, customerId, customerIsNew: true });
      await instance.alarm();
    });
    expect(await runInDurableObject(stub, (instance) => instance.timers.get("admission", chatId))).toBeNull();
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE id = ?", chatId)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM customers WHERE id = ?", customerId)).toBe(0);
  });
});
