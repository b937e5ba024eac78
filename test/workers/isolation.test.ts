import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ChatListResponse } from "../../worker/views";
import {
  api,
  attendantSocket,
  createAccount,
  customerSocket,
  expectError,
  history,
  json,
  login,
  room,
  settle,
  startChat,
  upgrade,
  widgetMe,
  wsToken,
  type TestAccount,
  held,
} from "./helpers";

/** A chat accepted by support1, with sockets for support1, support2, the manager, the admin and the customer. */
async function supportFloor(label: string) {
  const account = await createAccount(label);
  const { support } = account.departments;
  const support1 = await attendantSocket(account.attendants.support1.email, support);
  const support2 = await attendantSocket(account.attendants.support2.email, support);
  const manager = await attendantSocket(account.attendants.manager.email, support);
  const admin = await attendantSocket(account.attendants.admin.email, support);
  const started = await startChat(account, support);
  const customer = await customerSocket(started.ws);
  support1.send({ type: "chat.accept", chatId: started.chat.id });
  await Promise.all([support1, support2, manager, admin, customer].map((s) => s.next("chat.accepted")));
  const all = [support1, support2, manager, admin, customer];
  return { account, support, support1, support2, manager, admin, customer, started, chatId: started.chat.id, closeAll: () => all.forEach((s) => s.close()) };
}

const liveChat = (account: TestAccount, chatId: string) => room(account, account.departments.support).getChat(chatId);

describe("accounts do not see each other", () => {
  it("an attendant of A gets 404 for B's chat and never finds it in the list", async () => {
    const a = await createAccount("iso-a");
    const b = await createAccount("iso-b");
    await attendantSocket(b.attendants.support1.email, b.departments.support);
    const theirs = await startChat(b, b.departments.support, { name: "Cliente de B" });
    await attendantSocket(a.attendants.support1.email, a.departments.support);
    const ours = await startChat(a, a.departments.support);

    const cookie = await login(a.attendants.admin.email);
    await expectError(await api(`/api/chats/${theirs.chat.id}`, { cookie }), 404, "not_found");
    expect((await api(`/api/chats/${ours.chat.id}`, { cookie })).status).toBe(200);
    for (const query of ["", "?status=waiting", `?departmentId=${b.departments.support}`, "?q=Cliente%20de%20B", "?limit=100"]) {
      const list = await json<ChatListResponse>(await api(`/api/chats${query}`, { cookie }));
      expect(list.chats.map((c) => c.id), query).not.toContain(theirs.chat.id);
    }
    // B's own administrator does see it.
    const theirCookie = await login(b.attendants.admin.email);
    expect((await api(`/api/chats/${theirs.chat.id}`, { cookie: theirCookie })).status).toBe(200);
  });

  it("a socket token of A cannot open B's department (403)", async () => {
    const a = await createAccount("iso-ws-a");
    const b = await createAccount("iso-ws-b");
    const token = await wsToken(await login(a.attendants.admin.email));
    await expectError(await upgrade(`/api/ws?token=${encodeURIComponent(token)}&department=${b.departments.support}&v=1`), 403, "forbidden");
  });

  it("a customer token of A is refused with B's key", async () => {
    const a = await createAccount("iso-cus-a");
    const b = await createAccount("iso-cus-b");
    await attendantSocket(a.attendants.support1.email, a.departments.support);
    const started = await startChat(a, a.departments.support);
    await expectError(await widgetMe(b.publicKey, started.customerToken), 401, "invalid_token");
  });
});

describe("departments and roles", () => {
  it("an attendant of sales cannot open a socket to support (403) nor read its chats", async () => {
    const account = await createAccount("iso-dep");
    await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    const cookie = await login(account.attendants.sales.email);
    const token = await wsToken(cookie);
    await expectError(await upgrade(`/api/ws?token=${encodeURIComponent(token)}&department=${account.departments.support}&v=1`), 403, "forbidden");
    await expectError(await api(`/api/chats/${started.chat.id}`, { cookie }), 404, "not_found");
    expect((await json<ChatListResponse>(await api("/api/chats", { cookie }))).chats).toEqual([]);
  });

  it("a plain attendant cannot close a colleague's chat (not_found: they do not see it live); the chat stays active", async () => {
    const floor = await supportFloor("iso-close");
    floor.support2.send({ type: "chat.close", chatId: floor.chatId });
    expect(await floor.support2.next("error")).toMatchObject({ code: "not_found", chatId: floor.chatId });
    expect((await liveChat(floor.account, floor.chatId))?.status).toBe("active");
    await settle(floor.customer);
    expect(floor.customer.all("chat.closed")).toEqual([]);
    floor.closeAll();
  });

  it.each(["manager", "admin"] as const)("the department's %s can close a colleague's chat", async (who) => {
    const floor = await supportFloor(`iso-close-${who}`);
    floor[who].send({ type: "chat.close", chatId: floor.chatId });
    const closed = await floor.customer.next("chat.closed");
    expect(closed.chat.closedBy).toBe("attendant");
    await floor.support1.next("chat.closed");
    const closer = who === "manager" ? floor.account.attendants.manager.id : floor.account.attendants.admin.id;
    const row = await env.DB.prepare("SELECT status, closed_by, closed_by_attendant_id, attendant_id FROM chats WHERE id = ?").bind(floor.chatId).first();
    expect(row).toEqual({ status: "closed", closed_by: "attendant", closed_by_attendant_id: closer, attendant_id: floor.account.attendants.support1.id });
    // Auditoria records who closed whose chat.
    const audit = await env.DB.prepare("SELECT actor_id, target_id, json_extract(detail, '$.attendantId') AS attendant FROM audit_log WHERE account_id = ? AND action = 'chat.closed_remotely'")
      .bind(floor.account.id)
      .all();
    expect(audit.results).toEqual([{ actor_id: closer, target_id: floor.chatId, attendant: floor.account.attendants.support1.id }]);
    floor.closeAll();
  });

  it("a plain attendant can neither write in nor receive a chat another attendant accepted; supervisors receive it", async () => {
    const floor = await supportFloor("iso-fanout");
    floor.support2.send({ type: "message.send", chatId: floor.chatId, clientId: "intruder-1", body: "Posso ajudar?" });
    expect(await floor.support2.next("error")).toMatchObject({ code: "not_found", chatId: floor.chatId, clientId: "intruder-1" });

    floor.customer.send({ type: "message.send", chatId: floor.chatId, clientId: "c-1", body: "Tem alguém?" });
    floor.support1.send({ type: "message.send", chatId: floor.chatId, clientId: "a-1", body: "Sim, estou aqui" });
    for (const socket of [floor.support1, floor.manager, floor.admin]) {
      await socket.next("message.created", (f) => f.message.clientId === "c-1");
      await socket.next("message.created", (f) => f.message.clientId === "a-1");
    }
    // Both messages were handled before support2's ping: anything meant for it came before the pong.
    await settle(floor.support2);
    expect(floor.support2.all("message.created")).toEqual([]);
    floor.support2.send({ type: "chat.sync", chatId: floor.chatId, afterSeq: 0 });
    expect(await floor.support2.next("error")).toMatchObject({ code: "not_found", chatId: floor.chatId });
    expect(floor.support2.all("chat.history")).toEqual([]);

    const messages = await held(floor.customer, floor.chatId);
    // (The two were sent from different sockets at once: either may come first.)
    expect(messages.map((m) => m.clientId).sort()).toEqual(["a-1", "c-1", null, null]);
    floor.closeAll();
  });
});

describe("customer sockets", () => {
  it("frames naming another chat are refused with not_found and store nothing", async () => {
    const account = await createAccount("iso-customer");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const mine = await startChat(account, support);
    const other = await startChat(account, support);
    const customer = await customerSocket(mine.ws);
    const victim = await customerSocket(other.ws);

    customer.send({ type: "message.send", chatId: other.chat.id, clientId: "x-1", body: "sou outro cliente" });
    customer.send({ type: "chat.sync", chatId: other.chat.id, afterSeq: 0 });
    customer.send({ type: "typing.set", chatId: other.chat.id, typing: true });
    customer.send({ type: "chat.close", chatId: other.chat.id });
    customer.send({ type: "message.read", chatId: other.chat.id, seq: 2 });
    for (let i = 0; i < 5; i++) expect(await customer.next("error")).toMatchObject({ code: "not_found", chatId: other.chat.id });
    expect(customer.all("chat.history")).toEqual([]);

    expect((await history(victim, other.chat.id)).map((m) => m.author.type)).toEqual(["system", "customer"]);
    const live = await liveChat(account, other.chat.id);
    expect(live).toMatchObject({ status: "waiting", lastSeq: 2, customerReadSeq: 0 });
    await settle(agent);
    expect(agent.all("typing.changed")).toEqual([]);
    expect(agent.all("message.created")).toEqual([]);
    [agent, customer, victim].forEach((s) => s.close());
  });

  it("a customer cannot accept its own chat", async () => {
    const account = await createAccount("iso-accept");
    await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    const customer = await customerSocket(started.ws);
    customer.send({ type: "chat.accept", chatId: started.chat.id });
    expect(await customer.next("error")).toMatchObject({ code: "forbidden", chatId: started.chat.id });
    expect((await liveChat(account, started.chat.id))?.status).toBe("waiting");
    customer.close();
  });

  it("typing from the customer reaches the attendants of the chat, not the customer's other tab", async () => {
    const floor = await supportFloor("iso-typing");
    const tab2 = await customerSocket(floor.started.ws);
    floor.customer.send({ type: "typing.set", chatId: floor.chatId, typing: true });
    const seen = await floor.support1.next("typing.changed");
    expect(seen).toEqual({ type: "typing.changed", chatId: floor.chatId, typing: true, by: "customer", name: "Maria Cliente" });
    await floor.manager.next("typing.changed");
    await Promise.all([tab2, floor.customer, floor.support2].map(settle));
    expect(tab2.all("typing.changed")).toEqual([]);
    expect(floor.customer.all("typing.changed")).toEqual([]);
    expect(floor.support2.all("typing.changed")).toEqual([]);

    // The attendant's typing reaches every tab of the customer, and not the other attendants.
    floor.support1.send({ type: "typing.set", chatId: floor.chatId, typing: false });
    for (const tab of [floor.customer, tab2]) {
      expect(await tab.next("typing.changed")).toMatchObject({ typing: false, by: "attendant", name: floor.account.attendants.support1.name });
    }
    await settle(floor.manager);
    expect(floor.manager.all("typing.changed")).toHaveLength(1);
    tab2.close();
    floor.closeAll();
  });

  it("the customer reading a message gives the attendant a message.status with its readSeq", async () => {
    const floor = await supportFloor("iso-read");
    floor.support1.send({ type: "message.send", chatId: floor.chatId, clientId: "a-1", body: "Pode confirmar o pedido?" });
    const { message } = await floor.customer.next("message.created");
    floor.customer.send({ type: "message.read", chatId: floor.chatId, seq: message.seq });
    const status = await floor.support1.next("message.status", (f) => f.readSeq === message.seq);
    expect(status).toEqual({ type: "message.status", chatId: floor.chatId, side: "attendant", deliveredSeq: message.seq, readSeq: message.seq });
    expect(await liveChat(floor.account, floor.chatId)).toMatchObject({ customerReadSeq: message.seq });
    expect(floor.customer.all("message.status").filter((f) => f.side === "attendant")).toEqual([]);

    // A read mark beyond the last message is capped at it.
    floor.support1.send({ type: "message.send", chatId: floor.chatId, clientId: "a-2", body: "Obrigado" });
    const second = (await floor.customer.next("message.created")).message;
    floor.customer.send({ type: "message.read", chatId: floor.chatId, seq: second.seq + 50 });
    const capped = await floor.support1.next("message.status", (f) => f.readSeq > message.seq);
    expect(capped).toMatchObject({ side: "attendant", readSeq: second.seq, deliveredSeq: second.seq });
    floor.closeAll();
  });
});
