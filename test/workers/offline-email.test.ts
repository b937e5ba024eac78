import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readThreadAddress } from "../../worker/email/thread-address";
import type { OfflineMessagesResponse } from "../../worker/views";
import { api, count, createAccount, expectError, json, login } from "./helpers";
import { configureEmail, LabServer, waitForRow } from "./mail-helpers";
import { answer, deliverInbound, entryRows, leaveOfflineMessage, mime, replyTo, statusOf, thread } from "./offline-mail-helpers";

async function setup(label: string) {
  const account = await createAccount(label);
  const admin = await login(account.attendants.admin.email);
  const server = await LabServer.start();
  await configureEmail(admin, server);
  return { account, admin, server };
}

async function list(cookie: string, query: string): Promise<OfflineMessagesResponse> {
  const res = await api(`/api/offline-messages${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<OfflineMessagesResponse>(res);
}

describe("Mensagens Offline answered by e-mail", () => {
  it("offline form → list → detail → answer → outbox → the SMTP server, threaded on the second answer", async () => {
    const { account, admin, server } = await setup("offline-flow");
    const id = await leaveOfflineMessage(account);
    const support = await login(account.attendants.support1.email);

    const fresh = await list(support, `?status=new&departmentId=${account.departments.support}`);
    expect(fresh.offlineMessages.map((m) => [m.id, m.status])).toEqual([[id, "new"]]);
    expect((await thread(support, id)).entries).toEqual([]);

    const first = await answer(support, id, "Entregamos sim, em até 10 dias.");
    expect(first.entry).toMatchObject({ authorType: "attendant", authorId: account.attendants.support1.id, body: "Entregamos sim, em até 10 dias.", delivery: { state: "queued" } });
    expect(first.offlineMessage).toMatchObject({ id, status: "answered", answeredAt: expect.any(Number) });
    const [row] = await entryRows(id);
    expect(row).toMatchObject({ author_type: "attendant", outbox_id: expect.any(String), email_message_id: expect.stringMatching(/^<.+@acme\.test>$/) });
    await waitForRow(account.id, String(row!.outbox_id), (r) => r.status === "sent");

    const [received] = await server.messages();
    expect(received!.envelope.to).toEqual(["maria@cliente.test"]);
    expect(received!.subject).toBe("Re: Vocês entregam em Manaus?");
    expect(received!.text.trim()).toBe("Entregamos sim, em até 10 dias.");
    expect(received!.messageId).toBe(row!.email_message_id);
    expect(received!.inReplyTo).toBeNull();
    expect(await readThreadAddress(env, received!.replyTo!)).toEqual({ ok: true, thread: { kind: "offline", id } });

    const detail = await thread(support, id);
    expect(detail.offlineMessage).toMatchObject({ status: "answered", message: "Vocês entregam em Manaus?", email: "maria@cliente.test" });
    expect(detail.entries.map((e) => e.delivery)).toEqual([{ state: "sent", error: null }]);
    expect((await list(admin, "?status=answered")).offlineMessages.map((m) => m.id)).toEqual([id]);
    expect((await list(admin, "?status=new")).offlineMessages).toEqual([]);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ? AND action = 'offline_message.answered' AND target_id = ?", account.id, id)).toBe(1);

    const second = await answer(admin, id, "E o frete é grátis.");
    const rows = await entryRows(id);
    await waitForRow(account.id, String(rows[1]!.outbox_id), (r) => r.status === "sent");
    const again = (await server.messages()).find((m) => m.messageId === rows[1]!.email_message_id)!;
    expect(second.entry.authorName).toBe(account.attendants.admin.name);
    expect(again.inReplyTo).toBe(row!.email_message_id);
    expect(again.references).toEqual([row!.email_message_id]);
    expect(again.replyTo).toBe(received!.replyTo);
    // answered_at keeps the first answer's time.
    expect((await thread(admin, id)).offlineMessage.answeredAt).toBe(first.offlineMessage.answeredAt);
  });

  it("chains the customer's e-mailed reply into the next answer's References", async () => {
    const { account, admin, server } = await setup("offline-chain");
    const id = await leaveOfflineMessage(account, { email: "joana@cliente.test" });
    await answer(admin, id, "Qual é o CEP?");
    const [first] = await entryRows(id);
    await waitForRow(account.id, String(first!.outbox_id), (r) => r.status === "sent");
    const [sent] = await server.messages();
    const delivered = await deliverInbound(
      mime({ from: "Joana <joana@cliente.test>", to: sent!.replyTo!, messageId: "<joana-1@cliente.test>", inReplyTo: sent!.messageId!, body: "69000-000" }),
      { from: "joana@cliente.test", to: sent!.replyTo! },
    );
    expect(delivered.rejected).toBeNull();
    await answer(admin, id, "Obrigado!");
    const rows = await entryRows(id);
    await waitForRow(account.id, String(rows[2]!.outbox_id), (r) => r.status === "sent");
    const last = (await server.messages()).find((m) => m.messageId === rows[2]!.email_message_id)!;
    expect(last.inReplyTo).toBe("<joana-1@cliente.test>");
    expect(last.references).toEqual([first!.email_message_id, "<joana-1@cliente.test>"]);
  });

  it("refuses to answer with 409 email_not_configured when e-mail is not set up, and stores nothing", async () => {
    const account = await createAccount("offline-no-mail");
    const admin = await login(account.attendants.admin.email);
    const id = await leaveOfflineMessage(account);
    const res = await replyTo(admin, id, { body: "Olá" });
    expect(res.status).toBe(409);
    const { error } = await json(res);
    expect(error.code).toBe("email_not_configured");
    expect(error.message).toMatch(/SMTP/);
    expect(await entryRows(id)).toEqual([]);
    expect(await statusOf(id)).toBe("new");
    expect((await json(await api("/api/outbox", { cookie: admin }))).emails).toEqual([]);
  });

  it("refuses bad answers with 400 and a message that became a ticket with 409, changing nothing", async () => {
    const { account, admin } = await setup("offline-bad");
    const id = await leaveOfflineMessage(account);
    for (const body of [{}, { body: "   " }, { body: "x".repeat(10_001) }, { body: "ok", extra: 1 }, "not json"]) {
      await expectError(await replyTo(admin, id, body), 400, "bad_request");
    }
    await env.DB.prepare("UPDATE offline_messages SET status = 'ticket' WHERE id = ?").bind(id).run();
    await expectError(await replyTo(admin, id, { body: "Olá" }), 409, "converted_to_ticket");
    expect(await entryRows(id)).toEqual([]);
    expect(await statusOf(id)).toBe("ticket");
  });

  it("follows the role rules: another department or account 404, a manager and the department's attendants may answer", async () => {
    const { account } = await setup("offline-roles");
    const other = await createAccount("offline-roles-other");
    const id = await leaveOfflineMessage(account);
    const sales = await login(account.attendants.sales.email);
    // Another department's message is unknown to them: the same 404 as another account's.
    await expectError(await api(`/api/offline-messages/${id}`, { cookie: sales }), 404, "not_found");
    await expectError(await replyTo(sales, id, { body: "Olá" }), 404, "not_found");
    const stranger = await login(other.attendants.admin.email);
    await expectError(await api(`/api/offline-messages/${id}`, { cookie: stranger }), 404, "not_found");
    await expectError(await replyTo(stranger, id, { body: "Olá" }), 404, "not_found");
    await expectError(await api(`/api/offline-messages/nope!`, { cookie: stranger }), 404, "not_found");
    await expectError(await api(`/api/offline-messages/${id}`), 401);
    expect(await entryRows(id)).toEqual([]);
    // Sales attendants may not filter into support either.
    expect((await list(sales, `?departmentId=${account.departments.support}`)).offlineMessages).toEqual([]);
    await expectError(await api("/api/offline-messages?status=closed", { cookie: sales }), 400, "bad_request");

    const manager = await login(account.attendants.manager.email);
    expect((await answer(manager, id, "Sim")).entry.authorId).toBe(account.attendants.manager.id);
    // A message left without a department is for administrators and managers, as in the list.
    const loose = await leaveOfflineMessage(account, { departmentId: undefined });
    await expectError(await replyTo(sales, loose, { body: "Olá" }), 404, "not_found");
    expect((await answer(manager, loose, "Olá")).offlineMessage.status).toBe("answered");
  });

  it("keeps CR/LF in the customer's name out of the headers", async () => {
    const { account, admin, server } = await setup("offline-crlf");
    const id = await leaveOfflineMessage(account, { name: "Maria\r\nBcc: evil@evil.test", email: "maria.crlf@cliente.test" });
    await answer(admin, id, "Olá!\r\nBcc: outro@evil.test");
    const [row] = await entryRows(id);
    await waitForRow(account.id, String(row!.outbox_id), (r) => r.status === "sent");
    const [received] = await server.messages();
    expect(received!.envelope.to).toEqual(["maria.crlf@cliente.test"]);
    expect(received!.headerNames).not.toContain("bcc");
    expect(received!.raw).not.toMatch(/^Bcc:/im);
  });
});
