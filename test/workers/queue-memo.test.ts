import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { queuePositionOf } from "../../durable-objects/queue-position";
import { attendantSocket, createAccount, room, startChat } from "./helpers";

/**
 * A waiting customer's place (durable-objects/queue-position.ts) comes from the queue kept in
 * memory while the room's `queue_version` stays; the version's triggers (room schema 11) move it
 * with every change to the queue, whichever code writes the chat, and not with a message.
 */
describe("queue positions kept in memory", () => {
  it("follow every change to the queue, and a message leaves the queue's version alone", async () => {
    const account = await createAccount("queue-memo");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const [a, b, c] = [await startChat(account, support), await startChat(account, support), await startChat(account, support)];
    const seen = await runInDurableObject(room(account, support), (instance, state) => {
      const place = (id: string) => {
        const frame = queuePositionOf(state, id);
        return frame && `${frame.position}/${frame.waiting}`;
      };
      const version = () => state.storage.sql.exec<{ version: number }>("SELECT version FROM queue_version").one().version;
      const steps: Record<string, unknown> = { start: [place(a.chat.id), place(b.chat.id), place(c.chat.id)] };
      // A message changes the chat's row (last_seq) but not the queue.
      const before = version();
      instance.storage.appendMessage(b.chat.id, { type: "customer", id: null, name: "Maria" }, "ainda aqui", "memo-1", Date.now());
      steps.afterMessage = version() === before;
      instance.storage.accept(a.chat.id, { id: account.attendants.support1.id, name: account.attendants.support1.name }, Date.now());
      steps.afterAccept = [place(a.chat.id), place(b.chat.id), place(c.chat.id)];
      // Written by SQL outside RoomStorage, as customer-presence.ts does: the trigger still sees it.
      state.storage.sql.exec("UPDATE chats SET abandoned_at = ? WHERE id = ?", Date.now(), b.chat.id);
      instance.storage.chats.drop(b.chat.id);
      steps.afterAbandon = [place(b.chat.id), place(c.chat.id)];
      state.storage.sql.exec("UPDATE chats SET abandoned_at = NULL WHERE id = ?", b.chat.id);
      instance.storage.chats.drop(b.chat.id);
      steps.afterReturn = [place(b.chat.id), place(c.chat.id)];
      return steps;
    });
    expect(seen).toEqual({
      start: ["1/3", "2/3", "3/3"],
      afterMessage: true,
      afterAccept: [null, "1/2", "2/2"],
      afterAbandon: [null, "1/1"],
      afterReturn: ["1/2", "2/2"],
    });
    // A new chat joins at the end.
    const d = await startChat(account, support);
    const last = await runInDurableObject(room(account, support), (_, state) => [c.chat.id, d.chat.id].map((id) => queuePositionOf(state, id)?.position));
    expect(last).toEqual([2, 3]);
    agent.close();
  });
});
