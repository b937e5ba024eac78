/**
 * Issue 12, visitor details: the chat's start records the User-Agent and the page's title, and
 * GET /api/chats/:id/visitor reads them back parsed, with the customer's earlier chats.
 * Refusals: no session 401, a department the caller does not see and another account's chat 404,
 * a bad page title 400 with nothing written.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ChatVisitorResponse } from "../../worker/views-console";
import { api, attendantSocket, createAccount, customerSocket, expectError, json, login } from "./helpers";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function start(account: { publicKey: string }, departmentId: string, email: string, extra: Record<string, unknown> = {}, token?: string) {
  return api("/api/widget/chats", {
    body: { account: account.publicKey, departmentId, name: "Vera Visitante", email, message: "Oi", pageUrl: "https://loja.example.com/carrinho", ...extra },
    headers: { "user-agent": IPHONE, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

describe("visitor details", () => {
  it("records the browser and the page title at the start, and lists the customer's earlier chats", async () => {
    const account = await createAccount("visitor");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const email = `vera.${crypto.randomUUID()}@example.com`;
    const first = await json(await start(account, support, email, { pageTitle: "  Carrinho — Loja  " }));
    const customer = await customerSocket(first.ws);
    customer.send({ type: "chat.close", chatId: first.chat.id });
    await customer.next("chat.closed");
    customer.close();
    const second = await json(await start(account, support, email, { pageTitle: "Pagamento" }, first.customerToken));

    const row = await env.DB.prepare("SELECT user_agent, page_title FROM chats WHERE id = ?").bind(first.chat.id).first();
    expect(row).toEqual({ user_agent: IPHONE, page_title: "Carrinho — Loja" });

    const cookie = await login(account.attendants.support1.email);
    const res = await api(`/api/chats/${second.chat.id}/visitor`, { cookie });
    expect(res.status).toBe(200);
    const body = await json<ChatVisitorResponse>(res);
    expect(body).toMatchObject({ browser: "Safari 17", os: "iOS 17", device: "mobile", userAgent: IPHONE, pageTitle: "Pagamento", pageUrl: "https://loja.example.com/carrinho" });
    expect(body.previousChats.count).toBe(1);
    expect(body.previousChats.latest).toEqual([{ id: first.chat.id, number: first.chat.number, status: "closed", departmentName: "Suporte", createdAt: first.chat.createdAt }]);
    // The first chat had none before it.
    const earlier = await json<ChatVisitorResponse>(await api(`/api/chats/${first.chat.id}/visitor`, { cookie }));
    expect(earlier.previousChats).toEqual({ count: 0, latest: [] });
    agent.close();
  });

  it("refuses a bad page title without writing anything, and hides chats the caller may not see", async () => {
    const account = await createAccount("visitor-refused");
    const other = await createAccount("visitor-other");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const email = `bad.${crypto.randomUUID()}@example.com`;
    await expectError(await start(account, support, email, { pageTitle: "x".repeat(301) }), 400, "bad_request");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM customers WHERE email = ?").bind(email).first()).toEqual({ n: 0 });

    const started = await json(await start(account, support, email));
    await expectError(await api(`/api/chats/${started.chat.id}/visitor`), 401, "unauthenticated");
    await expectError(await api(`/api/chats/${started.chat.id}/visitor`, { cookie: await login(account.attendants.sales.email) }), 404, "not_found");
    await expectError(await api(`/api/chats/${started.chat.id}/visitor`, { cookie: await login(other.attendants.admin.email) }), 404, "not_found");
    await expectError(await api(`/api/chats/not%20an%20id/visitor`, { cookie: await login(account.attendants.admin.email) }), 404, "not_found");
    agent.close();
  });
});
