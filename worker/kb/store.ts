/**
 * D1 reads of the Base de Conhecimento for the console: categories with their article counts,
 * the article list (filters, FTS5 search, pages) and one article. Every query is scoped by
 * account; another account's id reads as missing.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { database } from "../db/client";
import { kbArticles, kbCategories } from "../db/schema";
import type { KbArticleSummary, KbArticleView, KbCategoryView } from "../views-kb";
import { ftsQuery } from "./search";

export type KbCategoryRow = typeof kbCategories.$inferSelect;
export type KbArticleRow = typeof kbArticles.$inferSelect;

/** The public page of an article (`/kb/<key>/<category>/<slug>`). */
export function articlePath(publicKey: string, categorySlug: string, slug: string): string {
  return `/kb/${encodeURIComponent(publicKey)}/${categorySlug}/${slug}`;
}

/** Every category of the account, by position then name, with all its articles counted. */
export async function accountCategories(db: D1Database, accountId: string): Promise<KbCategoryView[]> {
  // Written out: drizzle leaves columns unqualified in a one-table select, which would bind the subquery's own id.
  const count = sql<number>`(SELECT COUNT(*) FROM kb_articles a WHERE a.account_id = ${accountId} AND a.category_id = "kb_categories"."id")`;
  const rows = await database(db)
    .select({
      id: kbCategories.id,
      name: kbCategories.name,
      slug: kbCategories.slug,
      description: kbCategories.description,
      position: kbCategories.position,
      articleCount: count,
      createdAt: kbCategories.createdAt,
      updatedAt: kbCategories.updatedAt,
    })
    .from(kbCategories)
    .where(eq(kbCategories.accountId, accountId))
    .orderBy(asc(kbCategories.position), asc(sql`${kbCategories.name} COLLATE NOCASE`))
    // Categories are a short, hand-made list; the cap only keeps a runaway account bounded.
    .limit(500);
  return rows.map((r) => ({ ...r, articleCount: Number(r.articleCount) }));
}

/** One category of the account, or undefined. */
export async function findCategory(db: D1Database, accountId: string, id: string): Promise<KbCategoryRow | undefined> {
  return database(db).select().from(kbCategories).where(and(eq(kbCategories.id, id), eq(kbCategories.accountId, accountId))).get();
}

/** One article of the account, or undefined. */
export async function findArticle(db: D1Database, accountId: string, id: string): Promise<KbArticleRow | undefined> {
  return database(db).select().from(kbArticles).where(and(eq(kbArticles.id, id), eq(kbArticles.accountId, accountId))).get();
}

/** The console's view of an article row. */
export function articleSummary(row: KbArticleRow, publicKey: string, categorySlug: string): KbArticleSummary {
  return {
    id: row.id,
    categoryId: row.categoryId,
    title: row.title,
    slug: row.slug,
    description: row.description,
    status: row.status,
    helpfulYes: row.helpfulYes,
    helpfulNo: row.helpfulNo,
    url: articlePath(publicKey, categorySlug, row.slug),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
  };
}

export function articleView(row: KbArticleRow, publicKey: string, categorySlug: string): KbArticleView {
  return { ...articleSummary(row, publicKey, categorySlug), body: row.body, html: row.html };
}

export interface ArticleFilters {
  q?: string;
  category?: string;
  status?: KbArticleRow["status"];
  page: number;
  limit: number;
}

/** A page of the account's articles (drafts too), newest change first, with one more row to tell `hasMore`. */
export async function listArticles(db: D1Database, accountId: string, filters: ArticleFilters) {
  const match = filters.q ? ftsQuery(filters.q) : null;
  if (filters.q && !match) return [];
  return database(db)
    .select({ article: kbArticles, categorySlug: kbCategories.slug })
    .from(kbArticles)
    .innerJoin(kbCategories, and(eq(kbCategories.id, kbArticles.categoryId), eq(kbCategories.accountId, accountId)))
    .where(
      and(
        eq(kbArticles.accountId, accountId),
        filters.category ? eq(kbArticles.categoryId, filters.category) : undefined,
        filters.status ? eq(kbArticles.status, filters.status) : undefined,
        match ? sql`${kbArticles}.rowid IN (SELECT rowid FROM kb_articles_fts WHERE kb_articles_fts MATCH ${match})` : undefined,
      ),
    )
    .orderBy(desc(kbArticles.updatedAt), asc(kbArticles.id))
    .limit(filters.limit + 1)
    .offset((filters.page - 1) * filters.limit);
}

/** Whether `slug` is free for another category of the account than `exceptId`. */
export async function categorySlugFree(db: D1Database, accountId: string, slug: string, exceptId?: string): Promise<boolean> {
  const row = await database(db)
    .select({ id: kbCategories.id })
    .from(kbCategories)
    .where(and(eq(kbCategories.accountId, accountId), eq(kbCategories.slug, slug)))
    .get();
  return !row || row.id === exceptId;
}

/** Whether `slug` is free in the category for another article than `exceptId`. */
export async function articleSlugFree(db: D1Database, accountId: string, categoryId: string, slug: string, exceptId?: string): Promise<boolean> {
  const row = await database(db)
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(and(eq(kbArticles.accountId, accountId), eq(kbArticles.categoryId, categoryId), eq(kbArticles.slug, slug)))
    .get();
  return !row || row.id === exceptId;
}

/** Whether a D1 failure is one of the slug unique indexes: two requests raced past the check. */
export function isSlugClash(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: kb_(categories|articles)\.account_id/.test(String(error.cause ?? error.message));
}
