import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openAcceptedChat, room, startChat, type TestAccount } from "./helpers";
import type { ChatRow } from "../../durable-objects/room-storage";
import { consoleChats } from "../../durable-objects/console-chats";
import { withPreview } from "../../durable-objects/chat-preview";
import { presenceOf } from "../../durable-objects/customer-presence";
import { labelsByChat, setChatLabels } from "../../durable-objects/room-labels";
import { toWireChat } from "../../durable-objects/wire";

/**
 * The message path with the chat rows in memory (durable-objects/chat-cache.ts): one INSERT and
 * one UPDATE per message, the seq taken from memory. What it must keep: a resent clientId stores
 * nothing new, seqs stay consecutive, the delivered mark is stored with the message, and the row
 * in memory is the row in SQLite after every kind of write.
 */
async function rows(account: TestAccount, chatId: string) {
  return runInDurableObject(room(account, account.departments.support), (instance, state) => ({
    memory: instance.storage.chat(chatId),
    sqlite: state.storage.sql.exec<ChatRow>("SELECT * FROM chats WHERE id = ?", chatId).one(),
    stored: state.storage.sql.exec<{ seq: number; client_id: string | null }>("SELECT seq, client_id FROM messages WHERE chat_id = ? ORDER BY seq", chatId).toArray(),
  }));
}

describe("the room's message path", () => {
  it("a resent clientId is acknowledged with the first copy and stored once; the next message takes the next seq", async () => {
    const { account, agent, customer, chatId } = await openAcceptedChat("hot-resend");
    customer.send({ type: "message.send", chatId, clientId: "c-1", body: "Primeira" });
    const first = (await customer.next("message.created", (f) => f.message.clientId === "c-1")).message;
    customer.send({ type: "message.send", chatId, clientId: "c-1", body: "Primeira (de novo)" });
    const again = (await customer.next("message.created", (f) => f.message.clientId === "c-1")).message;
    expect(again).toEqual(first);
    customer.send({ type: "message.send", chatId, clientId: "c-2", body: "Segunda" });
    const second = (await customer.next("message.created", (f) => f.message.clientId === "c-2")).message;
    expect(second.seq).toBe(first.seq + 1);

    await agent.next("message.created", (f) => f.message.clientId === "c-2");
    // The attendant received c-1 once: the resend delivered nothing new.
    expect(agent.all("message.created").filter((f) => f.message.clientId === "c-1")).toHaveLength(1);
    const { memory, sqlite, stored } = await rows(account, chatId);
    expect(stored.filter((m) => m.client_id === "c-1")).toHaveLength(1);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    expect(memory).toEqual(sqlite);
    expect(sqlite.last_seq).toBe(second.seq);
    [agent, customer].forEach((s) => s.close());
  });

  it("stores the other side's delivered mark with the message, tells the author, and the row in memory follows reads, closes and a customer who leaves", async () => {
    const { account, agent, customer, chatId } = await openAcceptedChat("hot-marks");
    customer.send({ type: "message.send", chatId, clientId: "c-1", body: "Oi" });
    const sent = (await customer.next("message.created", (f) => f.message.clientId === "c-1")).message;
    const status = await customer.next("message.status", (f) => f.chatId === chatId && f.deliveredSeq === sent.seq);
    expect(status.side).toBe("customer");
    let now = await rows(account, chatId);
    expect(now.sqlite.attendant_delivered_seq).toBe(sent.seq);
    expect(now.memory).toEqual(now.sqlite);

    // With the customer away, the attendant's message is stored without a customer delivered mark.
    customer.close();
    await customer.waitClosed().catch(() => null);
    agent.send({ type: "message.send", chatId, clientId: "a-1", body: "Ainda aí?" });
    const reply = (await agent.next("message.created", (f) => f.message.clientId === "a-1")).message;
    now = await rows(account, chatId);
    expect(now.sqlite.customer_delivered_seq).toBeLessThan(reply.seq);
    expect(now.sqlite.customer_left_at).not.toBeNull();
    expect(now.memory).toEqual(now.sqlite);

    agent.send({ type: "message.read", chatId, seq: sent.seq });
    agent.send({ type: "chat.close", chatId });
    await agent.next("chat.closed");
    now = await rows(account, chatId);
    expect(now.sqlite.status).toBe("closed");
    expect(now.sqlite.attendant_read_seq).toBe(sent.seq);
    expect(now.memory).toEqual(now.sqlite);
    agent.close();
  });
});

describe("frames that arrive together (durable-objects/shared-turn.ts)", () => {
  it("a burst of messages followed at once by a close is stored whole, delivered in the order stored, with time-ordered ids", async () => {
    const { account, agent, customer, chatId } = await openAcceptedChat("hot-burst");
    const before = Date.now();
    // Under the customer allowance (a burst of 30).
    const clientIds = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    for (const clientId of clientIds) customer.send({ type: "message.send", chatId, clientId, body: `Mensagem ${clientId}` });
    // The close comes after the frames: the room handles it after them, so none is dropped.
    customer.close();
    for (const clientId of clientIds) await agent.next("message.created", (f) => f.message.clientId === clientId);

    const stored = await runInDurableObject(room(account, account.departments.support), (_, state) =>
      state.storage.sql
        .exec<{ seq: number; id: string; client_id: string }>("SELECT seq, id, client_id FROM messages WHERE chat_id = ? AND client_id LIKE 'burst-%' ORDER BY seq", chatId)
        .toArray(),
    );
    // (The test runner's socket may hand the room two back-to-back frames swapped, which a
    // socket from outside the runner does not: the order sent is not asserted here.)
    expect(stored.map((m) => m.client_id).sort()).toEqual([...clientIds].sort());
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => stored[0]!.seq + i));
    // The attendant got them in the order they were stored.
    const received = agent.all("message.created").filter((f) => f.message.clientId?.startsWith("burst-"));
    expect(received.map((f) => f.message.seq)).toEqual(stored.map((m) => m.seq));
    // UUIDv7: the first 48 bits are the time the message was stored.
    for (const { id } of stored) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const ms = parseInt(id.replace("-", "").slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before - 1000);
      expect(ms).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(new Set(stored.map((m) => m.id)).size).toBe(stored.length);
    agent.close();
  });
});

describe("the open chats an attendant's session.ready lists (durable-objects/sql-rows.ts)", () => {
  it("are the rows SQLite holds, with their nulls and numbers, oldest first", async () => {
    const { account, agent, customer, chatId } = await openAcceptedChat("hot-open-rows");
    const waiting = await startChat(account, account.departments.support);
    const [listed, stored] = await runInDurableObject(room(account, account.departments.support), (instance, state) => [
      instance.storage.openChats(),
      state.storage.sql.exec<ChatRow>("SELECT * FROM chats WHERE status != 'closed' ORDER BY created_at").toArray(),
    ]);
    expect(listed).toEqual(stored);
    expect(listed.map((c) => c.id)).toEqual([chatId, waiting.chat.id]);
    expect(listed[1]!.attendant_id).toBeNull();
    expect(typeof listed[0]!.last_seq).toBe("number");
    [agent, customer].forEach((s) => s.close());
  });
});

describe("the open chats an attendant's session.ready lists (durable-objects/console-chats.ts)", () => {
  it("are every open chat not abandoned, oldest first, as the wire chat with labels, presence and preview built row by row", async () => {
    const { account, agent, customer, chatId } = await openAcceptedChat("console-chats");
    const support = account.departments.support;
    const labelled = await startChat(account, support, { message: "Quero   trocar\no endereço" });
    const left = await startChat(account, support);
    const abandoned = await startChat(account, support);
    const closed = await startChat(account, support);
    const { listed, reference } = await runInDurableObject(room(account, support), (instance, state) => {
      const { sql } = state.storage;
      setChatLabels(sql, labelled.chat.id, [{ id: "lab-1", name: "Entrega", color: "#112233" }]);
      sql.exec("UPDATE chats SET customer_left_at = 1700000000000 WHERE id = ?", left.chat.id);
      sql.exec("UPDATE chats SET abandoned_at = 1700000000000 WHERE id = ?", abandoned.chat.id);
      instance.storage.chats.clear();
      instance.storage.close(closed.chat.id, "customer", null, Date.now());
      // What the room sent before: whole rows, mapped, then labels, presence and previews added.
      const labels = labelsByChat(sql);
      const rows = sql.exec<ChatRow>("SELECT * FROM chats WHERE status != 'closed' AND abandoned_at IS NULL ORDER BY created_at").toArray();
      return {
        listed: consoleChats(sql),
        reference: rows.map((c) => withPreview(sql, { ...toWireChat(c), labels: labels.get(c.id) ?? [], ...presenceOf(c) })),
      };
    });
    expect(listed).toEqual(reference);
    expect(listed.map((c) => c.id)).toEqual([chatId, labelled.chat.id, left.chat.id]);
    const [active, withLabel, away] = listed;
    expect(active).toMatchObject({ status: "active", attendant: { id: expect.any(String) }, customerLeftAt: null, labels: [] });
    expect(active!.preview).toBeUndefined();
    expect(withLabel).toMatchObject({ status: "waiting", attendant: null, preview: "Quero trocar o endereço", labels: [{ id: "lab-1", name: "Entrega", color: "#112233" }] });
    expect(away).toMatchObject({ customerLeftAt: 1_700_000_000_000 });
    [agent, customer].forEach((s) => s.close());
  });
});
