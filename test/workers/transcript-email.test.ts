import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signToken } from "../../worker/auth/tokens";
import { outboxOf } from "../../worker/email/send";
import { TRANSCRIPT_EVERY_MS } from "../../worker/routes/widget-transcript";
import type { WidgetConfigResponse } from "../../worker/views";
import { api, createAccount, customerSocket, expectError, json, login, room, type TestAccount } from "./helpers";
import { acceptAndClose, bearer, closedChat, openChat, putSettings } from "./customization-helpers";
import { configureEmail, LabServer, waitForRow } from "./mail-helpers";

function ask(account: TestAccount, chatId: string, token?: string, body: Record<string, unknown> = {}): Promise<Response> {
  return api(`/api/widget/chats/${chatId}/transcript`, { body: { account: account.publicKey, ...body }, headers: token ? bearer(token) : {} });
}

/** Turns the transcript policy on (and the e-mail settings, at `lab`, when given); returns the admin's cookie. */
async function allow(account: TestAccount, lab?: LabServer): Promise<string> {
  const admin = await login(account.attendants.admin.email);
  expect((await putSettings(admin, { policies: { transcriptByEmail: true } })).status).toBe(200);
  if (lab) await configureEmail(admin, lab);
  return admin;
}

const outboxRows = async (account: TestAccount) => (await outboxOf(env, account.id).list(undefined, 1, 100)).emails;

/** A customer, a chat of theirs closed two hours ago (read from D1, not from the room) and its messages, written to D1. */
async function oldClosedChat(account: TestAccount, messages: { type: "customer" | "attendant" | "system"; name: string; body: string; internal?: boolean }[]) {
  const customerId = crypto.randomUUID();
  const chatId = crypto.randomUUID();
  const at = Date.now() - 2 * 60 * 60_000;
  const email = `old.${customerId}@example.com`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").bind(customerId, account.id, "Olga", email, at, at),
    env.DB.prepare(
      "INSERT INTO chats (id, account_id, number, department_id, customer_id, status, origin, created_at, closed_at, closed_by, last_seq) VALUES (?, ?, ?, ?, ?, 'closed', 'widget', ?, ?, 'attendant', ?)",
    ).bind(chatId, account.id, 9000 + Math.floor(Math.random() * 999), account.departments.support, customerId, at, at + 60_000, messages.length),
    ...messages.map((m, i) =>
      env.DB.prepare(
        "INSERT INTO chat_messages (id, account_id, chat_id, seq, author_type, author_name, body, internal, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).bind(crypto.randomUUID(), account.id, chatId, i + 1, m.type, m.name, m.body, m.internal ? 1 : 0, at + i * 1000),
    ),
  ]);
  const token = await signToken(env.TOKEN_SECRET, { k: "customer", a: account.id, c: customerId, iat: Date.now() });
  return { chatId, token, email };
}

describe("POST /api/widget/chats/:id/transcript", () => {
  it("is off by default: 403 transcript_disabled, the config says so, and nothing is queued", async () => {
    const account = await createAccount("transcript-off");
    const lab = await LabServer.start();
    await configureEmail(await login(account.attendants.admin.email), lab);
    const chat = await closedChat(account, "support1", account.departments.support);
    const config = await json<WidgetConfigResponse>(await api(`/api/widget/config?account=${account.publicKey}`));
    expect(config.transcriptByEmail).toBe(false);
    await expectError(await ask(account, chat.chat.id, chat.customerToken), 403, "transcript_disabled");
    expect(await outboxRows(account)).toEqual([]);
  });

  it("refuses 409 email_not_configured before the account's e-mail is set up, and 409 chat_not_closed while the chat is open", async () => {
    const account = await createAccount("transcript-unconfigured");
    await allow(account);
    const config = await json<WidgetConfigResponse>(await api(`/api/widget/config?account=${account.publicKey}`));
    expect(config.transcriptByEmail).toBe(true);
    const { started, agent } = await openChat(account, "support1", account.departments.support);
    await expectError(await ask(account, started.chat.id, started.customerToken), 409, "chat_not_closed");
    await acceptAndClose(agent, started);
    agent.close();
    await expectError(await ask(account, started.chat.id, started.customerToken), 409, "email_not_configured");
    expect(await outboxRows(account)).toEqual([]);
  });

  it("mails the customer and attendant lines, never an internal note, escaped, to the chat's customer", async () => {
    const account = await createAccount("transcript-send");
    const lab = await LabServer.start();
    await allow(account, lab);
    const email = `maria.${crypto.randomUUID()}@example.com`;
    const { started, agent } = await openChat(account, "support1", account.departments.support, { email, message: "Meu pedido <script>alert(1)</script> atrasou" });
    const customer = await customerSocket(started.ws);
    agent.send({ type: "chat.accept", chatId: started.chat.id });
    await customer.next("chat.accepted");
    agent.send({ type: "message.send", chatId: started.chat.id, clientId: "a1", body: "Vou verificar & já respondo" });
    await customer.next("message.created", (f) => f.message.body.startsWith("Vou verificar"));
    // An attendants-only note in the room (what a transfer's note is).
    await runInDurableObject(room(account, account.departments.support), (_instance, state) => {
      const seq = state.storage.sql.exec<{ s: number }>("SELECT MAX(seq) AS s FROM messages WHERE chat_id = ?", started.chat.id).one().s + 1;
      state.storage.sql.exec(
        "INSERT INTO messages (chat_id, seq, id, client_id, author_type, author_id, author_name, body, created_at, internal) VALUES (?, ?, ?, NULL, 'attendant', NULL, 'Ana', 'NOTA INTERNA: cliente difícil', ?, 1)",
        started.chat.id,
        seq,
        crypto.randomUUID(),
        Date.now(),
      );
    });
    agent.send({ type: "chat.close", chatId: started.chat.id });
    await customer.next("chat.closed");
    customer.close();
    agent.close();

    const res = await ask(account, started.chat.id, started.customerToken);
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ transcript: { to: email } });
    const [row] = await outboxRows(account);
    expect(row).toMatchObject({ to: email, ref: `chat-transcript:${started.chat.id}` });
    await waitForRow(account.id, row!.id, (r) => r.status === "sent");
    const [got, ...more] = await lab.messages();
    expect(more).toEqual([]);
    expect(got!.envelope.to).toEqual([email]);
    expect(got!.subject).toBe(`Sua conversa #${started.chat.number} com transcript-send Ltda`);
    expect(got!.text).toContain("Maria Cliente: Meu pedido <script>alert(1)</script> atrasou");
    expect(got!.text).toContain("Vou verificar & já respondo");
    expect(got!.text).not.toContain("NOTA INTERNA");
    expect(got!.html).not.toContain("NOTA INTERNA");
    expect(got!.html).not.toContain("<script>");
    expect(got!.html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
  });

  it("reads an old chat from D1 without its internal notes, system lines kept", async () => {
    const account = await createAccount("transcript-d1");
    const lab = await LabServer.start();
    await allow(account, lab);
    const chat = await oldClosedChat(account, [
      { type: "customer", name: "Olga", body: "Oi, preciso da segunda via" },
      { type: "attendant", name: "Ana", body: "Transferindo para o financeiro", internal: true },
      { type: "system", name: "Sistema", body: "Chat transferido para Financeiro" },
      { type: "attendant", name: "Bruno", body: "Segue a segunda via" },
    ]);
    expect((await ask(account, chat.chatId, chat.token)).status).toBe(202);
    const [row] = await outboxRows(account);
    await waitForRow(account.id, row!.id, (r) => r.status === "sent");
    const [got] = await lab.messages();
    expect(got!.to).toEqual([chat.email]);
    expect(got!.text).toMatch(/Olga: Oi, preciso da segunda via[\s\S]*Sistema: Chat transferido para Financeiro[\s\S]*Bruno: Segue a segunda via/);
    expect(got!.text).not.toContain("Transferindo para o financeiro");
    expect(got!.html).not.toContain("Transferindo para o financeiro");
  });

  it("sends one transcript per chat every 10 minutes: then 429 rate_limited with retryAfter, also for two at once", async () => {
    const account = await createAccount("transcript-limit");
    const lab = await LabServer.start();
    await allow(account, lab);
    const chat = await closedChat(account, "support1", account.departments.support);
    const first = await Promise.all([ask(account, chat.chat.id, chat.customerToken), ask(account, chat.chat.id, chat.customerToken)]);
    expect(first.map((r) => r.status).sort()).toEqual([202, 429]);
    const again = await ask(account, chat.chat.id, chat.customerToken);
    expect(again.status).toBe(429);
    const { error } = await json(again);
    expect(error.code).toBe("rate_limited");
    expect(error.retryAfter).toBeGreaterThan(TRANSCRIPT_EVERY_MS / 1000 - 30);
    expect(error.retryAfter).toBeLessThanOrEqual(TRANSCRIPT_EVERY_MS / 1000);
    expect(Number(again.headers.get("retry-after"))).toBe(error.retryAfter);
    expect(await outboxRows(account)).toHaveLength(1);
    // Another chat of the account is not held back.
    const other = await closedChat(account, "support2", account.departments.support);
    expect((await ask(account, other.chat.id, other.customerToken)).status).toBe(202);
  });

  it("answers 404 for another customer's chat or an unknown id, 401 without a valid token, 400 for a bad body; nothing queued", async () => {
    const account = await createAccount("transcript-foreign");
    const other = await createAccount("transcript-foreign-other");
    const lab = await LabServer.start();
    await allow(account, lab);
    const chat = await closedChat(account, "support1", account.departments.support);
    const stranger = await closedChat(account, "support2", account.departments.support);
    const outsider = await closedChat(other, "sales", other.departments.sales);
    await expectError(await ask(account, chat.chat.id, stranger.customerToken), 404, "not_found");
    await expectError(await ask(account, "no-such-chat", chat.customerToken), 404, "not_found");
    await expectError(await ask(account, "bad id!", chat.customerToken), 404, "not_found");
    await expectError(await ask(account, chat.chat.id, outsider.customerToken), 401, "invalid_token");
    await expectError(await ask(account, chat.chat.id), 401, "invalid_token");
    await expectError(await ask(other, outsider.chat.id, outsider.customerToken), 403, "transcript_disabled");
    await expectError(await ask(account, chat.chat.id, chat.customerToken, { to: "evil@example.net" }), 400, "bad_request");
    expect(await outboxRows(account)).toEqual([]);
    expect(await outboxRows(other)).toEqual([]);
  });
});
