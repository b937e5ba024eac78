import { describe, expect, it } from "vitest";
import { POSITION_WINDOW_MS } from "../../durable-objects/queue-position";
import { attendantSocket, createAccount, customerSocket, settle, startChat, type TestSocket } from "./helpers";

/**
 * What keeps a room of thousands of customers from sending thousands of frames per event
 * (issue 14, the scale step): queue positions told at most once per window, with the final
 * state, and presence changes that customers cannot see not sent to them.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("queue positions at scale", () => {
  it("a burst of accepts is told to each waiting customer at most twice, ending with its right position", async () => {
    const account = await createAccount("scale-queue");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started: Awaited<ReturnType<typeof startChat>>[] = [];
    const customers: TestSocket[] = [];
    for (let i = 0; i < 6; i++) {
      started.push(await startChat(account, support, { message: `pedido ${i}` }));
      customers.push(await customerSocket(started[i]!.ws));
    }
    const last = customers[5]!;
    // The window of the chats' own changes closes: the last customer is 6th of 6.
    await last.next("queue.position", (f) => f.position === 6 && f.waiting === 6);
    await sleep(POSITION_WINDOW_MS + 100);
    const mark = last.all("queue.position").length;

    for (let i = 0; i < 4; i++) agent.send({ type: "chat.accept", chatId: started[i]!.chat.id });
    for (let i = 0; i < 4; i++) await customers[i]!.next("chat.accepted");
    const final = await last.next("queue.position", (f) => f.waiting === 2);
    expect(final).toEqual({ type: "queue.position", chatId: started[5]!.chat.id, position: 2, waiting: 2 });
    await sleep(POSITION_WINDOW_MS + 100);
    await settle(last);
    const told = last.all("queue.position").slice(mark);
    // Four changes: the first told at once, the other three together at the window's end.
    expect(told.length).toBeLessThanOrEqual(2);
    expect(told.at(-1)).toEqual(final);
    // The 5th is now next in line.
    expect(customers[4]!.all("queue.position").at(-1)).toMatchObject({ position: 1, waiting: 2 });
    [agent, ...customers].forEach((s) => s.close());
  }, 20_000);

  it("a customer connecting while the window is open hears its current position at once", async () => {
    const account = await createAccount("scale-queue-connect");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const a = await startChat(account, support);
    const b = await startChat(account, support);
    const c = await startChat(account, support);
    agent.send({ type: "chat.accept", chatId: a.chat.id });
    await agent.next("chat.accepted");
    const socket = await customerSocket(c.ws);
    expect(await socket.next("queue.position")).toEqual({ type: "queue.position", chatId: c.chat.id, position: 2, waiting: 2 });
    const other = await customerSocket(b.ws);
    expect(await other.next("queue.position")).toEqual({ type: "queue.position", chatId: b.chat.id, position: 1, waiting: 2 });
    [agent, socket, other].forEach((s) => s.close());
  });
});

describe("presence at scale", () => {
  it("an attendant joining or leaving an online department is told to the attendants, not to the customers", async () => {
    const account = await createAccount("scale-presence");
    const { support } = account.departments;
    const first = await attendantSocket(account.attendants.support1.email, support);
    const customer = await customerSocket((await startChat(account, support)).ws);
    const second = await attendantSocket(account.attendants.support2.email, support);
    const joined = await first.next("presence.changed", (f) => f.attendants.some((x) => x.id === account.attendants.support2.id));
    expect(joined.online).toBe(true);
    second.close();
    await first.next("presence.changed", (f) => !f.attendants.some((x) => x.id === account.attendants.support2.id));
    await settle(customer);
    expect(customer.all("presence.changed")).toEqual([]);

    // The department going offline is what customers hear.
    first.close();
    expect(await customer.next("presence.changed")).toEqual({ type: "presence.changed", attendants: [], online: false });
    customer.close();
  });
});
