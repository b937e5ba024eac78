import { describe, expect, it } from "vitest";
import { attendantSocket, customerSocket, openAcceptedChat, widgetMe, json, type TestSocket } from "./helpers";
import type { WidgetMeResponse } from "../../worker/views";

/**
 * Sends `count` customer messages and waits until `watcher` received every one of them live
 * (not only the last: frames sent back to back may be handled in either order under the pool).
 */
async function say(customer: TestSocket, watcher: TestSocket, chatId: string, prefix: string, count: number) {
  for (let i = 1; i <= count; i++) customer.send({ type: "message.send", chatId, clientId: `${prefix}-${i}`, body: `${prefix} ${i}` });
  const received = () => watcher.all("message.created").filter((f) => f.message.chatId === chatId && f.message.clientId?.startsWith(`${prefix}-`)).length;
  await watcher.next("message.created", () => received() >= count);
}

const live = (socket: TestSocket, chatId: string) =>
  socket
    .all("message.created")
    .map((f) => f.message)
    .filter((m) => m.chatId === chatId);

describe("resync after a reconnect", () => {
  it("an attendant's new socket gets in chat.history only what it missed, not what it already received live", async () => {
    const { account, support, agent: first, customer, chatId } = await openAcceptedChat("resync-agent");
    await say(customer, first, chatId, "before", 3);
    const had = Math.max(...live(first, chatId).map((m) => m.seq));
    first.close();
    await first.waitClosed().catch(() => null);

    // Missed while away.
    const watcher = await attendantSocket(account.attendants.admin.email, support);
    await say(customer, watcher, chatId, "away", 4);
    // The new socket is up; more arrive live before its sync is handled.
    const again = await attendantSocket(account.attendants.support1.email, support);
    await say(customer, again, chatId, "live", 5);
    const liveSeqs = live(again, chatId).map((m) => m.seq);
    expect(liveSeqs).toHaveLength(5);

    again.send({ type: "chat.sync", chatId, afterSeq: had });
    const page = await again.next("chat.history", (f) => f.chatId === chatId);
    expect(page.hasMore).toBe(false);
    // (Frames sent back to back may be handled in either order under the pool: compare as sets.)
    expect(page.messages.map((m) => m.clientId).sort()).toEqual(["away-1", "away-2", "away-3", "away-4"]);
    // Nothing twice, nothing missing: the history and the live frames make every seq after `had`, once.
    const all = [...page.messages.map((m) => m.seq), ...liveSeqs].sort((a, b) => a - b);
    const last = Math.max(...liveSeqs);
    expect(all).toEqual(Array.from({ length: last - had }, (_, i) => had + 1 + i));
    [watcher, again, customer].forEach((s) => s.close());
  });

  it("a customer's new socket gets the same: the missed messages once, the live ones never again", async () => {
    const { account, agent, customer, started, chatId } = await openAcceptedChat("resync-customer");
    agent.send({ type: "message.send", chatId, clientId: "a-1", body: "Olá" });
    await customer.next("message.created", (f) => f.message.clientId === "a-1");
    const had = Math.max(...live(customer, chatId).map((m) => m.seq));
    customer.close();
    await customer.waitClosed().catch(() => null);
    for (let i = 1; i <= 3; i++) agent.send({ type: "message.send", chatId, clientId: `away-${i}`, body: `away ${i}` });
    await agent.next("message.created", (f) => f.message.clientId === "away-3");

    const me = await json<WidgetMeResponse>(await widgetMe(account.publicKey, started.customerToken));
    const again = await customerSocket(me.ws!);
    for (let i = 1; i <= 2; i++) agent.send({ type: "message.send", chatId, clientId: `live-${i}`, body: `live ${i}` });
    await again.next("message.created", (f) => f.message.clientId === "live-2");
    again.send({ type: "chat.sync", chatId, afterSeq: had });
    const page = await again.next("chat.history", (f) => f.chatId === chatId);
    expect(page.messages.map((m) => m.clientId).sort()).toEqual(["away-1", "away-2", "away-3"]);
    expect(page.hasMore).toBe(false);
    [agent, again].forEach((s) => s.close());
  });

  it("a socket that received nothing live still gets the whole history", async () => {
    const { account, support, agent: first, customer, chatId } = await openAcceptedChat("resync-none");
    await say(customer, first, chatId, "m", 3);
    const fresh = await attendantSocket(account.attendants.admin.email, support);
    fresh.send({ type: "chat.sync", chatId, afterSeq: 0 });
    const page = await fresh.next("chat.history", (f) => f.chatId === chatId);
    expect(page.messages.filter((m) => m.author.type === "customer").map((m) => m.clientId).sort()).toEqual(["m-1", "m-2", "m-3", null]);
    [first, customer, fresh].forEach((s) => s.close());
  });
});
