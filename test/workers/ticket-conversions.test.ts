import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { purgeAccount } from "../../worker/retention";
import type { TicketDetailResponse } from "../../worker/views-tickets";
import { api, attendantSocket, count, createAccount, customerSocket, expectError, json, login, room, startChat } from "./helpers";
import { leaveOfflineMessage, openTicket, patchTicket, replyTicket, setOfflineToTicket, ticketList } from "./ticket-helpers";

const DAY = 86_400_000;

async function adminOf(label: string) {
  const account = await createAccount(label);
  return { account, admin: await login(account.attendants.admin.email) };
}

const offlineRow = (id: string) => env.DB.prepare("SELECT status, ticket_id FROM offline_messages WHERE id = ?").bind(id).first<{ status: string; ticket_id: string | null }>();

describe("offline message → ticket, by hand", () => {
  it("makes the message the ticket's first customer entry, marks it converted in the same batch, and refuses a second time with the ticket id", async () => {
    const { account, admin } = await adminOf("convert-manual");
    const id = await leaveOfflineMessage(account, { departmentId: account.departments.support, name: "Joana", email: "joana@cliente.test" });
    const support1 = await login(account.attendants.support1.email);
    const res = await api(`/api/offline-messages/${id}/ticket`, { method: "POST", cookie: support1 });
    expect(res.status).toBe(201);
    const { ticket, entries } = await json<TicketDetailResponse>(res);
    expect(ticket).toMatchObject({
      number: 1,
      subject: "Vocês entregam em Manaus?",
      source: "offline_message",
      status: "new",
      customer: { name: "Joana", email: "joana@cliente.test" },
      department: { id: account.departments.support },
    });
    expect(entries).toEqual([expect.objectContaining({ kind: "customer", body: "Vocês entregam em Manaus?\nObrigada", author: { id: null, name: "Joana" } })]);
    expect(await offlineRow(id)).toEqual({ status: "ticket", ticket_id: ticket.id });

    const again = await api(`/api/offline-messages/${id}/ticket`, { method: "POST", cookie: admin });
    expect(again.status).toBe(409);
    expect((await json(again)).error).toMatchObject({ code: "already_converted", ticketId: ticket.id });
    // Two at the same moment: one ticket.
    const other = await leaveOfflineMessage(account);
    const both = await Promise.all([1, 2].map(() => api(`/api/offline-messages/${other}/ticket`, { method: "POST", cookie: admin })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count("SELECT COUNT(*) AS n FROM tickets WHERE account_id = ?", account.id)).toBe(2);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ? AND action = 'ticket.created'", account.id)).toBe(2);
  });

  it("is refused for another department's or another account's message (404), and writes nothing", async () => {
    const { account } = await adminOf("convert-refused");
    const other = await adminOf("convert-refused-other");
    const id = await leaveOfflineMessage(account, { departmentId: account.departments.support });
    for (const cookie of [await login(account.attendants.sales.email), other.admin]) {
      await expectError(await api(`/api/offline-messages/${id}/ticket`, { method: "POST", cookie }), 404, "not_found");
    }
    await expectError(await api(`/api/offline-messages/${id}/ticket`, { method: "POST" }), 401, "unauthenticated");
    expect(await offlineRow(id)).toEqual({ status: "new", ticket_id: null });
    expect(await count("SELECT COUNT(*) AS n FROM tickets WHERE account_id = ?", account.id)).toBe(0);
  });
});

describe("offline message → ticket, automatically", () => {
  it("follows the account's policy and each department's override", async () => {
    const { account, admin } = await adminOf("convert-auto");
    const { support, sales } = account.departments;
    const tickets = () => count("SELECT COUNT(*) AS n FROM tickets WHERE account_id = ?", account.id);

    const off = await leaveOfflineMessage(account, { departmentId: support });
    expect(await offlineRow(off)).toEqual({ status: "new", ticket_id: null });
    expect(await tickets()).toBe(0);

    // On for the account, off for sales.
    await setOfflineToTicket(admin, account, true, { id: sales, on: false });
    const converted = await leaveOfflineMessage(account, { departmentId: support, name: "Rui", email: "rui@cliente.test", message: "Quero um orçamento" });
    const row = await offlineRow(converted);
    expect(row?.status).toBe("ticket");
    const ticket = await env.DB.prepare("SELECT * FROM tickets WHERE id = ?").bind(row!.ticket_id).first<Record<string, unknown>>();
    expect(ticket).toMatchObject({ source: "offline_message", source_id: converted, department_id: support, subject: "Quero um orçamento", status: "new" });
    const loose = await leaveOfflineMessage(account);
    expect((await offlineRow(loose))?.status).toBe("ticket");
    const kept = await leaveOfflineMessage(account, { departmentId: sales });
    expect(await offlineRow(kept)).toEqual({ status: "new", ticket_id: null });
    expect(await tickets()).toBe(2);
    const entry = await env.DB.prepare("SELECT detail, actor_name FROM audit_log WHERE account_id = ? AND action = 'ticket.created'").bind(account.id).first<{ detail: string; actor_name: string }>();
    expect(entry?.actor_name).toBe("Sistema");
    expect(JSON.parse(entry!.detail)).toMatchObject({ automatic: true });

    // Off for the account, on for sales only.
    await setOfflineToTicket(admin, account, false, { id: sales, on: true });
    expect((await offlineRow(await leaveOfflineMessage(account, { departmentId: sales })))?.status).toBe("ticket");
    expect((await offlineRow(await leaveOfflineMessage(account, { departmentId: support })))?.status).toBe("new");
    expect(await tickets()).toBe(3);
    // The converted ones are in the ticket queue.
    expect((await ticketList(admin)).tickets.map((t) => t.source)).toEqual(["offline_message", "offline_message", "offline_message"]);
  });

  it("refuses a policy that is not a boolean, and keeps the stored one", async () => {
    const { account, admin } = await adminOf("convert-policy-bad");
    await setOfflineToTicket(admin, account, true);
    const settings = await json(await api("/api/settings", { cookie: admin }));
    await expectError(await api("/api/settings", { method: "PUT", cookie: admin, body: { ...settings.account, policies: { offlineToTicket: "yes" } } }), 400, "bad_request");
    await expectError(await api(`/api/settings/departments/${account.departments.sales}`, { method: "PUT", cookie: admin, body: { look: {}, policies: { offlineToTicket: 1 } } }), 400, "bad_request");
    expect((await json(await api("/api/settings", { cookie: admin }))).account.policies.offlineToTicket).toBe(true);
  });
});

describe("chat → ticket", () => {
  it("turns an open chat's transcript (no internal notes, no system lines) into the first entry, once", async () => {
    const { account, admin } = await adminOf("convert-chat");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const started = await startChat(account, support, { name: "Paula", message: "Minha fatura veio errada" });
    const customer = await customerSocket(started.ws);
    agent.send({ type: "chat.accept", chatId: started.chat.id });
    await customer.next("chat.accepted");
    agent.send({ type: "message.send", chatId: started.chat.id, clientId: "a1", body: "Vou verificar" });
    await customer.next("message.created", (f) => f.message.clientId === "a1");
    // An internal note in the room (as a transfer's note is stored).
    await runInDurableObject(room(account, support), (instance) => {
      instance.storage.appendMessage(started.chat.id, { type: "attendant", id: account.attendants.support1.id, name: "x" }, "segredo interno", null, Date.now(), true);
    });

    const support1 = await login(account.attendants.support1.email);
    const res = await api(`/api/chats/${started.chat.id}/ticket`, { method: "POST", cookie: support1 });
    expect(res.status).toBe(201);
    const { ticket, entries } = await json<TicketDetailResponse>(res);
    expect(ticket).toMatchObject({ subject: "Minha fatura veio errada", source: "chat", customer: { id: started.customer.id }, department: { id: support }, assignee: { id: account.attendants.support1.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.body).toContain(`Chat #${started.chat.number}`);
    expect(entries[0]!.body).toContain("Paula: Minha fatura veio errada");
    expect(entries[0]!.body).toContain(`${account.attendants.support1.name}: Vou verificar`);
    expect(entries[0]!.body).not.toContain("segredo interno");
    expect(entries[0]!.body).not.toContain("Já vamos atender");

    const again = await api(`/api/chats/${started.chat.id}/ticket`, { method: "POST", cookie: admin });
    expect(again.status).toBe(409);
    expect((await json(again)).error).toMatchObject({ code: "already_converted", ticketId: ticket.id });
    await expectError(await api(`/api/chats/${started.chat.id}/ticket`, { method: "POST", cookie: await login(account.attendants.sales.email) }), 404, "not_found");
    const other = await adminOf("convert-chat-other");
    await expectError(await api(`/api/chats/${started.chat.id}/ticket`, { method: "POST", cookie: other.admin }), 404, "not_found");
    agent.close();
    customer.close();
  });
});

describe("forgetting and retention", () => {
  it("deletes the forgotten customer's tickets and every entry of them", async () => {
    const { admin } = await adminOf("tickets-forget");
    const { ticket } = await openTicket(admin, { subject: "Dados pessoais" });
    await replyTicket(admin, ticket.id, { body: "nota", internal: true });
    const bystander = await openTicket(admin);
    expect((await api(`/api/customers/${ticket.customer.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect(await count("SELECT COUNT(*) AS n FROM tickets WHERE customer_id = ?", ticket.customer.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM ticket_entries WHERE ticket_id = ?", ticket.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM ticket_entries WHERE ticket_id = ?", bystander.ticket.id)).toBe(1);
    await expectError(await api(`/api/tickets/${ticket.id}`, { cookie: admin }), 404, "not_found");
    expect((await api(`/api/customers/${ticket.customer.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
  });

  it("purges tickets closed before the retention period with their entries, never open ones", async () => {
    const { account, admin } = await adminOf("tickets-retention");
    const old = (await openTicket(admin)).ticket;
    const recent = (await openTicket(admin)).ticket;
    const open = (await openTicket(admin)).ticket;
    await patchTicket(admin, old.id, { status: "closed" });
    await patchTicket(admin, recent.id, { status: "closed" });
    const now = Date.now();
    await env.DB.prepare("UPDATE tickets SET closed_at = ?, created_at = ? WHERE id = ?").bind(now - 40 * DAY, now - 50 * DAY, old.id).run();
    await env.DB.prepare("UPDATE tickets SET created_at = ? WHERE id = ?").bind(now - 50 * DAY, open.id).run();
    const report = await purgeAccount(env, { id: account.id, retentionDays: 30 }, now);
    expect(report).toMatchObject({ tickets: 1 });
    const left = await env.DB.prepare("SELECT id FROM tickets WHERE account_id = ? ORDER BY number").bind(account.id).all<{ id: string }>();
    expect(left.results.map((r) => r.id)).toEqual([recent.id, open.id]);
    expect(await count("SELECT COUNT(*) AS n FROM ticket_entries WHERE ticket_id = ?", old.id)).toBe(0);
  });
});
