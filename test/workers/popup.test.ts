import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createAccount } from "./helpers";

describe("GET /chat/:key (the pop-up chat page)", () => {
  it("serves a small pt-BR page that loads the widget full-page, with a CSP", async () => {
    const account = await createAccount("popup");
    const res = await api(`/chat/${account.publicKey}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    const page = await res.text();
    expect(page).toContain('<html lang="pt-BR">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toMatch(/<title>[^<]*popup Ltda<\/title>/);
    expect(page).toContain('<script src="/widget.js" defer></script>');
    expect(page).toContain(`<tomticket-chat account="${account.publicKey}" mode="popup" lang="pt-BR"></tomticket-chat>`);
    expect(page.length).toBeLessThan(2000);
  });

  it("passes a department and the language on to the element", async () => {
    const account = await createAccount("popup-options");
    const page = await (await api(`/chat/${account.publicKey}?department=${account.departments.sales}&lang=en`)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(`mode="popup" lang="en" department="${account.departments.sales}"`);
    const spanish = await (await api(`/chat/${account.publicKey}?lang=es`)).text();
    expect(spanish).toContain('<html lang="es">');
    const fallback = await (await api(`/chat/${account.publicKey}?lang=%22%3E%3Cscript%3E`)).text();
    expect(fallback).toContain('<html lang="pt-BR">');
    expect(fallback).not.toContain("<script>");
  });

  it("escapes what it writes from the database", async () => {
    const account = await createAccount("popup-escape");
    await env.DB.prepare("UPDATE accounts SET name = ? WHERE id = ?").bind(`</title><script>alert("x")</script> & Cia`, account.id).run();
    const page = await (await api(`/chat/${account.publicKey}`)).text();
    expect(page).not.toContain("<script>alert");
    expect(page).toContain("&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cia");
  });

  it("answers a plain 404 that repeats nothing for an unknown key or department", async () => {
    const account = await createAccount("popup-missing");
    const other = await createAccount("popup-missing-other");
    const probes = [
      "/chat/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      `/chat/${account.publicKey}?department=%3Cscript%3E`,
      `/chat/${account.publicKey}?department=${other.departments.sales}`,
      `/chat/${"k".repeat(300)}`,
    ];
    for (const path of probes) {
      const res = await api(path);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      const body = await res.text();
      expect(body).toBe("Chat not found");
    }
  });
});
