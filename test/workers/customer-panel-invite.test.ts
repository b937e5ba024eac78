/**
 * Inviting a customer from the console (POST /api/customers/:id/invitation), accepting the
 * invitation, forgetting a customer (their login, sessions and links go), and the daily purge
 * of expired sessions and links.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { purgeExpiredCustomerAuth } from "../../worker/customer-auth/purge";
import { api, createAccount, expectError, json, login } from "./helpers";
import { customerWithLogin, linkToken, mailTo, panelAccount, panelLogin, plainCustomer } from "./panel-helpers";

const PASSWORD_CHOSEN = "senha do convite 123";

async function count(sql: string, ...values: unknown[]): Promise<number> {
  return Number((await env.DB.prepare(sql).bind(...values).first())?.n);
}

describe("inviting a customer", () => {
  it("e-mails a 7-day link, answers it to the console, audits it; accepting makes this customer the verified login", async () => {
    const { account, admin, server } = await panelAccount("panel-invite");
    const customer = await plainCustomer(account);
    const res = await api(`/api/customers/${customer.id}/invitation`, { method: "POST", cookie: admin });
    expect(res.status).toBe(201);
    const answer = await json(res);
    expect(answer.url).toMatch(new RegExp(`^http://chat\\.test/p/${account.publicKey}/invite/[A-Za-z0-9_-]{40,}$`));
    expect(answer.emailed).toBe(true);
    expect(answer.expiresAt).toBeGreaterThan(Date.now() + 6.9 * 24 * 60 * 60_000);
    const token = linkToken(await mailTo(server, customer.email, "Convite para o Painel do Cliente"), "invite");
    expect(answer.url.endsWith(token)).toBe(true);
    const audit = await env.DB.prepare("SELECT actor_id, target_id FROM audit_log WHERE account_id = ? AND action = 'customer.invited'").bind(account.id).first();
    expect(audit).toEqual({ actor_id: account.attendants.admin.id, target_id: customer.id });

    const info = await json(await api(`/api/p/${account.publicKey}/invite/${token}`));
    expect(info).toEqual({ customer: { name: "Carla Convidada", email: customer.email }, expiresAt: answer.expiresAt });
    await expectError(await api(`/api/p/${account.publicKey}/invite/${token}`, { body: { password: "curta" } }), 400, "bad_request");
    const accepted = await api(`/api/p/${account.publicKey}/invite/${token}`, { body: { password: PASSWORD_CHOSEN } });
    expect(accepted.status).toBe(200);
    expect((await json(accepted)).customer.id).toBe(customer.id);
    expect((await env.DB.prepare("SELECT verified_email FROM customers WHERE id = ?").bind(customer.id).first())?.verified_email).toBe(customer.email);
    await panelLogin(account.publicKey, customer.email, PASSWORD_CHOSEN);
    await expectError(await api(`/api/p/${account.publicKey}/invite/${token}`, { body: { password: PASSWORD_CHOSEN } }), 404, "token_invalid");
  });

  it("answers the link without e-mail settings; a new invitation retires the previous link; expiry is 410", async () => {
    const account = await createAccount("panel-invite-no-email");
    const manager = await login(account.attendants.manager.email);
    const customer = await plainCustomer(account);
    const first = await json(await api(`/api/customers/${customer.id}/invitation`, { method: "POST", cookie: manager }));
    expect(first.emailed).toBe(false);
    const second = await json(await api(`/api/customers/${customer.id}/invitation`, { method: "POST", cookie: manager }));
    const tokenOf = (url: string) => url.split("/").pop()!;
    await expectError(await api(`/api/p/${account.publicKey}/invite/${tokenOf(first.url)}`), 404, "token_invalid");
    expect((await api(`/api/p/${account.publicKey}/invite/${tokenOf(second.url)}`)).status).toBe(200);
    await env.DB.prepare("UPDATE customer_tokens SET expires_at = ? WHERE customer_id = ? AND used_at IS NULL").bind(Date.now() - 1, customer.id).run();
    await expectError(await api(`/api/p/${account.publicKey}/invite/${tokenOf(second.url)}`, { body: { password: PASSWORD_CHOSEN } }), 410, "token_expired");
  });

  it("refuses attendants (403), another account's customer and unknown ids (404)", async () => {
    const account = await createAccount("panel-invite-refusals");
    const other = await createAccount("panel-invite-refusals-other");
    const customer = await plainCustomer(other);
    const attendant = await login(account.attendants.support1.email);
    const admin = await login(account.attendants.admin.email);
    await expectError(await api(`/api/customers/${customer.id}/invitation`, { method: "POST", cookie: attendant }), 403, "forbidden");
    await expectError(await api(`/api/customers/${customer.id}/invitation`, { method: "POST", cookie: admin }), 404, "not_found");
    await expectError(await api(`/api/customers/${crypto.randomUUID()}/invitation`, { method: "POST", cookie: admin }), 404, "not_found");
    await expectError(await api(`/api/customers/${customer.id}/invitation`, { method: "POST" }), 401, "unauthenticated");
    expect(await count("SELECT COUNT(*) AS n FROM customer_tokens WHERE customer_id = ?", customer.id)).toBe(0);
  });
});

describe("forgetting a customer", () => {
  it("deletes their panel password, sessions and pending links", async () => {
    const { account, admin } = await panelAccount("panel-forget");
    const customer = await customerWithLogin(account);
    const cookie = await panelLogin(account.publicKey, customer.email);
    await api(`/api/p/${account.publicKey}/password-reset`, { body: { email: customer.email } });
    expect((await api(`/api/customers/${customer.id}/invitation`, { method: "POST", cookie: admin })).status).toBe(201);
    expect(await count("SELECT COUNT(*) AS n FROM customer_tokens WHERE email = ?", customer.email)).toBe(2);
    expect((await api(`/api/customers/${customer.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect(await count("SELECT COUNT(*) AS n FROM customer_credentials WHERE customer_id = ?", customer.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM customer_sessions WHERE customer_id = ?", customer.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM customer_tokens WHERE email = ? OR customer_id = ?", customer.email, customer.id)).toBe(0);
    await expectError(await api(`/api/p/${account.publicKey}/me`, { cookie }), 401, "unauthenticated");
    await expectError(await api(`/api/p/${account.publicKey}/login`, { body: { email: customer.email, password: "correct horse battery" } }), 401, "invalid_credentials");
  });
});

describe("the daily purge", () => {
  it("deletes expired customer sessions and links, and keeps the live ones", async () => {
    const account = await createAccount("panel-purge");
    const customer = await customerWithLogin(account);
    const live = await panelLogin(account.publicKey, customer.email);
    await panelLogin(account.publicKey, customer.email);
    await env.DB.prepare("UPDATE customer_sessions SET expires_at = ? WHERE customer_id = ? AND id_hash = (SELECT MIN(id_hash) FROM customer_sessions WHERE customer_id = ?)").bind(Date.now() - 1, customer.id, customer.id).run();
    await env.DB.prepare("INSERT INTO customer_tokens (token_hash, account_id, purpose, email, created_at, expires_at) VALUES (?, ?, 'reset', ?, ?, ?)").bind(crypto.randomUUID(), account.id, customer.email, 0, 1).run();
    const purged = await purgeExpiredCustomerAuth(env.DB);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.tokens).toBeGreaterThanOrEqual(1);
    expect(await count("SELECT COUNT(*) AS n FROM customer_sessions WHERE customer_id = ?", customer.id)).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM customer_tokens WHERE email = ?", customer.email)).toBe(0);
    expect(live.startsWith("csid=")).toBe(true);
  });
});
