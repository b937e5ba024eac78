import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { appendTicketReply } from "../../worker/tickets/inbound";
import { readThreadAddress } from "../../worker/email/thread-address";
import type { InboundReply } from "../../worker/email/inbound-reply";
import type { TicketReplyResponse } from "../../worker/views-tickets";
import { api, count, createAccount, expectError, json, login } from "./helpers";
import { configureEmail, LabServer, waitForRow } from "./mail-helpers";
import { openTicket, patchTicket, replyTicket, ticketDetail, ticketList } from "./ticket-helpers";

async function adminOf(label: string) {
  const account = await createAccount(label);
  return { account, admin: await login(account.attendants.admin.email) };
}

function inbound(threadId: string, overrides: Partial<InboundReply> = {}): InboundReply {
  return {
    threadId,
    from: "maria@cliente.test",
    fromName: "Maria Cliente",
    text: "Ainda não chegou.",
    messageId: `<${crypto.randomUUID()}@cliente.test>`,
    inReplyTo: null,
    references: [],
    receivedAt: Date.now(),
    ...overrides,
  };
}

describe("opening and listing tickets", () => {
  it("opens a ticket for a new customer, finds the same customer again by e-mail, and lists newest activity first", async () => {
    const { account, admin } = await adminOf("tickets-open");
    const email = `ana.${crypto.randomUUID()}@cliente.test`;
    const first = await openTicket(admin, { subject: "Boleto vencido", customer: { name: "Ana", email: email.toUpperCase() }, departmentId: account.departments.support, priority: "high" });
    expect(first.ticket).toMatchObject({
      number: 1,
      subject: "Boleto vencido",
      status: "new",
      priority: "high",
      source: "console",
      customer: { name: "Ana", email },
      department: { id: account.departments.support, name: "Suporte" },
      assignee: null,
      closedAt: null,
    });
    expect(first.entries).toEqual([expect.objectContaining({ kind: "customer", author: { id: null, name: "Ana" }, body: "Meu pedido não chegou." })]);
    const second = await openTicket(admin, { subject: "Troca de produto", customer: { name: "Ana Maria", email } });
    expect(second.ticket.customer.id).toBe(first.ticket.customer.id);
    expect(second.ticket).toMatchObject({ number: 2, department: null, priority: "normal" });
    const third = await openTicket(admin, { subject: "Outro assunto", customer: undefined, customerId: first.ticket.customer.id, departmentId: account.departments.sales });
    expect(third.ticket.customer.id).toBe(first.ticket.customer.id);
    expect(await count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id)).toBe(1);

    expect((await ticketList(admin)).tickets.map((t) => t.number)).toEqual([3, 2, 1]);
    await patchTicket(admin, first.ticket.id, { priority: "urgent" });
    expect((await ticketList(admin)).tickets.map((t) => t.number)).toEqual([1, 3, 2]);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ? AND action = 'ticket.created'", account.id)).toBe(3);
  });

  it("filters by status, department, assignee and customer, searches subject, number and customer, and pages", async () => {
    const { account, admin } = await adminOf("tickets-filter");
    const { support, sales } = account.departments;
    const a = await openTicket(admin, { subject: "Nota fiscal errada", departmentId: support, customer: { name: "Bruno Souza", email: "bruno@cliente.test" } });
    const b = await openTicket(admin, { subject: "Entrega", departmentId: sales });
    const c = await openTicket(admin, { subject: "Garantia", departmentId: support });
    expect((await patchTicket(admin, c.ticket.id, { assigneeId: account.attendants.support1.id })).status).toBe(200);
    expect((await patchTicket(admin, b.ticket.id, { status: "closed" })).status).toBe(200);
    const numbers = async (query: string) => (await ticketList(admin, query)).tickets.map((t) => t.number).sort();
    expect(await numbers("?status=closed")).toEqual([b.ticket.number]);
    expect(await numbers(`?departmentId=${support}`)).toEqual([a.ticket.number, c.ticket.number]);
    expect(await numbers(`?assigneeId=${account.attendants.support1.id}`)).toEqual([c.ticket.number]);
    expect(await numbers(`?customerId=${a.ticket.customer.id}`)).toEqual([a.ticket.number]);
    expect(await numbers("?q=fiscal")).toEqual([a.ticket.number]);
    expect(await numbers(`?q=%23${c.ticket.number}`)).toEqual([c.ticket.number]);
    expect(await numbers(`?q=${b.ticket.number}`)).toContain(b.ticket.number);
    expect(await numbers("?q=bruno%40cliente")).toEqual([a.ticket.number]);
    expect(await numbers("?q=Souza")).toEqual([a.ticket.number]);
    expect(await numbers("?q=%25")).toEqual([]);
    const page1 = await ticketList(admin, "?limit=2");
    const page2 = await ticketList(admin, "?limit=2&page=2");
    expect(page1.hasMore).toBe(true);
    expect(page2).toMatchObject({ page: 2, hasMore: false });
    expect([...page1.tickets, ...page2.tickets].map((t) => t.number).sort()).toEqual([1, 2, 3]);
    await expectError(await api("/api/tickets?status=open", { cookie: admin }), 400, "bad_request");
  });

  it("numbers tickets per account, without gaps or duplicates when opened at the same moment", async () => {
    const { admin } = await adminOf("tickets-race");
    const other = await adminOf("tickets-race-other");
    const opened = await Promise.all(Array.from({ length: 12 }, (_, i) => openTicket(admin, { subject: `Corrida ${i}` })));
    expect(opened.map((t) => t.ticket.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await openTicket(other.admin)).ticket.number).toBe(1);
  });

  it("refuses bad bodies with 400 naming the field, and writes nothing", async () => {
    const { account, admin } = await adminOf("tickets-bad");
    const good = { subject: "Oi", customer: { name: "Maria", email: "maria@cliente.test" }, body: "Olá" };
    const bad: [Record<string, unknown>, string | undefined][] = [
      [{ subject: "" }, "subject"],
      [{ subject: "Oi\r\nBcc: x@y.test" }, "subject"],
      [{ customer: { name: "Maria", email: "não é e-mail" } }, "customer.email"],
      [{ customerId: crypto.randomUUID() }, "customer"],
      [{ priority: "asap" }, "priority"],
      [{ body: "x".repeat(10_001) }, "body"],
    ];
    for (const [change, field] of bad) {
      const res = await api("/api/tickets", { cookie: admin, body: { ...good, ...change } });
      expect(res.status).toBe(400);
      expect((await json(res)).error.field).toBe(field);
    }
    const { customer: _, ...withoutCustomer } = good;
    await expectError(await api("/api/tickets", { cookie: admin, body: { ...withoutCustomer, customerId: crypto.randomUUID() } }), 404, "unknown_customer");
    await expectError(await api("/api/tickets", { cookie: admin, body: "{" }), 400, "bad_request");
    expect(await count("SELECT COUNT(*) AS n FROM tickets WHERE account_id = ?", account.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id)).toBe(0);
  });
});

describe("replies and notes", () => {
  it("e-mails a public reply with [#n] subject, Message-ID and the ticket's Reply-To, threads the next one, and never mails a note", async () => {
    const { account, admin } = await adminOf("tickets-mail");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    const customer = { name: "Carla <Cliente>", email: `carla.${crypto.randomUUID()}@cliente.test` };
    const { ticket } = await openTicket(admin, { subject: "Pedido 42", customer, departmentId: account.departments.support });
    const support1 = await login(account.attendants.support1.email);

    const note = await replyTicket(support1, ticket.id, { body: "Nota secreta: cliente recorrente", internal: true });
    expect(note.status).toBe(201);
    expect((await json<TicketReplyResponse>(note)).entry).toMatchObject({ kind: "note", author: { id: account.attendants.support1.id } });
    const res = await replyTicket(support1, ticket.id, { body: "Olá Carla,\nseu pedido <saiu> hoje." });
    expect(res.status).toBe(201);
    const answer = await json<TicketReplyResponse>(res);
    expect(answer.entry).toMatchObject({ kind: "reply", body: "Olá Carla,\nseu pedido <saiu> hoje.", delivery: { status: "queued" } });
    expect(answer.ticket.status).toBe("waiting_customer");

    const stored = await env.DB.prepare("SELECT email_message_id, outbox_id FROM ticket_entries WHERE id = ?").bind(answer.entry.id).first<{ email_message_id: string; outbox_id: string }>();
    await waitForRow(account.id, stored!.outbox_id, (r) => r.status === "sent");
    const [got, ...more] = await lab.messages();
    expect(more).toEqual([]);
    expect(got).toMatchObject({ to: [customer.email], subject: `[#${ticket.number}] Pedido 42`, messageId: stored!.email_message_id, inReplyTo: null });
    expect(got!.text.trim()).toBe("Olá Carla,\nseu pedido <saiu> hoje.");
    expect(got!.html).toContain("&#60;saiu&#62;");
    expect(await readThreadAddress(env, got!.replyTo!)).toEqual({ ok: true, thread: { kind: "ticket", id: ticket.id } });
    expect((await ticketDetail(support1, ticket.id)).entries.find((e) => e.id === answer.entry.id)?.delivery).toMatchObject({ status: "sent", sentAt: expect.any(Number) });

    // The customer answers by e-mail; the next reply answers that e-mail and names the whole thread.
    const theirs = `<${crypto.randomUUID()}@cliente.test>`;
    expect(await appendTicketReply(env, inbound(ticket.id, { messageId: theirs, inReplyTo: got!.messageId }))).toBe("stored");
    const next = await json<TicketReplyResponse>(await replyTicket(support1, ticket.id, { body: "Segue o rastreio." }));
    const nextRow = await env.DB.prepare("SELECT outbox_id FROM ticket_entries WHERE id = ?").bind(next.entry.id).first<{ outbox_id: string }>();
    await waitForRow(account.id, nextRow!.outbox_id, (r) => r.status === "sent");
    const mails = await lab.messages();
    expect(mails).toHaveLength(2);
    expect(mails[1]).toMatchObject({ inReplyTo: theirs, references: [got!.messageId, theirs] });
    for (const mail of mails) expect(mail.raw).not.toContain("Nota secreta");
    expect((await ticketDetail(admin, ticket.id)).entries.map((e) => e.kind)).toEqual(["customer", "note", "reply", "customer", "reply"]);
  });

  it("refuses a public reply without e-mail settings (409, nothing stored) but keeps notes working", async () => {
    const { account, admin } = await adminOf("tickets-nomail");
    const { ticket } = await openTicket(admin);
    await expectError(await replyTicket(admin, ticket.id, { body: "Olá" }), 409, "email_not_configured");
    await expectError(await replyTicket(admin, ticket.id, { body: "" , internal: true }), 400, "bad_request");
    await expectError(await replyTicket(admin, ticket.id, { body: "x", internal: "yes" }), 400, "bad_request");
    expect(await count("SELECT COUNT(*) AS n FROM ticket_entries WHERE ticket_id = ?", ticket.id)).toBe(1);
    expect((await ticketDetail(admin, ticket.id)).ticket.status).toBe("new");
    expect((await replyTicket(admin, ticket.id, { body: "Só entre nós", internal: true })).status).toBe(201);
    expect((await ticketDetail(admin, ticket.id)).ticket.status).toBe("new");
    expect(await count("SELECT COUNT(*) AS n FROM ticket_entries WHERE account_id = ? AND kind = 'note'", account.id)).toBe(1);
  });
});

describe("a reply to a customer of the Painel do Cliente", () => {
  it("is stored without e-mail settings (read in the panel), with no outbox row, handing the turn to the customer", async () => {
    const { account, admin } = await adminOf("tickets-panel-nomail");
    const { ticket } = await openTicket(admin);
    await env.DB.prepare("INSERT INTO customer_credentials (customer_id, account_id, password_hash, created_at, updated_at) VALUES (?, ?, 'x', 0, 0)")
      .bind(ticket.customer.id, account.id)
      .run();
    const res = await replyTicket(admin, ticket.id, { body: "Resposta pelo painel" });
    expect(res.status).toBe(201);
    const row = await env.DB.prepare("SELECT kind, outbox_id, email_message_id FROM ticket_entries WHERE ticket_id = ? AND kind = 'reply'").bind(ticket.id).first();
    expect(row).toEqual({ kind: "reply", outbox_id: null, email_message_id: null });
    expect((await ticketDetail(admin, ticket.id)).ticket.status).toBe("waiting_customer");
  });
});

describe("assign, transfer, close, reopen", () => {
  it("assigns, transfers to another department, closes, and is reopened by the customer's e-mail once", async () => {
    const { account, admin } = await adminOf("tickets-flow");
    const { support, sales } = account.departments;
    const manager = await login(account.attendants.manager.email);
    const { ticket } = await openTicket(manager, { departmentId: support });

    const assigned = await json(await patchTicket(manager, ticket.id, { assigneeId: account.attendants.support1.id }));
    expect(assigned.ticket).toMatchObject({ status: "in_progress", assignee: { id: account.attendants.support1.id, name: account.attendants.support1.name } });
    // Transferred without naming an assignee: support1 does not attend sales and lets it go.
    const moved = await json(await patchTicket(admin, ticket.id, { departmentId: sales }));
    expect(moved.ticket).toMatchObject({ department: { id: sales, name: "Comercial" }, assignee: null });
    // The manager of support no longer sees it.
    await expectError(await api(`/api/tickets/${ticket.id}`, { cookie: manager }), 404, "not_found");
    const salesCookie = await login(account.attendants.sales.email);
    expect((await json(await patchTicket(salesCookie, ticket.id, { assigneeId: account.attendants.sales.id }))).ticket.assignee.id).toBe(account.attendants.sales.id);

    const closed = await json(await patchTicket(salesCookie, ticket.id, { status: "closed" }));
    expect(closed.ticket).toMatchObject({ status: "closed", closedAt: expect.any(Number) });
    const reply = inbound(ticket.id, { text: "Voltou a acontecer." });
    expect(await appendTicketReply(env, reply)).toBe("stored");
    const reopened = await ticketDetail(salesCookie, ticket.id);
    expect(reopened.ticket).toMatchObject({ status: "in_progress", closedAt: null, assignee: { id: account.attendants.sales.id } });
    expect(reopened.entries.at(-1)).toMatchObject({ kind: "customer", author: { id: null, name: "Maria Cliente" }, body: "Voltou a acontecer." });
    // The same e-mail delivered again, and after a close, changes nothing.
    await patchTicket(salesCookie, ticket.id, { status: "closed" });
    expect(await appendTicketReply(env, reply)).toBe("duplicate");
    expect((await ticketDetail(salesCookie, ticket.id)).ticket.status).toBe("closed");
    expect(await count("SELECT COUNT(*) AS n FROM ticket_entries WHERE ticket_id = ?", ticket.id)).toBe(2);
    // Unassigned, a closed ticket reopens as new (back to the queue).
    await patchTicket(salesCookie, ticket.id, { assigneeId: null });
    expect(await appendTicketReply(env, inbound(ticket.id))).toBe("stored");
    expect((await ticketDetail(salesCookie, ticket.id)).ticket.status).toBe("new");
    expect(await appendTicketReply(env, inbound(crypto.randomUUID()))).toBe("unknown_thread");

    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE account_id = ? AND action = 'ticket.updated' ORDER BY created_at").bind(account.id).all<{ detail: string }>();
    expect(audit.results.map((r) => Object.keys(JSON.parse(r.detail)).filter((k) => k !== "number").sort())).toEqual([
      ["assigneeId", "status"],
      ["assigneeId", "departmentId"],
      ["assigneeId"],
      ["status"],
      ["status"],
      ["assigneeId"],
    ]);
  });
});

describe("who may do what", () => {
  it("hides another department's and another account's tickets (404) and refuses what a role may not do (403)", async () => {
    const { account, admin } = await adminOf("tickets-roles");
    const other = await adminOf("tickets-roles-other");
    const { support, sales } = account.departments;
    const { ticket } = await openTicket(admin, { departmentId: support });
    const loose = (await openTicket(admin)).ticket;
    const salesCookie = await login(account.attendants.sales.email);
    const support1 = await login(account.attendants.support1.email);

    for (const cookie of [salesCookie, other.admin]) {
      await expectError(await api(`/api/tickets/${ticket.id}`, { cookie }), 404, "not_found");
      await expectError(await patchTicket(cookie, ticket.id, { status: "closed" }), 404, "not_found");
      await expectError(await replyTicket(cookie, ticket.id, { body: "x", internal: true }), 404, "not_found");
    }
    expect((await ticketList(salesCookie)).tickets.map((t) => t.id)).toEqual([loose.id]);
    expect((await ticketList(salesCookie, `?departmentId=${support}`)).tickets).toEqual([]);
    expect((await ticketList(other.admin)).tickets).toEqual([]);
    await expectError(await api(`/api/tickets/${loose.id}`, { cookie: other.admin }), 404, "not_found");

    // Attendants take a ticket or let it go; giving it to someone else is for managers and administrators.
    await expectError(await patchTicket(support1, ticket.id, { assigneeId: account.attendants.support2.id }), 403, "forbidden");
    expect((await patchTicket(support1, ticket.id, { assigneeId: account.attendants.support1.id })).status).toBe(200);
    expect((await patchTicket(support1, ticket.id, { assigneeId: null })).status).toBe(200);
    // The assignee must attend the ticket's department.
    const refused = await patchTicket(admin, ticket.id, { assigneeId: account.attendants.sales.id });
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.field).toBe("assigneeId");
    await expectError(await patchTicket(admin, ticket.id, { assigneeId: other.account.attendants.support1.id }), 404, "unknown_attendant");
    await expectError(await patchTicket(admin, ticket.id, { departmentId: other.account.departments.sales }), 404, "unknown_department");
    await expectError(await patchTicket(admin, ticket.id, { status: "done" }), 400, "bad_request");
    await expectError(await patchTicket(admin, ticket.id, {}), 400, "bad_request");
    // Opening a ticket in a department one does not work in.
    await expectError(await api("/api/tickets", { cookie: support1, body: { subject: "x", customer: { name: "A", email: "a@b.test" }, body: "x", departmentId: sales } }), 403, "forbidden");
    await expectError(await api("/api/tickets"), 401, "unauthenticated");

    const after = await ticketDetail(admin, ticket.id);
    // Taken once, the ticket stays in progress after it was let go.
    expect(after.ticket).toMatchObject({ status: "in_progress", assignee: null, department: { id: support } });
    expect(after.ticket.updatedAt).toBeGreaterThanOrEqual(ticket.updatedAt);
  });
});
