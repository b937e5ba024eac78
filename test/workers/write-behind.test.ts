import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { attendantSocket, createAccount, room, startChat } from "./helpers";
import { chatsUpdate, messagesInsert, type ChatCopy, type MessageCopy } from "../../durable-objects/d1-copy";

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

  it("the sync timer copies a backlog of three rounds from the alarm and leaves nothing pending", async () => {
    const account = await createAccount("write-behind-alarm");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started = await startChat(account, support);
    const stub = room(account, support);
    await runInDurableObject(stub, async (instance, state) => {
      await instance.syncNow();
      const author = { type: "customer" as const, id: "cus-x", name: "Maria" };
      for (let i = 0; i < 250; i++) instance.storage.appendMessage(started.chat.id, author, `b${i}`, `alarm-${i}`, Date.now());
      // The sync timer, due now, written behind the timers' back (Timers.set would arm the alarm
      // in the past, and it would fire on its own, racing the test); a future alarm, run now by
      // the test.
      state.storage.sql.exec(
        "INSERT INTO timers (id, kind, key, due_at) VALUES (?, 'sync', '', ?) ON CONFLICT (kind, key) DO UPDATE SET due_at = excluded.due_at",
        crypto.randomUUID(),
        Date.now() - 1,
      );
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await runInDurableObject(stub, (instance) => ({ pending: instance.storage.hasPendingSync(), timer: instance.timers.get("sync", "") }));
    expect(left).toEqual({ pending: false, timer: null });
    const copied = await env.DB.prepare("SELECT body FROM chat_messages WHERE chat_id = ? ORDER BY seq").bind(started.chat.id).all<{ body: string }>();
    expect(copied.results.map((m) => m.body).filter((b) => /^b\d+$/.test(b))).toEqual(Array.from({ length: 250 }, (_, i) => `b${i}`));
    agent.close();
  });

  it("pauses between rounds when asked (the alarm's copy gives the sockets their turn there), not before the first", async () => {
    const account = await createAccount("write-behind-pause");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started = await startChat(account, support);
    const seen = await runInDurableObject(room(account, support), async (instance) => {
      await instance.syncNow();
      const author = { type: "customer" as const, id: "cus-x", name: "Maria" };
      for (let i = 0; i < 250; i++) instance.storage.appendMessage(started.chat.id, author, `p${i}`, `pause-${i}`, Date.now());
      const pendingAtPause: number[] = [];
      const done = await instance.syncNow(async () => {
        pendingAtPause.push(instance.storage.unflushedMessages(1000).length);
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
      return { done, pendingAtPause };
    });
    // Three rounds of up to 100: a pause after the first and after the second.
    expect(seen).toEqual({ done: true, pendingAtPause: [150, 50] });
    agent.close();
  });
});

/**
 * The round's two statements (durable-objects/d1-copy.ts) carry their rows as one JSON parameter:
 * every value must come back as the column's type, a retried copy must change nothing, and a
 * chat copy must never touch another account's chat or lower `last_seq`.
 */
describe("the write-behind's D1 statements", () => {
  it("copies each message's values as they were, once, and the full-text index finds them", async () => {
    const account = await createAccount("d1-copy-messages");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const { chat } = await startChat(account, support);
    const body = `Olá, "ação" ' \\ {"a":[1]} 🙂\nsegunda linha`;
    const fromCustomer: MessageCopy = { id: `dc-${chat.id}-1`, accountId: account.id, chatId: chat.id, seq: 901, authorType: "customer", authorId: null, authorName: "Zoë", body, createdAt: 1_700_000_000_123, internal: false, attachmentId: null };
    const note: MessageCopy = { id: `dc-${chat.id}-2`, accountId: account.id, chatId: chat.id, seq: 902, authorType: "attendant", authorId: "att-1", authorName: "Ana", body: "nota interna", createdAt: 1_700_000_000_124, internal: true, attachmentId: "att-file-1" };
    await env.DB.batch(messagesInsert(env.DB, [fromCustomer, note]));
    // A retry after a failure the room did not see: ignored by id, even with other values.
    await env.DB.batch(messagesInsert(env.DB, [{ ...fromCustomer, body: "outro" }]));
    const rows = await env.DB.prepare(
      "SELECT id, account_id, chat_id, seq, author_type, author_id, author_name, body, created_at, internal, attachment_id, typeof(seq) AS seq_type FROM chat_messages WHERE chat_id = ? AND seq > 900 ORDER BY seq",
    )
      .bind(chat.id)
      .all();
    expect(rows.results).toEqual([
      { id: fromCustomer.id, account_id: account.id, chat_id: chat.id, seq: 901, author_type: "customer", author_id: null, author_name: "Zoë", body, created_at: 1_700_000_000_123, internal: 0, attachment_id: null, seq_type: "integer" },
      { id: note.id, account_id: account.id, chat_id: chat.id, seq: 902, author_type: "attendant", author_id: "att-1", author_name: "Ana", body: "nota interna", created_at: 1_700_000_000_124, internal: 1, attachment_id: "att-file-1", seq_type: "integer" },
    ]);
    const found = await env.DB.prepare("SELECT m.id FROM chat_messages_fts f JOIN chat_messages m ON m.rowid = f.rowid WHERE chat_messages_fts MATCH 'segunda' AND m.chat_id = ?")
      .bind(chat.id)
      .all<{ id: string }>();
    expect(found.results.map((r) => r.id)).toEqual([fromCustomer.id]);
    expect(messagesInsert(env.DB, [])).toEqual([]);
    agent.close();
  });

  it("updates chats to their latest state, never lowers last_seq, and leaves another account's chat alone", async () => {
    const account = await createAccount("d1-copy-chats");
    const other = await createAccount("d1-copy-chats-other");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const otherAgent = await attendantSocket(other.attendants.support1.email, other.departments.support);
    const { chat } = await startChat(account, account.departments.support);
    const { chat: foreign } = await startChat(other, other.departments.support);
    await runInDurableObject(room(account, account.departments.support), (instance) => instance.syncNow());
    await runInDurableObject(room(other, other.departments.support), (instance) => instance.syncNow());
    const state = (id: string, lastSeq: number): ChatCopy => ({
      id,
      accountId: account.id,
      departmentId: account.departments.support,
      status: "closed",
      attendantId: null,
      acceptedAt: 1_700_000_000_000,
      closedAt: 1_700_000_000_500,
      closedBy: "customer",
      closedByAttendantId: null,
      lastSeq,
      abandonedAt: null,
    });
    await env.DB.batch(chatsUpdate(env.DB, [state(chat.id, 7), state(foreign.id, 7)]));
    // An older copy arriving late: last_seq stays at its highest.
    await env.DB.batch(chatsUpdate(env.DB, [state(chat.id, 3)]));
    const read = (id: string) => env.DB.prepare("SELECT status, accepted_at, closed_at, closed_by, last_seq FROM chats WHERE id = ?").bind(id).first();
    expect(await read(chat.id)).toEqual({ status: "closed", accepted_at: 1_700_000_000_000, closed_at: 1_700_000_000_500, closed_by: "customer", last_seq: 7 });
    expect(await read(foreign.id)).toMatchObject({ status: "waiting", closed_at: null });
    expect(chatsUpdate(env.DB, [])).toEqual([]);
    agent.close();
    otherAgent.close();
  });
});
