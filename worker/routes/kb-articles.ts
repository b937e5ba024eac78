/**
 * Base de Conhecimento, console (/api/kb/articles, /api/kb/preview): every attendant lists and
 * reads articles (drafts too, with their votes); administrators and knowledge-base editors write
 * them. The Markdown is rendered to sanitized HTML on every save (worker/kb/markdown.ts) and
 * stored with it, in the batch of the change and its audit entry. A slug is the title's unless
 * given, unique in its category (409 `slug_taken`); it does not follow later title changes, so
 * published URLs stay put. Another account's id is 404.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { kbArticles } from "../db/schema";
import type { AppEnv } from "../env";
import { badRequest, conflict, notFound } from "../errors";
import { ArticleBody, ArticleListQuery, ArticlePatch, PreviewBody } from "../kb/bodies";
import { canEditKb, publicKeyOf, requireKbEditor } from "../kb/editor";
import { renderMarkdown } from "../kb/markdown";
import { slugify } from "../kb/slug";
import { articleSlugFree, articleSummary, articleView, findArticle, findCategory, isSlugClash, listArticles, type KbArticleRow } from "../kb/store";
import { idParam, parseBody, parseQuery } from "../validate";
import type { KbArticleResponse, KbArticlesResponse, KbPreviewResponse } from "../views-kb";

const slugTaken = () => conflict("slug_taken", "Another article of this category already uses this slug", "slug");

/** The category of the account an article goes into; 400 at `categoryId` otherwise. */
async function categoryOf(db: D1Database, accountId: string, id: string) {
  const category = await findCategory(db, accountId, id);
  if (!category) throw badRequest("categoryId: no such category", "categoryId");
  return category;
}

/** 409 unless `slug` is free in the category (400 when the title gave none). */
async function requireFreeSlug(db: D1Database, accountId: string, categoryId: string, slug: string, exceptId?: string) {
  if (!slug) throw badRequest("slug: the title has no letter or digit to make one from; give one", "slug");
  if (!(await articleSlugFree(db, accountId, categoryId, slug, exceptId))) throw slugTaken();
}

async function target(c: Context<AppEnv>, accountId: string): Promise<KbArticleRow> {
  const id = idParam.safeParse(c.req.param("id"));
  const row = id.success ? await findArticle(c.env.DB, accountId, id.data) : undefined;
  if (!row) throw notFound("No such article");
  return row;
}

/** Runs a batch, turning a raced slug into 409 `slug_taken`. */
async function write(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (isSlugClash(error)) throw slugTaken();
    throw error;
  }
}

const EDITABLE = ["categoryId", "title", "slug", "description", "body", "status"] as const;

export const kbArticleRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const query = parseQuery(c, ArticleListQuery);
    const [rows, canEdit, key] = await Promise.all([listArticles(c.env.DB, who.accountId, query), canEditKb(c.env.DB, who), publicKeyOf(c.env.DB, who.accountId)]);
    const articles = rows.slice(0, query.limit).map((r) => articleSummary(r.article, key, r.categorySlug));
    return c.json({ articles, page: query.page, hasMore: rows.length > query.limit, canEdit } satisfies KbArticlesResponse);
  })
  .post("/", async (c) => {
    const who = await requireKbEditor(c);
    const body = await parseBody(c, ArticleBody);
    const category = await categoryOf(c.env.DB, who.accountId, body.categoryId);
    const slug = body.slug ?? slugify(body.title);
    await requireFreeSlug(c.env.DB, who.accountId, category.id, slug);
    const now = Date.now();
    const row: KbArticleRow = {
      id: crypto.randomUUID(),
      accountId: who.accountId,
      categoryId: category.id,
      title: body.title,
      slug,
      description: body.description,
      body: body.body,
      html: await renderMarkdown(body.body),
      status: body.status,
      helpfulYes: 0,
      helpfulNo: 0,
      authorId: who.id,
      createdAt: now,
      updatedAt: now,
      publishedAt: body.status === "published" ? now : null,
    };
    const db = database(c.env.DB);
    const detail = { title: row.title, slug, categoryId: category.id, status: row.status };
    await write(() =>
      db.batch([
        db.insert(kbArticles).values(row),
        auditEntry(db, { ...requestActor(c), action: "kb.article_created", target: { type: "kb_article", id: row.id }, detail, at: now }),
      ]),
    );
    const key = await publicKeyOf(c.env.DB, who.accountId);
    return c.json({ article: articleView(row, key, category.slug) } satisfies KbArticleResponse, 201);
  })
  .get("/:id", async (c) => {
    const who = c.get("attendant");
    const row = await target(c, who.accountId);
    const [category, key] = await Promise.all([findCategory(c.env.DB, who.accountId, row.categoryId), publicKeyOf(c.env.DB, who.accountId)]);
    return c.json({ article: articleView(row, key, category?.slug ?? "") } satisfies KbArticleResponse);
  })
  .patch("/:id", async (c) => {
    const who = await requireKbEditor(c);
    const before = await target(c, who.accountId);
    const patch = await parseBody(c, ArticlePatch);
    const category = await categoryOf(c.env.DB, who.accountId, patch.categoryId ?? before.categoryId);
    const after: KbArticleRow = { ...before, ...patch, categoryId: category.id };
    const fields = EDITABLE.filter((k) => before[k] !== after[k]);
    if (fields.includes("slug") || fields.includes("categoryId")) await requireFreeSlug(c.env.DB, who.accountId, category.id, after.slug, before.id);
    if (fields.length > 0) {
      const now = Date.now();
      after.updatedAt = now;
      if (fields.includes("body")) after.html = await renderMarkdown(after.body);
      if (fields.includes("status") && after.status === "published") after.publishedAt = now;
      const { categoryId, title, slug, description, body, html, status, publishedAt } = after;
      const db = database(c.env.DB);
      await write(() =>
        db.batch([
          db
            .update(kbArticles)
            .set({ categoryId, title, slug, description, body, html, status, publishedAt, updatedAt: now })
            .where(and(eq(kbArticles.id, before.id), eq(kbArticles.accountId, who.accountId))),
          auditEntry(db, { ...requestActor(c), action: "kb.article_updated", target: { type: "kb_article", id: before.id }, detail: { title, fields, status }, at: now }),
        ]),
      );
    }
    const key = await publicKeyOf(c.env.DB, who.accountId);
    return c.json({ article: articleView(after, key, category.slug) } satisfies KbArticleResponse);
  })
  .delete("/:id", async (c) => {
    const who = await requireKbEditor(c);
    const row = await target(c, who.accountId);
    const db = database(c.env.DB);
    await db.batch([
      db.delete(kbArticles).where(and(eq(kbArticles.id, row.id), eq(kbArticles.accountId, who.accountId))),
      auditEntry(db, { ...requestActor(c), action: "kb.article_deleted", target: { type: "kb_article", id: row.id }, detail: { title: row.title, slug: row.slug, status: row.status } }),
    ]);
    return c.body(null, 204);
  });

/** POST /api/kb/preview: the editor's preview, rendered exactly as a save would; nothing is stored. */
// The session check on the route itself, not `use()`: nothing under /api/kb/preview/ is claimed.
export const kbPreviewRoutes = new Hono<AppEnv>().post("/", requireAttendant, async (c) => {
  await requireKbEditor(c);
  const { body } = await parseBody(c, PreviewBody);
  return c.json({ html: await renderMarkdown(body) } satisfies KbPreviewResponse);
});
