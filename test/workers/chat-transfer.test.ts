/**
 * POST /api/chats/:id/transfer: who may, what is refused (and changes nothing), a transfer to an
 * attendant in place, a transfer to another department through the rooms' handoff (history and
 * seq intact in both rooms and in D1, also when the room is evicted mid-way), and the internal
 * note that never reaches a customer socket or a customer read path.
 */
import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { WireMessage } from "../../durable-objects/protocol";
import { exportChat, importChat } from "../../durable-objects/transfer";
import type { ChatDetailResponse, WidgetMeResponse, WidgetMessagesResponse } from "../../worker/views";
import type { ChatTransferResponse, TransferTargetsResponse } from "../../worker/views-hours";
import {
  api,
  attendantSocket,
  count,
  createAccount,
  customerSocket,
  expectError,
  history,
  json,
  login,
  PASSWORD,
  room,
  startChat,
  widgetMe,
  type TestAccount,
  type TestSocket,
  held,
} from "./helpers";

function transfer(chatId: string, cookie: string, body: unknown) {
  return api(`/api/chats/${chatId}/transfer`, { body, cookie });
}

/** A chat of support accepted by support1, with the customer's socket open. */
async function acceptedChat(account: TestAccount, agent: TestSocket) {
  const started = await startChat(account, account.departments.support);
  const customer = await customerSocket(started.ws);
  agent.send({ type: "chat.accept", chatId: started.chat.id });
  await agent.next("chat.accepted", (f) => f.chat.id === started.chat.id);
  await customer.next("chat.accepted");
  return { started, customer, chatId: started.chat.id };
}

/** A manager of sales only (the "manager of another department" of the matrix). */
async function salesManager(account: TestAccount): Promise<string> {
  const id = crypto.randomUUID();
  const email = `sales-manager.${id}@example.com`;
  const hash = (await env.DB.prepare("SELECT password_hash AS h FROM attendants WHERE id = ?").bind(account.attendants.admin.id).first<{ h: string }>())!.h;
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO attendants (id, account_id, name, email, password_hash, role, chat_status_on_login, created_at) VALUES (?, ?, 'Gerente Comercial', ?, ?, 'department_manager', 'online', ?)`,
    ).bind(id, account.id, email, hash, Date.now()),
    env.DB.prepare("INSERT INTO attendant_departments (account_id, attendant_id, department_id, attends, manages) VALUES (?, ?, ?, 0, 1)").bind(
      account.id,
      id,
      account.departments.sales,
    ),
  ]);
  return login(email, PASSWORD);
}

async function d1Messages(chatId: string) {
  const { results } = await env.DB.prepare("SELECT id, seq, internal, body FROM chat_messages WHERE chat_id = ? ORDER BY seq").bind(chatId).all<{ id: string; seq: number; internal: number; body: string }>();
  return results;
}

describe("transfer: who may, and refusals", () => {
  it("the chat's attendant, a manager of its department and an administrator may; others may not, and a refusal changes nothing", async () => {
    const account = await createAccount("transfer-roles");
    const { support, sales } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const cookies = {
      own: await login(account.attendants.support1.email),
      colleague: await login(account.attendants.support2.email),
      manager: await login(account.attendants.manager.email),
      admin: await login(account.attendants.admin.email),
      otherManager: await salesManager(account),
    };
    const other = await createAccount("transfer-roles-other");
    const stranger = await login(other.attendants.admin.email);

    const { chatId } = await acceptedChat(account, agent);
    await expectError(await transfer(chatId, cookies.colleague, { departmentId: sales }), 403, "forbidden");
    // The manager of another department does not see support's chats: unknown to them, as to another account.
    await expectError(await transfer(chatId, cookies.otherManager, { departmentId: sales }), 404, "not_found");
    await expectError(await transfer(chatId, stranger, { departmentId: other.departments.sales }), 404, "not_found");
    // Another account's department or attendant is unknown here.
    await expectError(await transfer(chatId, cookies.admin, { departmentId: other.departments.sales }), 404, "not_found");
    await expectError(await transfer(chatId, cookies.admin, { attendantId: other.attendants.support1.id }), 404, "not_found");
    await expectError(await transfer(chatId, cookies.own, {}), 400, "bad_request");
    await expectError(await transfer(chatId, cookies.own, { departmentId: sales, note: "x".repeat(1001) }), 400, "bad_request");
    await expectError(await transfer(chatId, cookies.own, { departmentId: support }), 409, "same_department");
    await expectError(await transfer(chatId, cookies.own, { attendantId: account.attendants.support1.id }), 409, "same_attendant");
    await expectError(await transfer(chatId, cookies.own, { attendantId: account.attendants.sales.id }), 400, "bad_request");
    await expectError(await transfer(chatId, cookies.own, { attendantId: account.attendants.support2.id }), 409, "attendant_offline");
    expect(await room(account, support).getChat(chatId)).toMatchObject({ status: "active", attendant: { id: account.attendants.support1.id } });
    expect((await room(account, support).messages(chatId)).some((m) => m.author.type === "system" && m.body.includes("transferido"))).toBe(false);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ? AND action = 'chat.transferred'", account.id)).toBe(0);

    for (const who of ["own", "manager", "admin"] as const) {
      const { chatId: next } = await acceptedChat(account, agent);
      const res = await transfer(next, cookies[who], { departmentId: sales });
      expect(res.status, who).toBe(200);
      expect((await json<ChatTransferResponse>(res)).chat).toMatchObject({ id: next, departmentId: sales, status: "waiting" });
    }
    // The dialog's targets: every active department, with who is online there; same rights as a transfer.
    const targets = await api(`/api/chats/${chatId}/transfer-targets`, { cookie: cookies.own });
    expect((await json<TransferTargetsResponse>(targets)).departments).toEqual([
      { id: sales, name: "Comercial", attendants: [] },
      { id: support, name: "Suporte", attendants: [{ id: account.attendants.support1.id, name: account.attendants.support1.name }] },
    ]);
    await expectError(await api(`/api/chats/${chatId}/transfer-targets`, { cookie: cookies.colleague }), 403, "forbidden");
    await expectError(await api(`/api/chats/${chatId}/transfer-targets`, { cookie: stranger }), 404, "not_found");
    // The first chat went nowhere; a closed chat cannot move.
    agent.send({ type: "chat.close", chatId });
    await agent.next("chat.closed", (f) => f.chat.id === chatId);
    await expectError(await transfer(chatId, cookies.own, { departmentId: sales }), 409, "chat_closed");
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ? AND action = 'chat.transferred'", account.id)).toBe(3);
    agent.close();
  });
});

describe("transfer to an attendant", () => {
  it("changes the attendant in place: the new console gets it, the customer reads the notice, the note stays with attendants", async () => {
    const account = await createAccount("transfer-attendant");
    const { support } = account.departments;
    const { support1, support2 } = account.attendants;
    const agent = await attendantSocket(support1.email, support);
    const colleague = await attendantSocket(support2.email, support);
    const { chatId, customer, started } = await acceptedChat(account, agent);
    customer.send({ type: "message.send", chatId, clientId: "c-1", body: "Meu pedido" });
    await agent.next("message.created", (f) => f.message.clientId === "c-1");

    const res = await transfer(chatId, await login(support1.email), { attendantId: support2.id, note: "Cliente VIP, pedido 123" });
    expect(res.status).toBe(200);
    expect((await json<ChatTransferResponse>(res)).chat).toMatchObject({ id: chatId, departmentId: support, status: "active", attendant: { id: support2.id } });

    for (const socket of [agent, colleague, customer]) {
      expect((await socket.next("chat.accepted", (f) => f.chat.id === chatId && f.chat.attendant?.id === support2.id)).chat.status).toBe("active");
    }
    const note = await colleague.next("message.created", (f) => f.message.internal === true);
    expect(note.message).toMatchObject({ body: "Cliente VIP, pedido 123", author: { type: "attendant", id: support1.id } });
    const notice = await customer.next("message.created", (f) => f.message.author.type === "system");
    expect(notice.message.body).toBe(`Você foi transferido para ${support2.name}`);
    expect(customer.all("message.created").some((f) => f.message.internal)).toBe(false);
    expect((await history(customer, chatId)).some((m) => m.internal || m.id === note.message.id)).toBe(false);
    expect((await held(colleague, chatId)).find((m) => m.id === note.message.id)?.internal).toBe(true);

    // The new attendant writes; the old one may no longer.
    colleague.send({ type: "message.send", chatId, clientId: "a-2", body: "Olá, sou a nova atendente" });
    expect((await customer.next("message.created", (f) => f.message.clientId === "a-2")).message.author.id).toBe(support2.id);
    agent.send({ type: "message.send", chatId, clientId: "a-1", body: "Ainda estou aqui" });
    // No longer theirs, so no longer seen live: the same answer as an unknown id.
    expect((await agent.next("error", (f) => f.clientId === "a-1")).code).toBe("not_found");

    // Customer read paths never show the note; the console's does, marked internal.
    const widget = await json<WidgetMessagesResponse>(
      await api(`/api/widget/chats/${chatId}/messages?account=${account.publicKey}`, { headers: { authorization: `Bearer ${started.customerToken}` } }),
    );
    expect(widget.messages.map((m) => m.id)).not.toContain(note.message.id);
    const detail = await json<ChatDetailResponse>(await api(`/api/chats/${chatId}`, { cookie: await login(support2.email) }));
    expect(detail.messages.find((m: WireMessage) => m.id === note.message.id)?.internal).toBe(true);
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE account_id = ? AND action = 'chat.transferred'").bind(account.id).first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toMatchObject({ from: { attendantId: support1.id }, to: { attendantId: support2.id, departmentId: support } });
    for (const s of [agent, colleague, customer]) s.close();
  });

  it("refuses a target at their limit (409 capacity_full) and changes nothing", async () => {
    const account = await createAccount("transfer-full");
    const { support } = account.departments;
    const { support1, support2 } = account.attendants;
    await env.DB.prepare("UPDATE attendants SET max_chats = 1 WHERE id = ?").bind(support2.id).run();
    const agent = await attendantSocket(support1.email, support);
    const colleague = await attendantSocket(support2.email, support);
    const { chatId } = await acceptedChat(account, agent);
    const theirs = await startChat(account, support);
    colleague.send({ type: "chat.accept", chatId: theirs.chat.id });
    await colleague.next("chat.accepted", (f) => f.chat.id === theirs.chat.id);

    await expectError(await transfer(chatId, await login(support1.email), { attendantId: support2.id }), 409, "capacity_full");
    expect((await room(account, support).getChat(chatId))?.attendant?.id).toBe(support1.id);
    agent.close();
    colleague.close();
  });
});

describe("transfer to another department", () => {
  it("moves the history with its seq to the new room and D1; the customer follows and keeps chatting with the new attendant", async () => {
    const account = await createAccount("transfer-department");
    const { support, sales } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const seller = await attendantSocket(account.attendants.sales.email, sales);
    const { chatId, customer, started } = await acceptedChat(account, agent);
    customer.send({ type: "message.send", chatId, clientId: "c-1", body: "Quero comprar" });
    await agent.next("message.created", (f) => f.message.clientId === "c-1");
    const before = await room(account, support).messages(chatId);

    const res = await transfer(chatId, await login(account.attendants.support1.email), { departmentId: sales, note: "Quer plano anual" });
    expect(res.status).toBe(200);
    expect((await json<ChatTransferResponse>(res)).chat).toMatchObject({ id: chatId, departmentId: sales, status: "waiting", attendant: null });
    expect((await customer.next("chat.transferred")).chat.departmentId).toBe(sales);
    expect((await customer.waitClosed())?.code).toBe(1000);
    expect((await seller.next("chat.queued", (f) => f.chat.id === chatId)).chat.status).toBe("waiting");

    const after = await room(account, sales).messages(chatId);
    expect(after.slice(0, before.length).map((m) => [m.id, m.seq])).toEqual(before.map((m) => [m.id, m.seq]));
    expect(after.slice(before.length).map((m) => [m.seq, m.author.type, m.internal ?? false, m.body])).toEqual([
      [before.length + 1, "attendant", true, "Quer plano anual"],
      [before.length + 2, "system", false, "Você foi transferido para o departamento Comercial"],
    ]);
    expect(await room(account, support).getChat(chatId)).toBeNull();

    // The customer's widget asks for its socket again and lands in the new room, without the note.
    const me = await json<WidgetMeResponse>(await widgetMe(account.publicKey, started.customerToken));
    const again = await customerSocket(me.ws!);
    expect(again.all("session.ready")[0]?.departmentId).toBe(sales);
    const seen = await history(again, chatId);
    expect(seen.map((m) => m.seq)).toEqual([...before.map((m) => m.seq), before.length + 2]);
    seller.send({ type: "chat.accept", chatId });
    await again.next("chat.accepted");
    seller.send({ type: "message.send", chatId, clientId: "s-1", body: "Oi, sou do comercial" });
    expect((await again.next("message.created", (f) => f.message.clientId === "s-1")).message.seq).toBe(before.length + 3);
    expect(again.all("message.created").some((f) => f.message.internal)).toBe(false);

    // D1: every message once, in order, the note marked internal, the chat in its new department.
    // (The copy now: the room's own alarm runs only once its sync timer is due.)
    await runInDurableObject(room(account, sales), (instance) => instance.syncNow());
    const stored = await d1Messages(chatId);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: before.length + 3 }, (_, i) => i + 1));
    expect(stored.filter((m) => m.internal === 1).map((m) => m.body)).toEqual(["Quer plano anual"]);
    expect((await env.DB.prepare("SELECT department_id AS d FROM chats WHERE id = ?").bind(chatId).first<{ d: string }>())?.d).toBe(sales);
    for (const s of [agent, seller, again]) s.close();
  });

  it("with an attendant named, the chat goes straight to them when they are online there", async () => {
    const account = await createAccount("transfer-department-attendant");
    const { support, sales } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const { chatId } = await acceptedChat(account, agent);
    const cookie = await login(account.attendants.manager.email);
    await expectError(await transfer(chatId, cookie, { departmentId: sales, attendantId: account.attendants.sales.id }), 409, "attendant_offline");
    const seller = await attendantSocket(account.attendants.sales.email, sales);
    const res = await transfer(chatId, cookie, { departmentId: sales, attendantId: account.attendants.sales.id });
    expect((await json<ChatTransferResponse>(res)).chat).toMatchObject({ departmentId: sales, status: "active", attendant: { id: account.attendants.sales.id } });
    expect((await seller.next("chat.accepted", (f) => f.chat.id === chatId)).chat.attendant?.id).toBe(account.attendants.sales.id);
    expect((await room(account, sales).messages(chatId)).at(-1)?.body).toBe(`Você foi transferido para ${account.attendants.sales.name}`);
    agent.close();
    seller.close();
  });

  it("a handoff cut short by an eviction is finished by the transfer timer: nothing lost, nothing twice", async () => {
    const account = await createAccount("transfer-evicted");
    const { support, sales } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const { chatId } = await acceptedChat(account, agent);
    const before = await room(account, support).messages(chatId);
    const target = { departmentId: sales, fromDepartmentName: "Suporte", notice: "Você foi transferido para o departamento Comercial", note: { author: { id: account.attendants.support1.id, name: "support1" }, body: "Nota" } };

    // The source left its timer and the destination imported the chat (with its note and
    // notice), then the source died before forgetting it.
    const bundle = await runInDurableObject(room(account, support), (instance, state) => {
      instance.timers.set("transfer", chatId, Date.now() + 60_000, target);
      return exportChat(state.storage.sql, chatId)!;
    });
    await room(account, sales).importChat({ ...bundle, ...target }, { accountId: account.id, departmentId: sales });
    const imported = await room(account, sales).messages(chatId);
    await abortAllDurableObjects();

    // The timer comes due (set a minute ahead above, so the runtime did not fire it on its own meanwhile).
    await runInDurableObject(room(account, support), async (instance, state) => {
      state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE kind = 'transfer'", Date.now() - 1);
      await instance.timers.rearm();
    });
    // The runtime's alarm runs the timer: the import finds the chat there, the source lets go.
    await expect.poll(() => room(account, support).getChat(chatId), { timeout: 5_000, interval: 50 }).toBeNull();
    const after = await room(account, sales).messages(chatId);
    expect(after).toEqual(imported);
    expect(after.map((m) => m.seq)).toEqual(Array.from({ length: before.length + 2 }, (_, i) => i + 1));
    expect(after.filter((m) => m.internal).length).toBe(1);
    expect(await runInDurableObject(room(account, support), (instance) => instance.timers.get("transfer", chatId))).toBeNull();

    // A repeated import of the same bundle changes nothing either.
    expect(await runInDurableObject(room(account, sales), (_, state) => importChat(state.storage.sql, { ...bundle, ...target }, sales))).toBe(false);
    await runInDurableObject(room(account, sales), (instance) => instance.syncNow());
    expect((await d1Messages(chatId)).map((m) => m.seq)).toEqual(after.map((m) => m.seq));
    agent.close();
  });
});
