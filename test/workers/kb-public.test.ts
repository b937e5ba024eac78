import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HOSTILE_MARKDOWN, inertProblems } from "../fixtures/kb-hostile";
import { api, expectError, json } from "./helpers";
import { createArticle, createCategory, kbAccount, type KbFixture } from "./kb-helpers";

/** A base with a published article, a draft and a second category. */
async function base(label = "pub") {
  const fixture = await kbAccount(label);
  const { admin } = fixture;
  const pay = await createCategory(admin, { name: "Pagamentos", description: "Boletos e cartões" });
  const account = await createCategory(admin, { name: "Conta", position: 1 });
  const boleto = await createArticle(admin, { categoryId: pay.id, title: "Emitir o boleto", description: "Passo a passo", body: "A **emissão** não demora.", status: "published" });
  const draft = await createArticle(admin, { categoryId: pay.id, title: "Rascunho secreto", body: "segredo", status: "draft" });
  const senha = await createArticle(admin, { categoryId: account.id, title: "Trocar a senha", body: "Vá em configurações.", status: "published" });
  return { ...fixture, key: fixture.account.publicKey, pay, accountCategory: account, boleto, draft, senha };
}

async function surfaceChat(fixture: KbFixture, chatEnabled: boolean, departmentId: string | null) {
  const res = await api("/api/account/surfaces/knowledge-base", { method: "PUT", cookie: fixture.admin, body: { chatEnabled, departmentId } });
  expect(res.status).toBe(200);
}

describe("Base de Conhecimento public JSON API", () => {
  it("lists categories with published articles counted, articles by category and by search, never drafts", async () => {
    const { key, pay, boleto, senha } = await base();
    const categories = await json(await api(`/api/kb/${key}/categories`));
    expect(categories).toEqual({
      categories: [
        { id: pay.id, name: "Pagamentos", slug: "pagamentos", description: "Boletos e cartões", articleCount: 1 },
        { id: expect.any(String), name: "Conta", slug: "conta", description: "", articleCount: 1 },
      ],
    });
    const all = await json(await api(`/api/kb/${key}/articles`));
    expect(all.articles.map((a: { id: string }) => a.id).sort()).toEqual([boleto.id, senha.id].sort());
    const inPay = await json(await api(`/api/kb/${key}/articles?category=pagamentos`));
    expect(inPay.articles).toEqual([
      { id: boleto.id, title: "Emitir o boleto", slug: "emitir-o-boleto", categorySlug: "pagamentos", description: "Passo a passo", url: `/kb/${key}/pagamentos/emitir-o-boleto` },
    ]);
    const found = await json(await api(`/api/kb/${key}/articles?q=emissao`));
    expect(found.articles.map((a: { id: string }) => a.id)).toEqual([boleto.id]);
    expect((await json(await api(`/api/kb/${key}/articles?q=segredo`))).articles).toEqual([]);
  });

  it("reads one published article with its stored HTML; a draft and another account's article are 404", async () => {
    const { key, boleto, draft } = await base();
    const other = await base("other");
    const res = await api(`/api/kb/${key}/articles/${boleto.id}`);
    expect((await json(res)).article).toEqual({
      id: boleto.id,
      title: "Emitir o boleto",
      slug: "emitir-o-boleto",
      categorySlug: "pagamentos",
      categoryName: "Pagamentos",
      description: "Passo a passo",
      html: "<p>A <strong>emissão</strong> não demora.</p>",
      url: `/kb/${key}/pagamentos/emitir-o-boleto`,
      updatedAt: boleto.updatedAt,
    });
    await expectError(await api(`/api/kb/${key}/articles/${draft.id}`), 404, "not_found");
    await expectError(await api(`/api/kb/${key}/articles/${other.boleto.id}`), 404, "not_found");
    await expectError(await api(`/api/kb/no-such-key/categories`), 404, "not_found");
  });

  it("counts votes on published articles only, refuses a bad body, and limits votes per IP", async () => {
    const { key, boleto, draft, admin } = await base();
    const ip = `10.9.${Math.floor(Math.random() * 250)}.1`;
    const vote = (id: string, body: unknown) => api(`/api/kb/${key}/articles/${id}/votes`, { body, headers: { "cf-connecting-ip": ip } });
    expect((await vote(boleto.id, { helpful: true })).status).toBe(204);
    expect((await vote(boleto.id, { helpful: true })).status).toBe(204);
    expect((await vote(boleto.id, { helpful: false })).status).toBe(204);
    await expectError(await vote(boleto.id, { helpful: "yes" }), 400, "bad_request");
    await expectError(await vote(draft.id, { helpful: true }), 404, "not_found");
    const row = await env.DB.prepare("SELECT helpful_yes AS y, helpful_no AS n FROM kb_articles WHERE id = ?").bind(boleto.id).first();
    expect(row).toEqual({ y: 2, n: 1 });
    const listed = await json(await api("/api/kb/articles", { cookie: admin }));
    expect(listed.articles.find((a: { id: string }) => a.id === boleto.id)).toMatchObject({ helpfulYes: 2, helpfulNo: 1 });
    let limited = false;
    for (let i = 0; i < 12 && !limited; i++) limited = (await vote(boleto.id, { helpful: true })).status === 429;
    expect(limited).toBe(true);
  });

  it("keeps the console's /api/kb/categories, /articles and /preview apart from a public key", async () => {
    const { key, admin } = await base();
    // Anonymous: the console paths ask for a session, the public ones answer.
    await expectError(await api("/api/kb/categories"), 401, "unauthenticated");
    await expectError(await api("/api/kb/articles"), 401, "unauthenticated");
    expect((await api(`/api/kb/${key}/categories`)).status).toBe(200);
    expect((await api(`/api/kb/${key}/articles`)).status).toBe(200);
    // Signed in: the console answers its own shape, the public API its own.
    expect(await json(await api("/api/kb/categories", { cookie: admin }))).toHaveProperty("canEdit", true);
    expect(await json(await api(`/api/kb/${key}/categories`, { cookie: admin }))).not.toHaveProperty("canEdit");
    // A console name in the key's place is never read as a key, nor claimed by the console beyond its routes.
    await expectError(await api("/api/kb/preview/categories"), 404, "not_found");
    await expectError(await api("/api/kb/preview/articles"), 404, "not_found");
    expect((await api("/api/kb/categories/categories", { cookie: admin, method: "DELETE" })).status).toBe(404);
  });
});

describe("Base de Conhecimento public pages", () => {
  it("renders the index with categories and their published articles, escaped, with CSP, canonical and cache headers", async () => {
    const { key, admin, pay } = await base();
    await createArticle(admin, { categoryId: pay.id, title: "<b>Negrito</b> & cia", body: "x", status: "published" });
    const res = await api(`/kb/${key}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const page = await res.text();
    expect(page).toContain('<html lang="pt-BR">');
    expect(page).toContain(`<link rel="canonical" href="http://chat.test/kb/${key}/">`);
    // Our own stylesheet goes in as is (escaped quotes would break its rules).
    expect(page).toContain('"Segoe UI"');
    expect(page).toContain(`href="/kb/${key}/pagamentos/emitir-o-boleto"`);
    expect(page).toContain(`href="/kb/${key}/conta/trocar-a-senha"`);
    expect(page).toContain("&lt;b&gt;Negrito&lt;/b&gt; &amp; cia");
    expect(page).not.toContain("Rascunho secreto");
    expect(page).not.toContain("<script");
    const again = await api(`/kb/${key}/`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
  });

  it("renders an article with title, description, canonical, Open Graph and the vote form; drafts are 404", async () => {
    const { key, draft } = await base();
    const res = await api(`/kb/${key}/pagamentos/emitir-o-boleto`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<title>Emitir o boleto · pub Ltda</title>");
    expect(page).toContain('<meta name="description" content="Passo a passo">');
    expect(page).toContain(`<link rel="canonical" href="http://chat.test/kb/${key}/pagamentos/emitir-o-boleto">`);
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toContain("<p>A <strong>emissão</strong> não demora.</p>");
    expect(page).toContain("Este artigo foi útil?");
    expect(page).toContain(`action="/kb/${key}/pagamentos/emitir-o-boleto/vote"`);
    expect((await api(`/kb/${key}/pagamentos/${draft.slug}`)).status).toBe(404);
    expect((await api(`/kb/${key}/conta/emitir-o-boleto`)).status).toBe(404);
    expect((await api(`/kb/${key}/nada/`)).status).toBe(404);
    expect((await api(`/kb/nao-existe/`)).status).toBe(404);
  });

  it("speaks ?lang= first, then the account's locale, and keeps the chosen language on links", async () => {
    const { key, account } = await base();
    const en = await (await api(`/kb/${key}/pagamentos/emitir-o-boleto?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("Was this article helpful?");
    expect(en).toContain(`href="/kb/${key}/pagamentos/?lang=en"`);
    await env.DB.prepare("UPDATE accounts SET locale = 'es' WHERE id = ?").bind(account.id).run();
    const es = await (await api(`/kb/${key}/`)).text();
    expect(es).toContain('<html lang="es">');
    expect(es).toContain("Base de Conocimiento");
  });

  it("counts a vote posted by the plain form and answers 303 back to the article with a thank-you", async () => {
    const { key, boleto } = await base();
    const ip = `10.8.${Math.floor(Math.random() * 250)}.2`;
    const res = await exports.default.fetch(
      new Request(`http://chat.test/kb/${key}/pagamentos/emitir-o-boleto/vote`, {
        method: "POST",
        body: "helpful=yes",
        headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip },
        redirect: "manual",
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/kb/${key}/pagamentos/emitir-o-boleto?voted=1#vote`);
    const row = await env.DB.prepare("SELECT helpful_yes AS y, helpful_no AS n FROM kb_articles WHERE id = ?").bind(boleto.id).first();
    expect(row).toEqual({ y: 1, n: 0 });
    const thanks = await api(`/kb/${key}/pagamentos/emitir-o-boleto?voted=1`);
    expect(thanks.headers.get("cache-control")).toBe("no-store");
    expect(await thanks.text()).toContain("Obrigado pela sua resposta!");
  });

  it("searches published articles with FTS5 (accents folded) and escapes the snippets", async () => {
    const { key, admin, pay } = await base();
    await createArticle(admin, { categoryId: pay.id, title: "Cartão recusado", body: "Se o cartão foi recusado <img src=x onerror=alert(1)> tente de novo.", status: "published" });
    const page = await (await api(`/kb/${key}/search?q=recusad+tente`)).text();
    expect(page).toContain(`href="/kb/${key}/pagamentos/cartao-recusado"`);
    expect(page).toContain("<mark>");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain("<img");
    expect(page).toContain('<meta name="robots" content="noindex">');
    const none = await (await api(`/kb/${key}/search?q=segredo`)).text();
    expect(none).toContain("Nenhum artigo encontrado");
    const hostile = await (await api(`/kb/${key}/search?q=%3Cscript%3Ealert(1)%3C/script%3E`)).text();
    expect(hostile).not.toContain("<script>alert");
    expect(hostile).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("serves the sitemap of published pages and a robots.txt pointing at it", async () => {
    const { key, draft } = await base();
    const res = await api(`/kb/${key}/sitemap.xml`);
    expect(res.headers.get("content-type")).toContain("application/xml");
    const xml = await res.text();
    expect(xml).toContain(`<loc>http://chat.test/kb/${key}/</loc>`);
    expect(xml).toContain(`<loc>http://chat.test/kb/${key}/pagamentos/</loc>`);
    expect(xml).toMatch(new RegExp(`<loc>http://chat.test/kb/${key}/pagamentos/emitir-o-boleto</loc><lastmod>\\d{4}-`));
    expect(xml).not.toContain(draft.slug);
    const robots = await (await api(`/kb/${key}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: http://chat.test/kb/${key}/sitemap.xml`);
  });

  it("shows the hostile article inert on the public page", async () => {
    const { key, admin, pay } = await base();
    await createArticle(admin, { categoryId: pay.id, title: "Hostil", body: HOSTILE_MARKDOWN, status: "published" });
    const page = await (await api(`/kb/${key}/pagamentos/hostil`)).text();
    const content = page.slice(page.indexOf('<div class="content">'), page.indexOf("</article>"));
    expect(content).toContain("Título seguro");
    expect(inertProblems(content)).toEqual([]);
    expect(page).not.toMatch(/<script|<iframe|<svg|javascript:alert\('inline'\)"/i);
  });

  it("adds the footer chat only when the Base de Conhecimento's switch is on, with its origin and department", async () => {
    const fixture = await base();
    const { key } = fixture;
    expect(await (await api(`/kb/${key}/`)).text()).not.toContain("/widget.js");
    await surfaceChat(fixture, true, fixture.account.departments.sales);
    const page = await (await api(`/kb/${key}/pagamentos/emitir-o-boleto`)).text();
    expect(page).toContain(
      `<script src="/widget.js" data-account="${key}" data-origin="knowledge_base" data-department="${fixture.account.departments.sales}" data-lang="pt-BR" async></script>`,
    );
    await surfaceChat(fixture, true, null);
    const choice = await (await api(`/kb/${key}/`)).text();
    expect(choice).toContain('data-origin="knowledge_base"');
    expect(choice).not.toContain("data-department");
  });
});
