/**
 * Painel do Cliente accounts through `/api/p/:key`: sign-up confirmed by the e-mailed link,
 * login and logout, sessions bound to their account, password reset, and the rate limits.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { signCustomerEmail } from "../../worker/surfaces/chat-tag";
import { api, createAccount, expectError, json, login, PASSWORD } from "./helpers";
import { csidOf, customerWithLogin, linkToken, mailTo, panelAccount, panelLogin } from "./panel-helpers";

const NEW_PASSWORD = "uma senha nova e longa";

async function tokenRows(accountId: string, email: string) {
  return (await env.DB.prepare("SELECT * FROM customer_tokens WHERE account_id = ? AND email = ?").bind(accountId, email).all()).results;
}

async function signup(key: string, email: string, extra: Record<string, unknown> = {}) {
  return api(`/api/p/${key}/signup`, { body: { name: "Sofia Nova", email, password: PASSWORD, ...extra } });
}

describe("signing up", () => {
  it("e-mails a confirmation link; confirming logs in as the verified customer of that e-mail, once", async () => {
    const { account, server } = await panelAccount("panel-signup");
    const email = `sofia.${crypto.randomUUID()}@example.com`;
    const res = await signup(account.publicKey, email.toUpperCase());
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ status: "confirmation_sent" });
    const mail = await mailTo(server, email, "Confirme seu cadastro");
    const token = linkToken(mail, "confirm");
    expect(mail.text).toContain(`/p/${account.publicKey}/confirm/${token}`);
    // Only the token's SHA-256 is stored, with the chosen password's hash.
    const [row] = await tokenRows(account.id, email);
    expect(row).toMatchObject({ purpose: "signup", name: "Sofia Nova", used_at: null });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(String(row!.password_hash)).toMatch(/^pbkdf2-sha256\$/);
    // Nothing can log in before the confirmation.
    await expectError(await api(`/api/p/${account.publicKey}/login`, { body: { email, password: PASSWORD } }), 401, "invalid_credentials");

    const confirmed = await api(`/api/p/${account.publicKey}/confirm/${token}`, { method: "POST" });
    expect(confirmed.status).toBe(200);
    const { customer } = await json(confirmed);
    expect(customer).toMatchObject({ name: "Sofia Nova", email });
    const me = await api(`/api/p/${account.publicKey}/me`, { cookie: csidOf(confirmed) });
    expect(await json(me)).toEqual({ customer, identity: { name: "Sofia Nova", email, hash: await signCustomerEmail("identity-secret", email) } });
    const stored = await env.DB.prepare("SELECT verified_email FROM customers WHERE id = ?").bind(customer.id).first();
    expect(stored?.verified_email).toBe(email);
    await expectError(await api(`/api/p/${account.publicKey}/confirm/${token}`, { method: "POST" }), 404, "token_invalid");
    expect((await panelLogin(account.publicKey, email)).startsWith("csid=")).toBe(true);
  });

  it("ties the login to the existing verified customer of the e-mail (their history)", async () => {
    const { account, server } = await panelAccount("panel-signup-existing-customer");
    const existing = await customerWithLogin(account);
    await env.DB.prepare("DELETE FROM customer_credentials WHERE customer_id = ?").bind(existing.id).run();
    await signup(account.publicKey, existing.email);
    const token = linkToken(await mailTo(server, existing.email, "Confirme"), "confirm");
    const res = await api(`/api/p/${account.publicKey}/confirm/${token}`, { method: "POST" });
    expect((await json(res)).customer.id).toBe(existing.id);
  });

  it("answers the same 202 for an e-mail that already has a login, and e-mails 'you already have access' instead", async () => {
    const { account, server } = await panelAccount("panel-signup-twice");
    const existing = await customerWithLogin(account);
    const res = await signup(account.publicKey, existing.email);
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ status: "confirmation_sent" });
    const mail = await mailTo(server, existing.email, "Você já tem acesso");
    expect(mail.text).toContain(`/p/${account.publicKey}/forgot`);
    expect(await tokenRows(account.id, existing.email)).toEqual([]);
  });

  it("refuses 409 email_not_configured without outbound e-mail, and bad input with 400, storing nothing", async () => {
    const account = await createAccount("panel-signup-no-email");
    const email = `x.${crypto.randomUUID()}@example.com`;
    await expectError(await signup(account.publicKey, email), 409, "email_not_configured");
    const short = await signup(account.publicKey, email, { password: "curta" });
    expect(short.status).toBe(400);
    expect((await json(short)).error.field).toBe("password");
    await expectError(await signup(account.publicKey, "not-an-email"), 400, "bad_request");
    expect(await tokenRows(account.id, email)).toEqual([]);
    await expectError(await signup("no-such-panel-key", email), 404, "not_found");
  });

  it("refuses an expired confirmation with 410 token_expired, and unknown tokens with 404", async () => {
    const { account, server } = await panelAccount("panel-signup-expired");
    const email = `late.${crypto.randomUUID()}@example.com`;
    await signup(account.publicKey, email);
    const token = linkToken(await mailTo(server, email, "Confirme"), "confirm");
    await env.DB.prepare("UPDATE customer_tokens SET expires_at = ? WHERE email = ?").bind(Date.now() - 1, email).run();
    await expectError(await api(`/api/p/${account.publicKey}/confirm/${token}`, { method: "POST" }), 410, "token_expired");
    await expectError(await api(`/api/p/${account.publicKey}/confirm/${"A".repeat(43)}`, { method: "POST" }), 404, "token_invalid");
    // Another account's key does not reach this account's token.
    const other = await createAccount("panel-signup-expired-other");
    await env.DB.prepare("UPDATE customer_tokens SET expires_at = ? WHERE email = ?").bind(Date.now() + 60_000, email).run();
    await expectError(await api(`/api/p/${other.publicKey}/confirm/${token}`, { method: "POST" }), 404, "token_invalid");
  });
});

describe("signing up twice", () => {
  it("keeps only the newest confirmation link working", async () => {
    const { account, server } = await panelAccount("panel-signup-again");
    const email = `again.${crypto.randomUUID()}@example.com`;
    await signup(account.publicKey, email);
    const first = linkToken(await mailTo(server, email, "Confirme"), "confirm");
    await signup(account.publicKey, email);
    let second = "";
    await vi.waitFor(async () => {
      const tokens = (await server.messages()).filter((m) => m.to.includes(email)).map((m) => linkToken(m, "confirm"));
      second = tokens.find((t) => t !== first) ?? "";
      expect(second).not.toBe("");
    });
    await expectError(await api(`/api/p/${account.publicKey}/confirm/${first}`, { method: "POST" }), 404, "token_invalid");
    expect((await api(`/api/p/${account.publicKey}/confirm/${second}`, { method: "POST" })).status).toBe(200);
  });
});

describe("logging in and out", () => {
  it("logs in with e-mail and password; a wrong password or an unknown e-mail is 401 invalid_credentials", async () => {
    const account = await createAccount("panel-login");
    const customer = await customerWithLogin(account);
    const res = await api(`/api/p/${account.publicKey}/login`, { body: { email: customer.email, password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ customer: { id: customer.id, name: customer.name, email: customer.email } });
    expect(res.headers.get("set-cookie")).toMatch(/csid=[^;]+;.*HttpOnly/i);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    await expectError(await api(`/api/p/${account.publicKey}/login`, { body: { email: customer.email, password: "wrong password" } }), 401, "invalid_credentials");
    await expectError(await api(`/api/p/${account.publicKey}/login`, { body: { email: "nobody@example.com", password: PASSWORD } }), 401, "invalid_credentials");
    await expectError(await api(`/api/p/${account.publicKey}/me`), 401, "unauthenticated");
  });

  it("keeps a session to its own account: account A's cookie and login do not work under account B's key", async () => {
    const a = await createAccount("panel-session-a");
    const b = await createAccount("panel-session-b");
    const customer = await customerWithLogin(a);
    const cookie = await panelLogin(a.publicKey, customer.email);
    expect((await api(`/api/p/${a.publicKey}/me`, { cookie })).status).toBe(200);
    await expectError(await api(`/api/p/${b.publicKey}/me`, { cookie }), 401, "unauthenticated");
    await expectError(await api(`/api/p/${b.publicKey}/tickets`, { cookie }), 401, "unauthenticated");
    await expectError(await api(`/api/p/${b.publicKey}/login`, { body: { email: customer.email, password: PASSWORD } }), 401, "invalid_credentials");
    // An attendant's session is not a customer's.
    const sid = await login(a.attendants.admin.email);
    await expectError(await api(`/api/p/${a.publicKey}/me`, { cookie: sid }), 401, "unauthenticated");
  });

  it("answers under the account's panel slug as under its public key", async () => {
    const account = await createAccount("panel-slug-login");
    const slug = `acme-${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare("UPDATE accounts SET panel_slug = ? WHERE id = ?").bind(slug, account.id).run();
    const customer = await customerWithLogin(account);
    const cookie = await panelLogin(slug, customer.email);
    expect((await api(`/api/p/${account.publicKey}/me`, { cookie })).status).toBe(200);
  });

  it("logs out: 204, the session row is gone and the cookie no longer works", async () => {
    const account = await createAccount("panel-logout");
    const customer = await customerWithLogin(account);
    const cookie = await panelLogin(account.publicKey, customer.email);
    const res = await api(`/api/p/${account.publicKey}/logout`, { method: "POST", cookie });
    expect(res.status).toBe(204);
    await expectError(await api(`/api/p/${account.publicKey}/me`, { cookie }), 401, "unauthenticated");
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM customer_sessions WHERE customer_id = ?").bind(customer.id).first();
    expect(left?.n).toBe(0);
  });

  it("refuses a customer whose session expired", async () => {
    const account = await createAccount("panel-session-expired");
    const customer = await customerWithLogin(account);
    const cookie = await panelLogin(account.publicKey, customer.email);
    await env.DB.prepare("UPDATE customer_sessions SET expires_at = ? WHERE customer_id = ?").bind(Date.now() - 1, customer.id).run();
    await expectError(await api(`/api/p/${account.publicKey}/me`, { cookie }), 401, "unauthenticated");
  });
});

describe("password reset", () => {
  it("e-mails a link that sets a new password, logs in, ends the other sessions, and works once", async () => {
    const { account, server } = await panelAccount("panel-reset");
    const customer = await customerWithLogin(account);
    const before = await panelLogin(account.publicKey, customer.email);
    const res = await api(`/api/p/${account.publicKey}/password-reset`, { body: { email: customer.email, lang: "en" } });
    expect(res.status).toBe(202);
    const token = linkToken(await mailTo(server, customer.email, "Password reset"), "reset");
    await expectError(await api(`/api/p/${account.publicKey}/password-reset/${token}`, { body: { password: "short" } }), 400, "bad_request");
    const used = await api(`/api/p/${account.publicKey}/password-reset/${token}`, { body: { password: NEW_PASSWORD } });
    expect(used.status).toBe(200);
    expect((await json(used)).customer.id).toBe(customer.id);
    expect((await api(`/api/p/${account.publicKey}/me`, { cookie: csidOf(used) })).status).toBe(200);
    await expectError(await api(`/api/p/${account.publicKey}/me`, { cookie: before }), 401, "unauthenticated");
    await expectError(await api(`/api/p/${account.publicKey}/login`, { body: { email: customer.email, password: PASSWORD } }), 401, "invalid_credentials");
    await panelLogin(account.publicKey, customer.email, NEW_PASSWORD);
    await expectError(await api(`/api/p/${account.publicKey}/password-reset/${token}`, { body: { password: "another long password" } }), 404, "token_invalid");
  });

  it("answers 202 for an unknown e-mail and stores nothing; an expired link is 410", async () => {
    const { account, server } = await panelAccount("panel-reset-unknown");
    const email = `ghost.${crypto.randomUUID()}@example.com`;
    expect((await api(`/api/p/${account.publicKey}/password-reset`, { body: { email } })).status).toBe(202);
    expect(await tokenRows(account.id, email)).toEqual([]);
    const customer = await customerWithLogin(account);
    await api(`/api/p/${account.publicKey}/password-reset`, { body: { email: customer.email } });
    const token = linkToken(await mailTo(server, customer.email, "Redefinição de senha"), "reset");
    await env.DB.prepare("UPDATE customer_tokens SET expires_at = ? WHERE email = ?").bind(Date.now() - 1, customer.email).run();
    await expectError(await api(`/api/p/${account.publicKey}/password-reset/${token}`, { body: { password: NEW_PASSWORD } }), 410, "token_expired");
  });
});

describe("rate limits", () => {
  /** Sends until a 429 comes (a fixed window may reset once in between: 30 tries cover two windows of 10). */
  async function until429(send: (i: number) => Promise<Response>): Promise<number> {
    for (let i = 0; i < 30; i++) {
      const res = await send(i);
      if (res.status === 429) return i;
    }
    return -1;
  }

  it("limits logins per e-mail across IPs and per IP across e-mails", async () => {
    const account = await createAccount("panel-limits");
    const customer = await customerWithLogin(account);
    const byEmail = await until429(() => api(`/api/p/${account.publicKey}/login`, { body: { email: customer.email, password: "wrong password" } }));
    expect(byEmail).toBeGreaterThanOrEqual(0);
    const headers = { "cf-connecting-ip": "203.0.113.9" };
    const byIp = await until429((i) => api(`/api/p/${account.publicKey}/login`, { headers, body: { email: `n${i}@example.com`, password: "wrong password" } }));
    expect(byIp).toBeGreaterThanOrEqual(0);
    // The refusal is the usual envelope.
    await expectError(await api(`/api/p/${account.publicKey}/login`, { headers, body: { email: "z@example.com", password: "x" } }), 429, "rate_limited");
  });

  it("limits reset requests per e-mail (no mail bombing)", async () => {
    const account = await createAccount("panel-limits-reset");
    const email = `target.${crypto.randomUUID()}@example.com`;
    expect(await until429(() => api(`/api/p/${account.publicKey}/password-reset`, { body: { email } }))).toBeGreaterThanOrEqual(0);
  });
});
