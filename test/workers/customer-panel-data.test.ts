/**
 * The customer's tickets and chats through `/api/p/:key`: only their own, never internal
 * notes; a panel reply lands in Chamados like an e-mailed one, and an attendant's public reply
 * shows in the panel and in `/updates`.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createAccount, expectError, json, login, type TestAccount } from "./helpers";
import { customerWithLogin, openPanelTicket, panelAccount, panelLogin } from "./panel-helpers";

/** A closed chat of the customer two hours ago (D1 only), with a customer message, an answer and an internal note. */
async function pastChat(account: TestAccount, customerId: string) {
  const id = crypto.randomUUID();
  const at = Date.now() - 2 * 60 * 60_000;
  const message = (seq: number, type: string, name: string, body: string, internal = 0) =>
    env.DB.prepare("INSERT INTO chat_messages (id, account_id, chat_id, seq, author_type, author_name, body, internal, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").bind(
      crypto.randomUUID(), account.id, id, seq, type, name, body, internal, at + seq,
    );
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO chats (id, account_id, number, department_id, customer_id, status, origin, created_at, closed_at, last_seq)
       VALUES (?, ?, (SELECT COALESCE(MAX(number), 0) + 1 FROM chats WHERE account_id = ?), ?, ?, 'closed', 'customer_panel', ?, ?, 3)`,
    ).bind(id, account.id, account.id, account.departments.support, customerId, at, at + 10),
    message(1, "customer", "Paula", "Oi, meu boleto venceu"),
    message(2, "attendant", "Ana", "Mando outro agora"),
    message(3, "attendant", "Ana", "nota interna: cliente recorrente", 1),
  ]);
  return id;
}

describe("tickets in the panel", () => {
  it("opens a ticket that attendants see in Chamados, lists it, and shows public replies but never internal notes", async () => {
    const { account, admin } = await panelAccount("panel-tickets");
    const customer = await customerWithLogin(account);
    const key = account.publicKey;
    const cookie = await panelLogin(key, customer.email);
    const ticket = await openPanelTicket(key, cookie, { departmentId: account.departments.support });
    expect(ticket).toMatchObject({ subject: "Meu pedido não chegou", status: "new", departmentName: "Suporte" });

    const console = await json(await api(`/api/tickets/${ticket.id}`, { cookie: admin }));
    expect(console.ticket.customer.id).toBe(customer.id);
    expect(console.entries).toEqual([expect.objectContaining({ kind: "customer", body: "Comprei semana passada." })]);

    const since = Date.now() - 1;
    expect((await api(`/api/tickets/${ticket.id}/replies`, { cookie: admin, body: { body: "Já reenviamos." } })).status).toBe(201);
    expect((await api(`/api/tickets/${ticket.id}/replies`, { cookie: admin, body: { body: "nota: cliente VIP", internal: true } })).status).toBe(201);

    const detail = await json(await api(`/api/p/${key}/tickets/${ticket.id}`, { cookie }));
    expect(detail.ticket).toMatchObject({ id: ticket.id, number: ticket.number, status: "waiting_customer" });
    expect(detail.entries.map((e: { author: string; body: string }) => [e.author, e.body])).toEqual([
      ["customer", "Comprei semana passada."],
      ["attendant", "Já reenviamos."],
    ]);
    const list = await json(await api(`/api/p/${key}/tickets`, { cookie }));
    expect(list).toEqual({ tickets: [detail.ticket], hasMore: false });

    const updates = await json(await api(`/api/p/${key}/updates?since=${since}`, { cookie }));
    expect(updates.replies).toEqual([expect.objectContaining({ ticketId: ticket.id, number: ticket.number, subject: ticket.subject, authorName: account.attendants.admin.name })]);
    expect((await json(await api(`/api/p/${key}/updates?since=${updates.now}`, { cookie }))).replies).toEqual([]);
  });

  it("stores a panel reply as the customer's entry, as an e-mailed one, and reopens a closed ticket", async () => {
    const { account, admin } = await panelAccount("panel-reply");
    const customer = await customerWithLogin(account);
    const key = account.publicKey;
    const cookie = await panelLogin(key, customer.email);
    const ticket = await openPanelTicket(key, cookie);
    expect((await api(`/api/tickets/${ticket.id}`, { method: "PATCH", cookie: admin, body: { status: "closed" } })).status).toBe(200);
    const res = await api(`/api/p/${key}/tickets/${ticket.id}/replies`, { cookie, body: { body: "Ainda não chegou!" } });
    expect(res.status).toBe(201);
    expect((await json(res)).entry).toMatchObject({ author: "customer", authorName: customer.name, body: "Ainda não chegou!" });
    const console = await json(await api(`/api/tickets/${ticket.id}`, { cookie: admin }));
    expect(console.ticket.status).toBe("new");
    expect(console.entries.at(-1)).toMatchObject({ kind: "customer", author: { id: null, name: customer.name }, body: "Ainda não chegou!" });
  });

  it("answers 404 for another customer's ticket and for another account's, and 401 without a session", async () => {
    const { account } = await panelAccount("panel-ticket-isolation");
    const paula = await customerWithLogin(account, "Paula");
    const rita = await customerWithLogin(account, "Rita");
    const key = account.publicKey;
    const paulaCookie = await panelLogin(key, paula.email);
    const ritaCookie = await panelLogin(key, rita.email);
    const ticket = await openPanelTicket(key, paulaCookie);
    await expectError(await api(`/api/p/${key}/tickets/${ticket.id}`, { cookie: ritaCookie }), 404, "not_found");
    await expectError(await api(`/api/p/${key}/tickets/${ticket.id}/replies`, { cookie: ritaCookie, body: { body: "intrusa" } }), 404, "not_found");
    expect((await json(await api(`/api/p/${key}/tickets`, { cookie: ritaCookie }))).tickets).toEqual([]);
    expect((await json(await api(`/api/p/${key}/updates?since=0`, { cookie: ritaCookie }))).replies).toEqual([]);

    const other = await createAccount("panel-ticket-isolation-other");
    const stranger = await customerWithLogin(other);
    const strangerCookie = await panelLogin(other.publicKey, stranger.email);
    await expectError(await api(`/api/p/${other.publicKey}/tickets/${ticket.id}`, { cookie: strangerCookie }), 404, "not_found");
    await expectError(await api(`/api/p/${key}/tickets/${ticket.id}`, { cookie: strangerCookie }), 401, "unauthenticated");
    for (const path of ["tickets", `tickets/${ticket.id}`, "chats", "updates?since=0"]) {
      await expectError(await api(`/api/p/${key}/${path}`), 401, "unauthenticated");
    }
    await expectError(await api(`/api/p/${key}/tickets`, { body: { subject: "x", message: "y" } }), 401, "unauthenticated");
    const entries = await env.DB.prepare("SELECT COUNT(*) AS n FROM ticket_entries WHERE ticket_id = ?").bind(ticket.id).first();
    expect(entries?.n).toBe(1);
  });

  it("refuses bad input and foreign or inactive departments with 400, opening nothing", async () => {
    const account = await createAccount("panel-ticket-input");
    const other = await createAccount("panel-ticket-input-other");
    const customer = await customerWithLogin(account);
    const key = account.publicKey;
    const cookie = await panelLogin(key, customer.email);
    await env.DB.prepare("UPDATE departments SET active = 0 WHERE id = ?").bind(account.departments.sales).run();
    const send = (body: unknown) => api(`/api/p/${key}/tickets`, { cookie, body });
    await expectError(await send({ subject: "", message: "oi" }), 400, "bad_request");
    await expectError(await send({ subject: "linha\nquebrada", message: "oi" }), 400, "bad_request");
    await expectError(await send({ subject: "ok", message: "" }), 400, "bad_request");
    await expectError(await send({ subject: "ok", message: "oi", departmentId: other.departments.support }), 400, "unknown_department");
    await expectError(await send({ subject: "ok", message: "oi", departmentId: account.departments.sales }), 400, "unknown_department");
    await expectError(await api(`/api/p/${key}/tickets?page=0`, { cookie }), 400, "bad_request");
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM tickets WHERE customer_id = ?").bind(customer.id).first();
    expect(count?.n).toBe(0);
  });
});

describe("chats in the panel", () => {
  it("lists the customer's chats with their origin and shows the transcript without internal notes; anybody else's is 404", async () => {
    const account = await createAccount("panel-chats");
    const customer = await customerWithLogin(account);
    const other = await customerWithLogin(account, "Outra");
    const key = account.publicKey;
    const chatId = await pastChat(account, customer.id);
    const otherChat = await pastChat(account, other.id);
    const cookie = await panelLogin(key, customer.email);
    const list = await json(await api(`/api/p/${key}/chats`, { cookie }));
    expect(list.hasMore).toBe(false);
    expect(list.chats).toEqual([expect.objectContaining({ id: chatId, departmentName: "Suporte", status: "closed", origin: "customer_panel" })]);
    const detail = await json(await api(`/api/p/${key}/chats/${chatId}`, { cookie }));
    expect(detail.chat.id).toBe(chatId);
    expect(detail.messages.map((m: { author: string; body: string }) => [m.author, m.body])).toEqual([
      ["customer", "Oi, meu boleto venceu"],
      ["attendant", "Mando outro agora"],
    ]);
    await expectError(await api(`/api/p/${key}/chats/${otherChat}`, { cookie }), 404, "not_found");
    await expectError(await api(`/api/p/${key}/chats/not%20an%20id`, { cookie }), 404, "not_found");
    const foreign = await createAccount("panel-chats-other");
    const foreignCustomer = await customerWithLogin(foreign);
    const foreignCookie = await panelLogin(foreign.publicKey, foreignCustomer.email);
    await expectError(await api(`/api/p/${foreign.publicKey}/chats/${chatId}`, { cookie: foreignCookie }), 404, "not_found");
  });
});

describe("the account's panel slug (PATCH /api/account)", () => {
  it("sets, shows and clears panelSlug; refuses a bad one (400) and one taken by another account (409 slug_taken)", async () => {
    const account = await createAccount("panel-slug");
    const other = await createAccount("panel-slug-other");
    const admin = await login(account.attendants.admin.email);
    const otherAdmin = await login(other.attendants.admin.email);
    const slug = `loja-${crypto.randomUUID().slice(0, 8)}`;
    const res = await api("/api/account", { method: "PATCH", cookie: admin, body: { panelSlug: slug } });
    expect(res.status).toBe(200);
    expect((await json(res)).account.panelSlug).toBe(slug);
    expect((await json(await api("/api/account", { cookie: admin }))).account.panelSlug).toBe(slug);
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE account_id = ? AND action = 'account.updated'").bind(account.id).first();
    expect(JSON.parse(String(audit?.detail)).changes.panelSlug).toEqual({ from: null, to: slug });
    for (const bad of ["AB", "Com Espaço", "x".repeat(31), "acentuação"]) {
      const refused = await api("/api/account", { method: "PATCH", cookie: otherAdmin, body: { panelSlug: bad } });
      expect(refused.status).toBe(400);
      expect((await json(refused)).error.field).toBe("panelSlug");
    }
    const taken = await api("/api/account", { method: "PATCH", cookie: otherAdmin, body: { panelSlug: slug } });
    await expectError(taken, 409, "slug_taken");
    // Another account's public key names a panel too.
    const shortKey = `key-${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare("UPDATE accounts SET public_key = ? WHERE id = ?").bind(shortKey, other.id).run();
    await expectError(await api("/api/account", { method: "PATCH", cookie: admin, body: { panelSlug: shortKey } }), 409, "slug_taken");
    const cleared = await api("/api/account", { method: "PATCH", cookie: admin, body: { panelSlug: null } });
    expect((await json(cleared)).account.panelSlug).toBeNull();
  });
});
