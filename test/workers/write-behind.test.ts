import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { attendantSocket, createAccount, room, startChat } from "./helpers";

/**
 * The room's write-behind to D1 (durable-objects/d1-sync.ts) with a backlog larger than one
 * batch: it takes the pending messages in the order they were stored, copies every one once,
 * and afterwards nothing is pending. Chats are copied when their state changed.
 */
describe("the room's write-behind to D1", () => {
  it("a backlog of more than one batch (120 messages) across two chats is read in stored order and copied whole", async () => {
    const account = await createAccount("write-behind");
    const { support } = account.departments;
    // Someone online, so that the department takes chats.
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const first = await startChat(account, support);
    const second = await startChat(account, support);
    const stub = room(account, support);

    const pending = await runInDurableObject(stub, async (instance) => {
      await instance.syncNow();
      const at = Date.now();
      const author = { type: "customer" as const, id: "cus-x", name: "Maria" };
      // Interleaved, so stored order differs from the (chat, seq) order.
      for (let i = 0; i < 60; i++) {
        for (const chatId of [second.chat.id, first.chat.id]) {
          instance.storage.appendMessage(chatId, author, `m${i}`, `w-${chatId}-${i}`, at + i);
        }
      }
      const head = instance.storage.unflushedMessages(4).map((m) => [m.chat_id, m.body]);
      return { head, pendingBefore: instance.storage.hasPendingSync() };
    });
    expect(pending.pendingBefore).toBe(true);
    expect(pending.head).toEqual([
      [second.chat.id, "m0"],
      [first.chat.id, "m0"],
      [second.chat.id, "m1"],
      [first.chat.id, "m1"],
    ]);

    const after = await runInDurableObject(stub, async (instance) => {
      const done = await instance.syncNow();
      return { done, pending: instance.storage.hasPendingSync(), left: instance.storage.unflushedMessages(100).length };
    });
    expect(after).toEqual({ done: true, pending: false, left: 0 });
    for (const chat of [first.chat, second.chat]) {
      const copied = await env.DB.prepare("SELECT seq, body FROM chat_messages WHERE chat_id = ? AND body LIKE 'm%' ORDER BY seq")
        .bind(chat.id)
        .all<{ seq: number; body: string }>();
      expect(copied.results.map((m) => m.body)).toEqual(Array.from({ length: 60 }, (_, i) => `m${i}`));
    }
    agent.close();
  });

  it("a chat whose state changed is pending until copied; D1 then has its status", async () => {
    const account = await createAccount("write-behind-chat");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started = await startChat(account, support);
    const stub = room(account, support);
    const seen = await runInDurableObject(stub, async (instance) => {
      await instance.syncNow();
      const before = instance.storage.unsyncedChats(10).length;
      instance.storage.close(started.chat.id, "customer", null, Date.now());
      const changed = instance.storage.unsyncedChats(10).map((c) => c.id);
      const pending = instance.storage.hasPendingSync();
      await instance.syncNow();
      return { before, changed, pending, after: instance.storage.unsyncedChats(10).length, pendingAfter: instance.storage.hasPendingSync() };
    });
    expect(seen).toEqual({ before: 0, changed: [started.chat.id], pending: true, after: 0, pendingAfter: false });
    const row = await env.DB.prepare("SELECT status FROM chats WHERE id = ?").bind(started.chat.id).first<{ status: string }>();
    expect(row?.status).toBe("closed");
    agent.close();
  });
});
