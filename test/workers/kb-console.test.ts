import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HOSTILE_MARKDOWN, inertProblems } from "../fixtures/kb-hostile";
import { api, expectError, json, login } from "./helpers";
import { createArticle, createCategory, kbAccount } from "./kb-helpers";

async function auditActions(accountId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT action FROM audit_log WHERE account_id = ? AND action LIKE 'kb.%' ORDER BY created_at, rowid").bind(accountId).all<{ action: string }>();
  return results.map((r) => r.action);
}

describe("Base de Conhecimento console API: categories", () => {
  it("creates a category with a slug folded from the name, lists it with its article count, audits it", async () => {
    const { account, admin } = await kbAccount();
    const category = await createCategory(admin, { name: "Configurações de Conta", description: "Tudo sobre a conta" });
    expect(category).toMatchObject({ name: "Configurações de Conta", slug: "configuracoes-de-conta", articleCount: 0, position: 0 });
    await createArticle(admin, { categoryId: category.id, title: "Um", body: "x" });
    const list = await json(await api("/api/kb/categories", { cookie: admin }));
    expect(list.canEdit).toBe(true);
    expect(list.categories).toEqual([expect.objectContaining({ id: category.id, articleCount: 1 })]);
    expect(await auditActions(account.id)).toEqual(["kb.category_created", "kb.article_created"]);
  });

  it("refuses a taken or reserved slug with 409 slug_taken, and a name without letters needs a slug", async () => {
    const { admin } = await kbAccount();
    await createCategory(admin, { name: "Pagamentos" });
    await expectError(await api("/api/kb/categories", { cookie: admin, body: { name: "Pagamentos!" } }), 409, "slug_taken");
    await expectError(await api("/api/kb/categories", { cookie: admin, body: { name: "Busca", slug: "search" } }), 409, "slug_taken");
    await expectError(await api("/api/kb/categories", { cookie: admin, body: { name: "!!!" } }), 400, "bad_request");
    await expectError(await api("/api/kb/categories", { cookie: admin, body: { name: "X", slug: "Não Vale" } }), 400, "bad_request");
    const list = await json(await api("/api/kb/categories", { cookie: admin }));
    expect(list.categories).toHaveLength(1);
  });

  it("edits a category; deleting one with articles is refused with 409, an empty one is deleted", async () => {
    const { account, admin } = await kbAccount();
    const full = await createCategory(admin, { name: "Cheia" });
    const empty = await createCategory(admin, { name: "Vazia" });
    await createArticle(admin, { categoryId: full.id, title: "Artigo", body: "b" });
    const patched = await api(`/api/kb/categories/${full.id}`, { method: "PATCH", cookie: admin, body: { name: "Cheia de artigos", position: 2 } });
    expect((await json(patched)).category).toMatchObject({ name: "Cheia de artigos", slug: "cheia", position: 2 });
    await expectError(await api(`/api/kb/categories/${full.id}`, { method: "DELETE", cookie: admin }), 409, "category_not_empty");
    expect((await api(`/api/kb/categories/${empty.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    const list = await json(await api("/api/kb/categories", { cookie: admin }));
    expect(list.categories.map((c: { id: string }) => c.id)).toEqual([full.id]);
    expect(await auditActions(account.id)).toContain("kb.category_deleted");
    expect(await auditActions(account.id)).toContain("kb.category_updated");
  });
});

describe("Base de Conhecimento console API: who may write", () => {
  it("lets any attendant read, only administrators and kbEditor attendants write; administrators grant kbEditor", async () => {
    const { account, admin } = await kbAccount();
    const category = await createCategory(admin, { name: "Geral" });
    const article = await createArticle(admin, { categoryId: category.id, title: "Leitura", body: "oi" });
    const agent = await login(account.attendants.support1.email);
    const manager = await login(account.attendants.manager.email);

    expect((await api("/api/kb/categories", { cookie: agent })).status).toBe(200);
    const listed = await json(await api("/api/kb/articles", { cookie: agent }));
    expect(listed.canEdit).toBe(false);
    expect(listed.articles).toHaveLength(1);
    expect((await api(`/api/kb/articles/${article.id}`, { cookie: agent })).status).toBe(200);

    await expectError(await api("/api/kb/categories", { cookie: agent, body: { name: "Nova" } }), 403, "forbidden");
    await expectError(await api("/api/kb/articles", { cookie: agent, body: { categoryId: category.id, title: "T", body: "b" } }), 403, "forbidden");
    await expectError(await api(`/api/kb/articles/${article.id}`, { method: "PATCH", cookie: manager, body: { title: "Mudou" } }), 403, "forbidden");
    await expectError(await api(`/api/kb/articles/${article.id}`, { method: "DELETE", cookie: agent }), 403, "forbidden");
    await expectError(await api("/api/kb/preview", { cookie: agent, body: { body: "x" } }), 403, "forbidden");

    // A department manager may edit the attendant but not make them an editor.
    const support1 = account.attendants.support1.id;
    await expectError(await api(`/api/attendants/${support1}`, { method: "PATCH", cookie: manager, body: { kbEditor: true } }), 403, "forbidden");
    const granted = await api(`/api/attendants/${support1}`, { method: "PATCH", cookie: admin, body: { kbEditor: true } });
    expect((await json(granted)).attendant.kbEditor).toBe(true);
    expect((await json(await api(`/api/attendants/${support1}`, { cookie: admin }))).attendant.kbEditor).toBe(true);

    // Takes effect on the same session.
    expect((await json(await api("/api/kb/articles", { cookie: agent }))).canEdit).toBe(true);
    const edited = await api(`/api/kb/articles/${article.id}`, { method: "PATCH", cookie: agent, body: { title: "Mudou" } });
    expect((await json(edited)).article.title).toBe("Mudou");
    const row = await env.DB.prepare("SELECT title FROM kb_articles WHERE id = ?").bind(article.id).first<{ title: string }>();
    expect(row?.title).toBe("Mudou");
  });

  it("answers 401 without a session, and another account's ids are 404", async () => {
    const { admin } = await kbAccount("one");
    const other = await kbAccount("two");
    const category = await createCategory(other.admin, { name: "Alheia" });
    const article = await createArticle(other.admin, { categoryId: category.id, title: "Alheio", body: "b" });
    await expectError(await api("/api/kb/categories"), 401, "unauthenticated");
    await expectError(await api("/api/kb/articles"), 401, "unauthenticated");
    await expectError(await api("/api/kb/preview", { body: { body: "x" } }), 401, "unauthenticated");
    await expectError(await api(`/api/kb/articles/${article.id}`, { cookie: admin }), 404, "not_found");
    await expectError(await api(`/api/kb/articles/${article.id}`, { method: "PATCH", cookie: admin, body: { title: "x" } }), 404, "not_found");
    await expectError(await api(`/api/kb/articles/${article.id}`, { method: "DELETE", cookie: admin }), 404, "not_found");
    await expectError(await api(`/api/kb/categories/${category.id}`, { method: "PATCH", cookie: admin, body: { name: "x" } }), 404, "not_found");
    await expectError(await api(`/api/kb/categories/${category.id}`, { method: "DELETE", cookie: admin }), 404, "not_found");
    // Nor may an article go into another account's category.
    await expectError(await api("/api/kb/articles", { cookie: admin, body: { categoryId: category.id, title: "x", body: "y" } }), 400, "bad_request");
    const row = await env.DB.prepare("SELECT title FROM kb_articles WHERE id = ?").bind(article.id).first<{ title: string }>();
    expect(row?.title).toBe("Alheio");
  });
});

describe("Base de Conhecimento console API: articles", () => {
  it("stores the Markdown and its sanitized HTML; the hostile payload is inert in D1", async () => {
    const { admin } = await kbAccount();
    const category = await createCategory(admin, { name: "Segurança" });
    const article = await createArticle(admin, { categoryId: category.id, title: "Payload hostil", body: HOSTILE_MARKDOWN, status: "published" });
    expect(article.slug).toBe("payload-hostil");
    expect(article.status).toBe("published");
    expect(article.publishedAt).toBeTypeOf("number");
    const row = await env.DB.prepare("SELECT body, html FROM kb_articles WHERE id = ?").bind(article.id).first<{ body: string; html: string }>();
    expect(row?.body).toBe(HOSTILE_MARKDOWN);
    expect(inertProblems(row!.html)).toEqual([]);
    expect(row!.html).toContain("<h1>Título seguro</h1>");
  });

  it("re-renders on a body change, keeps the slug when the title changes, 409 slug_taken in the same category only", async () => {
    const { admin } = await kbAccount();
    const a = await createCategory(admin, { name: "A" });
    const b = await createCategory(admin, { name: "B" });
    const first = await createArticle(admin, { categoryId: a.id, title: "Como pagar", body: "um" });
    await expectError(await api("/api/kb/articles", { cookie: admin, body: { categoryId: a.id, title: "Como pagar?", body: "x" } }), 409, "slug_taken");
    const inB = await createArticle(admin, { categoryId: b.id, title: "Como pagar", body: "x" });
    expect(inB.slug).toBe("como-pagar");
    await expectError(await api(`/api/kb/articles/${inB.id}`, { method: "PATCH", cookie: admin, body: { categoryId: a.id } }), 409, "slug_taken");
    const res = await api(`/api/kb/articles/${first.id}`, { method: "PATCH", cookie: admin, body: { title: "Como pagar com Pix", body: "**dois**" } });
    const patched = (await json(res)).article;
    expect(patched).toMatchObject({ title: "Como pagar com Pix", slug: "como-pagar", html: "<p><strong>dois</strong></p>" });
    expect(patched.url).toMatch(/^\/kb\/[^/]+\/a\/como-pagar$/);
    const row = await env.DB.prepare("SELECT category_id AS c FROM kb_articles WHERE id = ?").bind(inB.id).first<{ c: string }>();
    expect(row?.c).toBe(b.id);
  });

  it("lists with filters by status, category and FTS search (accents folded), with votes", async () => {
    const { admin } = await kbAccount();
    const pay = await createCategory(admin, { name: "Pagamentos" });
    const acc = await createCategory(admin, { name: "Conta" });
    const boleto = await createArticle(admin, { categoryId: pay.id, title: "Emitir boleto", body: "A emissão não demora.", status: "published" });
    await createArticle(admin, { categoryId: pay.id, title: "Reembolso", body: "Devolução do valor." });
    await createArticle(admin, { categoryId: acc.id, title: "Trocar senha", description: "Segurança da conta", body: "Vá em configurações." });
    await env.DB.prepare("UPDATE kb_articles SET helpful_yes = 3, helpful_no = 1 WHERE id = ?").bind(boleto.id).run();
    const list = async (query: string) => (await json(await api(`/api/kb/articles?${query}`, { cookie: admin }))).articles.map((x: { title: string }) => x.title).sort();
    expect(await list("status=published")).toEqual(["Emitir boleto"]);
    expect(await list("status=draft")).toEqual(["Reembolso", "Trocar senha"]);
    expect(await list(`category=${pay.id}`)).toEqual(["Emitir boleto", "Reembolso"]);
    expect(await list("q=emissao+nao")).toEqual(["Emitir boleto"]);
    expect(await list("q=configuracoes")).toEqual(["Trocar senha"]);
    expect(await list("q=seguranca")).toEqual(["Trocar senha"]);
    expect(await list("q=devol")).toEqual(["Reembolso"]);
    expect(await list('q=%22OR%20*')).toEqual([]);
    const all = (await json(await api("/api/kb/articles", { cookie: admin }))).articles;
    expect(all.find((x: { id: string }) => x.id === boleto.id)).toMatchObject({ helpfulYes: 3, helpfulNo: 1 });
    await expectError(await api("/api/kb/articles?status=archived", { cookie: admin }), 400, "bad_request");
  });

  it("publishes, unpublishes and deletes (audited), and refuses bad bodies without changing anything", async () => {
    const { account, admin } = await kbAccount();
    const category = await createCategory(admin, { name: "Geral" });
    const article = await createArticle(admin, { categoryId: category.id, title: "Rascunho", body: "b" });
    expect(article.publishedAt).toBeNull();
    const published = (await json(await api(`/api/kb/articles/${article.id}`, { method: "PATCH", cookie: admin, body: { status: "published" } }))).article;
    expect(published.status).toBe("published");
    expect(published.publishedAt).toBeTypeOf("number");
    await expectError(await api(`/api/kb/articles/${article.id}`, { method: "PATCH", cookie: admin, body: { status: "gone" } }), 400, "bad_request");
    await expectError(await api(`/api/kb/articles/${article.id}`, { method: "PATCH", cookie: admin, body: { title: "" } }), 400, "bad_request");
    await expectError(await api(`/api/kb/articles/${article.id}`, { method: "PATCH", cookie: admin, body: { html: "<script>" } }), 400, "bad_request");
    await expectError(await api(`/api/kb/articles/${article.id}`, { method: "PATCH", cookie: admin, body: { body: "x".repeat(100_001) } }), 400, "bad_request");
    const row = await env.DB.prepare("SELECT title, status, body FROM kb_articles WHERE id = ?").bind(article.id).first();
    expect(row).toEqual({ title: "Rascunho", status: "published", body: "b" });
    expect((await api(`/api/kb/articles/${article.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    await expectError(await api(`/api/kb/articles/${article.id}`, { cookie: admin }), 404, "not_found");
    expect(await auditActions(account.id)).toEqual(["kb.category_created", "kb.article_created", "kb.article_updated", "kb.article_deleted"]);
  });

  it("previews Markdown as a save would render it, storing nothing", async () => {
    const { account, admin } = await kbAccount();
    const res = await api("/api/kb/preview", { cookie: admin, body: { body: "# Oi\n\n<script>alert(1)</script>[x](javascript:alert(1))" } });
    expect(res.status).toBe(200);
    const { html } = await json(res);
    expect(html).toContain("<h1>Oi</h1>");
    expect(inertProblems(html)).toEqual([]);
    expect(html).not.toContain("<script");
    expect(await auditActions(account.id)).toEqual([]);
  });
});
