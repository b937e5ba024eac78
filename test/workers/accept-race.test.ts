import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { attendantSocket, createAccount, customerSocket, errorsAbout, settle, startChat, type TestSocket } from "./helpers";

/**
 * Two attendants press "accept" on the same chat in the same tick. The room handles one frame at
 * a time and the accept is one conditional UPDATE, so exactly one of them may win.
 */
async function race(racers: { name: string; id: string; socket: TestSocket }[], watchers: TestSocket[], chatId: string) {
  for (const r of racers) r.socket.send({ type: "chat.accept", chatId });
  const everyone = [...racers.map((r) => r.socket), ...watchers];
  const accepted = await Promise.all(everyone.map((s) => s.next("chat.accepted", (f) => f.chat.id === chatId)));
  const winnerId = accepted[0]!.chat.attendant?.id;
  for (const frame of accepted) expect(frame.chat.attendant?.id).toBe(winnerId);
  const winner = racers.find((r) => r.id === winnerId);
  expect(winner, "the winner is one of the racers").toBeDefined();
  // The losers' answers prove that every accept has been handled; after that a round trip on
  // each socket delivers anything else those accepts sent (a second chat.accepted, say).
  for (const r of racers) if (r !== winner) expect(await r.socket.next("error", (f) => f.chatId === chatId)).toMatchObject({ code: "chat_taken" });
  await Promise.all(everyone.map(settle));
  for (const r of racers) {
    const errors = errorsAbout(r.socket, chatId).map((e) => e.code);
    expect(errors, `${r.name} ${r === winner ? "won" : "lost"}`).toEqual(r === winner ? [] : ["chat_taken"]);
  }
  for (const s of everyone) expect(s.all("chat.accepted").filter((f) => f.chat.id === chatId)).toHaveLength(1);
  return winner!;
}

describe("two accepts of the same chat at once", () => {
  it("one attendant wins, the other gets chat_taken, everyone sees one chat.accepted, D1 names the winner", async () => {
    const account = await createAccount("race");
    const { support } = account.departments;
    const { support1, support2 } = account.attendants;
    const a = await attendantSocket(support1.email, support);
    const b = await attendantSocket(support2.email, support);
    const manager = await attendantSocket(account.attendants.manager.email, support);

    for (let round = 0; round < 5; round++) {
      const started = await startChat(account, support, { message: `pedido ${round}` });
      const customer = await customerSocket(started.ws);
      // Alternate who sends first, so both orders are exercised.
      const racers = [
        { name: "support1", id: support1.id, socket: a },
        { name: "support2", id: support2.id, socket: b },
      ];
      if (round % 2) racers.reverse();
      const winner = await race(racers, [manager, customer], started.chat.id);

      // Only the winner may write and close; the close writes the chat to D1 first.
      winner.socket.send({ type: "chat.close", chatId: started.chat.id });
      await customer.next("chat.closed");
      const row = await env.DB.prepare("SELECT status, attendant_id, closed_by_attendant_id FROM chats WHERE id = ?").bind(started.chat.id).first();
      expect(row).toEqual({ status: "closed", attendant_id: winner.id, closed_by_attendant_id: winner.id });
      customer.close();
    }
    [a, b, manager].forEach((s) => s.close());
  });

  it("an attendant racing a manager: the loser gets chat_taken whichever of them it is", async () => {
    const account = await createAccount("race-manager");
    const { support } = account.departments;
    const { support1, manager } = account.attendants;
    const a = await attendantSocket(support1.email, support);
    const m = await attendantSocket(manager.email, support);

    for (let round = 0; round < 4; round++) {
      const started = await startChat(account, support);
      const customer = await customerSocket(started.ws);
      const racers = [
        { name: "support1", id: support1.id, socket: a },
        { name: "manager", id: manager.id, socket: m },
      ];
      if (round % 2) racers.reverse();
      const winner = await race(racers, [customer], started.chat.id);
      customer.send({ type: "chat.close", chatId: started.chat.id });
      await customer.next("chat.closed");
      const row = await env.DB.prepare("SELECT attendant_id FROM chats WHERE id = ?").bind(started.chat.id).first();
      expect(row).toEqual({ attendant_id: winner.id });
      customer.close();
    }
    [a, m].forEach((s) => s.close());
  });

  it("accepting a chat that is already active answers chat_taken and leaves it with its attendant", async () => {
    const account = await createAccount("race-late");
    const { support } = account.departments;
    const a = await attendantSocket(account.attendants.support1.email, support);
    const b = await attendantSocket(account.attendants.support2.email, support);
    const started = await startChat(account, support);
    a.send({ type: "chat.accept", chatId: started.chat.id });
    await b.next("chat.accepted");
    b.send({ type: "chat.accept", chatId: started.chat.id });
    expect(await b.next("error")).toMatchObject({ code: "chat_taken", chatId: started.chat.id });
    await settle(b);
    expect(b.all("chat.accepted")).toHaveLength(1);
    const chat = await env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`${account.id}:${support}`)).getChat(started.chat.id);
    expect(chat?.attendant?.id).toBe(account.attendants.support1.id);
    [a, b].forEach((s) => s.close());
  });
});
