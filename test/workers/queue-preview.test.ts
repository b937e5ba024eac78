/**
 * Issue 12, defect 8: a waiting chat carries the start of the customer's first message to
 * attendant sockets (`chat.queued`, `session.ready`), on one line; the customer never gets it.
 */
import { describe, expect, it } from "vitest";
import { attendantSocket, createAccount, customerSocket, startChat, widgetMe, json } from "./helpers";

describe("the queue's preview of the first message", () => {
  it("reaches attendants on chat.queued and session.ready, never the customer", async () => {
    const account = await createAccount("queue-preview");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const long = `Meu pedido\n  não chegou. ${"x".repeat(200)}`;
    const started = await startChat(account, support, { message: long });
    const queued = await agent.next("chat.queued", (f) => f.chat.id === started.chat.id);
    const expected = `Meu pedido\n não chegou. ${"x".repeat(200)}`.replace(/\s+/g, " ").slice(0, 140);
    expect(queued.chat.preview).toBe(expected);
    expect(started.chat.preview).toBeUndefined();

    const later = await attendantSocket(account.attendants.support2.email, support);
    const ready = later.all("session.ready")[0]!;
    expect(ready.chats.find((c) => c.id === started.chat.id)?.preview).toBe(expected);

    const customer = await customerSocket(started.ws);
    const own = customer.all("session.ready")[0] ?? (await customer.next("session.ready"));
    expect(own.chats[0]?.preview).toBeUndefined();
    expect((await json(await widgetMe(account.publicKey, started.customerToken))).chat.preview).toBeUndefined();
    for (const s of [agent, later, customer]) s.close();
  });
});
