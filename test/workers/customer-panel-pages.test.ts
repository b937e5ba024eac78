/**
 * The Painel do Cliente's server-rendered pages: the CSP, the login redirect, the customer's
 * own tickets and chats only (escaped), the e-mailed link pages, the language switch, and the
 * footer chat switch (off: no chat; on: the widget with origin customer_panel and the signed
 * identity of the logged-in customer).
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signCustomerEmail } from "../../worker/surfaces/chat-tag";
import { api, createAccount, login, ORIGIN } from "./helpers";
import { customerWithLogin, linkToken, mailTo, openPanelTicket, panelAccount, panelLogin } from "./panel-helpers";

/** A page as the browser receives it (redirects not followed). */
async function page(path: string, cookie?: string) {
  const headers: Record<string, string> = { "cf-connecting-ip": `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
  if (cookie) headers.cookie = cookie;
  const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers, redirect: "manual" }));
  return { res, text: await res.text() };
}

describe("panel pages", () => {
  it("serves the login page with a strict CSP, and a plain 404 for an unknown key", async () => {
    const account = await createAccount("pages-login");
    const { res, text } = await page(`/p/${account.publicKey}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(text).toContain('<html lang="pt-BR">');
    expect(text).toContain("pages-login Ltda");
    expect(text).toContain(`data-api="/api/p/${account.publicKey}/login"`);
    expect(text).not.toContain("/widget.js");
    const missing = await page("/p/no-such-panel/");
    expect(missing.res.status).toBe(404);
    expect((await page(`/p/${account.publicKey}`)).res.status).toBe(301);
    expect((await page(`/p/${account.publicKey}/?lang=en`)).text).toContain("Customer Panel");
    expect((await page(`/p/${account.publicKey}/signup?lang=es`)).text).toContain("Panel del Cliente");
  });

  it("sends a visitor without a session to the login page, and a logged-in one to their tickets", async () => {
    const account = await createAccount("pages-redirect");
    const customer = await customerWithLogin(account);
    for (const path of ["tickets", "tickets/new", `tickets/${crypto.randomUUID()}`, "chats"]) {
      const { res } = await page(`/p/${account.publicKey}/${path}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/p/${account.publicKey}/`);
    }
    const cookie = await panelLogin(account.publicKey, customer.email);
    const { res } = await page(`/p/${account.publicKey}/`, cookie);
    expect(res.headers.get("location")).toBe(`/p/${account.publicKey}/tickets`);
    // Another account's key: the session does not count there.
    const other = await createAccount("pages-redirect-other");
    expect((await page(`/p/${other.publicKey}/tickets`, cookie)).res.status).toBe(302);
  });

  it("shows the customer's ticket escaped, with the attendant's public reply and never the internal note; another customer's is 404", async () => {
    const { account, admin } = await panelAccount("pages-ticket");
    const customer = await customerWithLogin(account, "Paula <b>Negrito</b>");
    const key = account.publicKey;
    const cookie = await panelLogin(key, customer.email);
    const ticket = await openPanelTicket(key, cookie, { subject: "<script>alert(1)</script>", message: "<img src=x onerror=alert(2)>" });
    await api(`/api/tickets/${ticket.id}/replies`, { cookie: admin, body: { body: "Resposta pública" } });
    await api(`/api/tickets/${ticket.id}/replies`, { cookie: admin, body: { body: "nota secreta", internal: true } });
    const { res, text } = await page(`/p/${key}/tickets/${ticket.id}`, cookie);
    expect(res.status).toBe(200);
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(text).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(text).not.toContain("<script>alert(1)");
    expect(text).toContain("Resposta pública");
    expect(text).not.toContain("nota secreta");
    expect(text).toContain(`data-api="/api/p/${key}/tickets/${ticket.id}/replies"`);
    const list = await page(`/p/${key}/tickets`, cookie);
    expect(list.text).toContain(`/p/${key}/tickets/${ticket.id}`);
    const rita = await customerWithLogin(account, "Rita");
    const ritaCookie = await panelLogin(key, rita.email);
    expect((await page(`/p/${key}/tickets/${ticket.id}`, ritaCookie)).res.status).toBe(404);
    expect((await page(`/p/${key}/tickets`, ritaCookie)).text).not.toContain(ticket.id);
  });

  it("offers the account's active departments on the new-ticket page", async () => {
    const account = await createAccount("pages-new-ticket");
    await env.DB.prepare("UPDATE departments SET active = 0 WHERE id = ?").bind(account.departments.sales).run();
    const customer = await customerWithLogin(account);
    const { text } = await page(`/p/${account.publicKey}/tickets/new`, await panelLogin(account.publicKey, customer.email));
    expect(text).toContain(`<option value="${account.departments.support}">Suporte</option>`);
    expect(text).not.toContain(account.departments.sales);
  });

  it("shows a link page's form while its token is usable, and why not otherwise", async () => {
    const { account, server } = await panelAccount("pages-links");
    const email = `link.${crypto.randomUUID()}@example.com`;
    await api(`/api/p/${account.publicKey}/signup`, { body: { name: "Lia", email, password: "correct horse battery" } });
    const token = linkToken(await mailTo(server, email, "Confirme"), "confirm");
    const ok = await page(`/p/${account.publicKey}/confirm/${token}`);
    expect(ok.res.status).toBe(200);
    expect(ok.text).toContain(`data-api="/api/p/${account.publicKey}/confirm/${token}"`);
    // Opening the page uses nothing.
    expect((await env.DB.prepare("SELECT used_at FROM customer_tokens WHERE email = ?").bind(email).first())?.used_at).toBeNull();
    const bad = await page(`/p/${account.publicKey}/confirm/${"B".repeat(43)}`);
    expect(bad.res.status).toBe(404);
    expect(bad.text).toContain("Este link não é válido");
    await env.DB.prepare("UPDATE customer_tokens SET expires_at = ? WHERE email = ?").bind(Date.now() - 1, email).run();
    expect((await page(`/p/${account.publicKey}/confirm/${token}`)).text).toContain("Este link expirou");
    expect((await page(`/p/${account.publicKey}/reset/${token}`)).res.status).toBe(404);
  });

  it("answers under the panel slug like under the public key", async () => {
    const account = await createAccount("pages-slug");
    const slug = `pages-${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare("UPDATE accounts SET panel_slug = ? WHERE id = ?").bind(slug, account.id).run();
    const { res, text } = await page(`/p/${slug}/`);
    expect(res.status).toBe(200);
    expect(text).toContain(`data-api="/api/p/${slug}/login"`);
  });
});

describe("the footer chat switch", () => {
  it("off: no chat; on with a fixed department: the widget with origin customer_panel and the customer's signed identity", async () => {
    const account = await createAccount("pages-footer");
    const admin = await login(account.attendants.admin.email);
    const customer = await customerWithLogin(account);
    const cookie = await panelLogin(account.publicKey, customer.email);
    expect((await page(`/p/${account.publicKey}/tickets`, cookie)).text).not.toContain("/widget.js");
    const put = await api("/api/account/surfaces/customer-panel", { method: "PUT", cookie: admin, body: { chatEnabled: true, departmentId: account.departments.support } });
    expect(put.status).toBe(200);
    const { text } = await page(`/p/${account.publicKey}/tickets?lang=en`, cookie);
    const tag = /<script src="\/widget.js"[^>]*>/.exec(text)?.[0] ?? "";
    expect(tag).toContain(`data-account="${account.publicKey}"`);
    expect(tag).toContain('data-origin="customer_panel"');
    expect(tag).toContain(`data-department="${account.departments.support}"`);
    expect(tag).toContain(`data-email="${customer.email}"`);
    expect(tag).toContain(`data-customer-hash="${await signCustomerEmail("identity-secret", customer.email)}"`);
    expect(tag).toContain('data-lang="en"');
    // "Permitir escolher": no department; the login page has the chat without an identity.
    await api("/api/account/surfaces/customer-panel", { method: "PUT", cookie: admin, body: { chatEnabled: true, departmentId: null } });
    const choose = /<script src="\/widget.js"[^>]*>/.exec((await page(`/p/${account.publicKey}/`)).text)?.[0] ?? "";
    expect(choose).toContain('data-origin="customer_panel"');
    expect(choose).not.toContain("data-department");
    expect(choose).not.toContain("data-customer-hash");
  });
});
