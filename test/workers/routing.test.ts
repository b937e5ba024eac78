import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AccountSettings } from "../../worker/settings/schema";
import { saveAccountSettings } from "../../worker/settings/store";
import { attendantSocket, createAccount, customerSocket, room, settle, startChat, type TestAccount, type TestSocket } from "./helpers";

/**
 * The queue's control: live positions for waiting customers, the most chats an attendant holds
 * at once, and automatic routing. Real sockets to the department room throughout.
 */

async function setPolicies(account: TestAccount, policies: Record<string, unknown>) {
  await saveAccountSettings(env.DB, account.id, AccountSettings.parse({ policies }));
}

async function setMaxChats(attendantId: string, maxChats: number | null) {
  await env.DB.prepare("UPDATE attendants SET max_chats = ? WHERE id = ?").bind(maxChats, attendantId).run();
}

/** The latest position a customer socket was told, after a round trip. */
async function lastPosition(socket: TestSocket) {
  await settle(socket);
  return socket.all("queue.position").at(-1);
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("queue position", () => {
  it("a waiting customer hears its position on connect and whenever the queue moves", async () => {
    const account = await createAccount("queue");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started: Awaited<ReturnType<typeof startChat>>[] = [];
    const customers: TestSocket[] = [];
    for (let i = 0; i < 3; i++) {
      started.push(await startChat(account, support, { message: `pedido ${i}` }));
      customers.push(await customerSocket(started[i]!.ws));
    }
    const [first, second, third] = customers as [TestSocket, TestSocket, TestSocket];
    // On connect, right after session.ready.
    expect(first.frames.findIndex((f) => f.type === "queue.position")).toBe(1);
    expect(await first.next("queue.position")).toEqual({ type: "queue.position", chatId: started[0]!.chat.id, position: 1, waiting: 1 });
    expect(await third.next("queue.position")).toEqual({ type: "queue.position", chatId: started[2]!.chat.id, position: 3, waiting: 3 });
    // A later chat does not move earlier ones but they hear the new total (changes within a
    // second are told together at its end: queue-position.ts).
    await first.next("queue.position", (f) => f.position === 1 && f.waiting === 3);
    await second.next("queue.position", (f) => f.position === 2 && f.waiting === 3);

    agent.send({ type: "chat.accept", chatId: started[0]!.chat.id });
    await first.next("chat.accepted");
    expect(await second.next("queue.position", (f) => f.position === 1 && f.waiting === 2)).toMatchObject({ chatId: started[1]!.chat.id });
    await third.next("queue.position", (f) => f.position === 2 && f.waiting === 2);
    const toldFirst = first.all("queue.position").length;

    // A waiting customer gives up: the one behind moves up.
    second.send({ type: "chat.close", chatId: started[1]!.chat.id });
    await second.next("chat.closed");
    await third.next("queue.position", (f) => f.position === 1 && f.waiting === 1);
    expect(await lastPosition(third)).toMatchObject({ position: 1, waiting: 1 });
    // Sockets of chats no longer waiting hear nothing more about the queue.
    await settle(first);
    expect(first.all("queue.position")).toHaveLength(toldFirst);
    [agent, ...customers].forEach((s) => s.close());
  });

  it("attendants never receive queue positions", async () => {
    const account = await createAccount("queue-attendant");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    await customerSocket((await startChat(account, support)).ws);
    await settle(agent);
    expect(agent.all("queue.position")).toEqual([]);
    agent.close();
  });
});

describe("maximum simultaneous chats", () => {
  it("a full attendant's accept is refused with capacity_full; a chat racing in while all are full still waits in the queue", async () => {
    const account = await createAccount("capacity");
    const { support } = account.departments;
    const { support1, support2 } = account.attendants;
    await setPolicies(account, { maxChatsPerAttendant: 1 });
    await setMaxChats(support2.id, 2); // their own limit wins over the account's default
    const a = await attendantSocket(support1.email, support);
    const b = await attendantSocket(support2.email, support);
    const chats: string[] = [];
    for (let i = 0; i < 4; i++) chats.push((await startChat(account, support)).chat.id);

    a.send({ type: "chat.accept", chatId: chats[0]! });
    await a.next("chat.accepted", (f) => f.chat.id === chats[0]);
    a.send({ type: "chat.accept", chatId: chats[1]! });
    expect(await a.next("error", (f) => f.chatId === chats[1])).toMatchObject({ code: "capacity_full" });
    expect((await room(account, support).getChat(chats[1]!))?.status).toBe("waiting");

    b.send({ type: "chat.accept", chatId: chats[1]! });
    await b.next("chat.accepted", (f) => f.chat.id === chats[1]);
    b.send({ type: "chat.accept", chatId: chats[2]! });
    await b.next("chat.accepted", (f) => f.chat.id === chats[2]);
    b.send({ type: "chat.accept", chatId: chats[3]! });
    expect(await b.next("error", (f) => f.chatId === chats[3])).toMatchObject({ code: "capacity_full" });

    // Everyone is full: the department is offline (busy) for new visitors, yet a chat whose
    // form was already sent gets in and waits (availability.test.ts covers the live switch).
    expect(await room(account, support).presence()).toMatchObject({ online: false, busy: true });
    const late = await startChat(account, support);
    expect(late.chat.status).toBe("waiting");

    // A slot freed by a close can be used again.
    a.send({ type: "chat.close", chatId: chats[0]! });
    await a.next("chat.closed", (f) => f.chat.id === chats[0]);
    a.send({ type: "chat.accept", chatId: chats[3]! });
    await a.next("chat.accepted", (f) => f.chat.id === chats[3]);
    [a, b].forEach((s) => s.close());
  });

  it("without a limit anywhere an attendant takes any number of chats", async () => {
    const account = await createAccount("capacity-none");
    const { support } = account.departments;
    const a = await attendantSocket(account.attendants.support1.email, support);
    for (let i = 0; i < 5; i++) {
      const { chat } = await startChat(account, support);
      a.send({ type: "chat.accept", chatId: chat.id });
      await a.next("chat.accepted", (f) => f.chat.id === chat.id);
    }
    await settle(a);
    expect(a.all("error")).toEqual([]);
    a.close();
  });

  it("the settings refuse a limit outside 1..100 and a routing mode that does not exist", () => {
    expect(AccountSettings.safeParse({ policies: { maxChatsPerAttendant: 0 } }).success).toBe(false);
    expect(AccountSettings.safeParse({ policies: { maxChatsPerAttendant: 101 } }).success).toBe(false);
    expect(AccountSettings.safeParse({ policies: { maxChatsPerAttendant: 2.5 } }).success).toBe(false);
    expect(AccountSettings.safeParse({ policies: { routing: "random" } }).success).toBe(false);
    expect(AccountSettings.parse({ policies: { maxChatsPerAttendant: 100, routing: "automatic" } }).policies).toEqual({
      maxChatsPerAttendant: 100,
      routing: "automatic",
    });
  });
});

describe("automatic routing", () => {
  it("a burst of 30 chats with 3 attendants of limit 4: 12 assigned once each, never above a limit, 18 waiting at 1..18", async () => {
    const account = await createAccount("burst");
    const { support } = account.departments;
    const team = [account.attendants.support1, account.attendants.support2, account.attendants.manager];
    await setPolicies(account, { routing: "automatic", maxChatsPerAttendant: 4 });
    const sockets = await Promise.all(team.map((t) => attendantSocket(t.email, support)));
    const [watcher] = sockets as [TestSocket];

    const started = await Promise.all(Array.from({ length: 30 }, (_, i) => startChat(account, support, { message: `burst ${i}` })));
    await waitFor(() => watcher.all("chat.accepted").length >= 12, "12 assignments", 15_000);
    await Promise.all(sockets.map(settle));

    // Every console saw the same 12 assignments, each chat once, in an order that never exceeds a limit.
    for (const socket of sockets) {
      const accepted = socket.all("chat.accepted");
      expect(accepted).toHaveLength(12);
      expect(new Set(accepted.map((f) => f.chat.id)).size).toBe(12);
      const held = new Map<string, number>();
      for (const f of accepted) {
        const id = f.chat.attendant!.id;
        held.set(id, (held.get(id) ?? 0) + 1);
        expect(held.get(id)).toBeLessThanOrEqual(4);
      }
      expect([...held.values()]).toEqual([4, 4, 4]);
    }
    expect(sockets.flatMap((s) => s.all("error"))).toEqual([]);

    // The room agrees: 12 active, 18 waiting (a chat still being written to D1 may be queued after a younger one).
    const rows = await Promise.all(started.map((s) => room(account, support).getChat(s.chat.id)));
    expect(rows.filter((c) => c?.status === "active")).toHaveLength(12);
    const queue = rows.filter((c) => c?.status === "waiting").sort((x, y) => x!.createdAt - y!.createdAt || x!.number - y!.number);
    expect(queue).toHaveLength(18);

    // Each waiting customer is told a distinct place, in the queue's order.
    const waiting = queue.map((c) => c!.id);
    const customers = await Promise.all(waiting.map((id) => customerSocket(started.find((s) => s.chat.id === id)!.ws)));
    const positions = await Promise.all(customers.map(lastPosition));
    expect(positions.map((p) => p?.position)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(positions.every((p) => p?.waiting === 18)).toBe(true);

    // A close frees a slot: the oldest waiting chat goes to that attendant, the rest move up.
    const closing = watcher.all("chat.accepted")[0]!.chat;
    // Its own attendant closes it (a plain attendant may not close a colleague's chat).
    const owner = sockets[team.findIndex((t) => t.id === closing.attendant!.id)]!;
    owner.send({ type: "chat.close", chatId: closing.id });
    // The freed slot is filled after the close's D1 copy and a settings read: give a loaded machine time.
    const next = await customers[0]!.next("chat.accepted", () => true, 10_000);
    expect(next.chat).toMatchObject({ id: waiting[0], attendant: { id: closing.attendant!.id } });
    // Told at the end of the positions' window at the latest (queue-position.ts).
    const moved = await Promise.all(customers.slice(1).map((c) => c.next("queue.position", (f) => f.waiting === 17)));
    expect(moved.map((p) => p?.position)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(moved.every((p) => p?.waiting === 17)).toBe(true);
    [...sockets, ...customers].forEach((s) => s.close());
  }, 30_000);

  it("the least loaded attendant gets the chat; an attendant coming online takes the oldest waiting one", async () => {
    const account = await createAccount("route-online");
    const { support } = account.departments;
    const { support1, support2 } = account.attendants;
    await setPolicies(account, { routing: "automatic" });
    await setMaxChats(support1.id, 2);
    const a = await attendantSocket(support1.email, support);
    const chats: string[] = [];
    for (let i = 0; i < 4; i++) chats.push((await startChat(account, support)).chat.id);
    await waitFor(() => a.all("chat.accepted").length >= 2, "support1's two chats");
    await settle(a);
    expect(a.all("chat.accepted").map((f) => f.chat.id)).toEqual(chats.slice(0, 2));

    // support2 (no limit) connects online: the two waiting chats are theirs, oldest first.
    const b = await attendantSocket(support2.email, support);
    await waitFor(() => b.all("chat.accepted").length >= 2, "support2's chats");
    expect(b.all("chat.accepted").map((f) => [f.chat.id, f.chat.attendant?.id])).toEqual([
      [chats[2], support2.id],
      [chats[3], support2.id],
    ]);
    // Next chat: support1 holds 2 (full), support2 holds 2 too but has no limit.
    const fifth = await startChat(account, support);
    expect((await b.next("chat.accepted", (f) => f.chat.id === fifth.chat.id)).chat.attendant?.id).toBe(support2.id);
    [a, b].forEach((s) => s.close());
  });

  it("in manual mode (the default) nothing is assigned by the room", async () => {
    const account = await createAccount("route-manual");
    const { support } = account.departments;
    const a = await attendantSocket(account.attendants.support1.email, support);
    const { chat } = await startChat(account, support);
    await settle(a);
    expect(a.all("chat.accepted")).toEqual([]);
    expect((await room(account, support).getChat(chat.id))?.status).toBe("waiting");
    a.close();
  });
});
