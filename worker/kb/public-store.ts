/**
 * D1 reads of the public Base de Conhecimento (pages and JSON API): published articles only, of
 * the account whose public key is in the URL. Votes are counters bumped in place.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { database } from "../db/client";
import { accounts, kbArticles, kbCategories } from "../db/schema";
import type { KbPublicCategory } from "../views-kb";
import { ftsQuery, HIT_END, HIT_START } from "./search";

/** The account of a public key, with what its pages need. */
export interface KbAccount {
  id: string;
  name: string;
  publicKey: string;
  secret: string;
  locale: string;
}

/** Public keys are random tokens (base64url); anything else is not looked up. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export async function kbAccount(db: D1Database, key: string): Promise<KbAccount | undefined> {
  if (!KEY_PATTERN.test(key)) return undefined;
  return database(db)
    .select({ id: accounts.id, name: accounts.name, publicKey: accounts.publicKey, secret: accounts.secret, locale: accounts.locale })
    .from(accounts)
    .where(eq(accounts.publicKey, key))
    .get();
}

const published = (accountId: string) => and(eq(kbArticles.accountId, accountId), eq(kbArticles.status, "published"));

/** The categories that have a published article, by position then name, with those counted. */
export async function publicCategories(db: D1Database, accountId: string): Promise<KbPublicCategory[]> {
  const rows = await database(db)
    .select({
      id: kbCategories.id,
      name: kbCategories.name,
      slug: kbCategories.slug,
      description: kbCategories.description,
      articleCount: sql<number>`COUNT(${kbArticles.id})`,
    })
    .from(kbCategories)
    .innerJoin(kbArticles, and(eq(kbArticles.categoryId, kbCategories.id), published(accountId)))
    .where(eq(kbCategories.accountId, accountId))
    .groupBy(kbCategories.id)
    .orderBy(asc(kbCategories.position), asc(sql`${kbCategories.name} COLLATE NOCASE`))
    .limit(500);
  return rows.map((r) => ({ ...r, articleCount: Number(r.articleCount) }));
}

/** A published article with its category, as pages and the JSON API show it. */
export interface PublicArticle {
  id: string;
  title: string;
  slug: string;
  description: string;
  html: string;
  helpfulYes: number;
  helpfulNo: number;
  updatedAt: number;
  categoryId: string;
  categorySlug: string;
  categoryName: string;
}

const articleColumns = {
  id: kbArticles.id,
  title: kbArticles.title,
  slug: kbArticles.slug,
  description: kbArticles.description,
  html: kbArticles.html,
  helpfulYes: kbArticles.helpfulYes,
  helpfulNo: kbArticles.helpfulNo,
  updatedAt: kbArticles.updatedAt,
  categoryId: kbCategories.id,
  categorySlug: kbCategories.slug,
  categoryName: kbCategories.name,
};

function articlesQuery(db: D1Database, accountId: string) {
  return database(db)
    .select(articleColumns)
    .from(kbArticles)
    .innerJoin(kbCategories, and(eq(kbCategories.id, kbArticles.categoryId), eq(kbCategories.accountId, accountId)));
}

/** Published articles, by title, of one category (by slug) or all; at most `limit`. */
export async function publishedArticles(db: D1Database, accountId: string, options: { categorySlug?: string; limit: number }): Promise<PublicArticle[]> {
  return articlesQuery(db, accountId)
    .where(and(published(accountId), options.categorySlug ? eq(kbCategories.slug, options.categorySlug) : undefined))
    .orderBy(asc(kbCategories.position), asc(sql`${kbArticles.title} COLLATE NOCASE`))
    .limit(options.limit);
}

/** One published article by id, or undefined (drafts and other accounts' too). */
export async function publishedArticleById(db: D1Database, accountId: string, id: string): Promise<PublicArticle | undefined> {
  return articlesQuery(db, accountId).where(and(published(accountId), eq(kbArticles.id, id))).get();
}

/** One published article by its category's slug and its own, or undefined. */
export async function publishedArticleBySlug(db: D1Database, accountId: string, categorySlug: string, slug: string): Promise<PublicArticle | undefined> {
  return articlesQuery(db, accountId)
    .where(and(published(accountId), eq(kbCategories.slug, categorySlug), eq(kbArticles.slug, slug)))
    .get();
}

/** A search hit: the article and a short excerpt with its hits between HIT_START and HIT_END. */
export interface SearchHit extends PublicArticle {
  snippet: string;
}

/** Published articles matching `text` (FTS5, best first), at most `limit`; empty for text without words. */
export async function searchPublished(db: D1Database, accountId: string, text: string, limit: number, categorySlug?: string): Promise<SearchHit[]> {
  const match = ftsQuery(text);
  if (!match) return [];
  const { results } = await db
    .prepare(
      `SELECT a.id, a.title, a.slug, a.description, a.html, a.helpful_yes AS helpfulYes, a.helpful_no AS helpfulNo,
              a.updated_at AS updatedAt, c.id AS categoryId, c.slug AS categorySlug, c.name AS categoryName,
              snippet(kb_articles_fts, -1, ?, ?, '…', 16) AS snippet
         FROM kb_articles_fts
         JOIN kb_articles a ON a.rowid = kb_articles_fts.rowid
         JOIN kb_categories c ON c.id = a.category_id AND c.account_id = a.account_id
        WHERE kb_articles_fts MATCH ? AND a.account_id = ? AND a.status = 'published' AND (? IS NULL OR c.slug = ?)
        ORDER BY bm25(kb_articles_fts, 10.0, 4.0, 1.0)
        LIMIT ?`,
    )
    .bind(HIT_START, HIT_END, match, accountId, categorySlug ?? null, categorySlug ?? null, limit)
    .all<SearchHit>();
  return results;
}

/** Counts one "Este artigo foi útil?" answer; false when no such published article. */
export async function countVote(db: D1Database, accountId: string, id: string, helpful: boolean): Promise<boolean> {
  const column = helpful ? kbArticles.helpfulYes : kbArticles.helpfulNo;
  const result = await database(db)
    .update(kbArticles)
    .set(helpful ? { helpfulYes: sql`${column} + 1` } : { helpfulNo: sql`${column} + 1` })
    .where(and(eq(kbArticles.id, id), published(accountId)))
    .run();
  return result.meta.changes > 0;
}

/** Every published article's path parts and last change, for the sitemap (at most `limit`). */
export async function sitemapEntries(db: D1Database, accountId: string, limit: number) {
  return database(db)
    .select({ slug: kbArticles.slug, categorySlug: kbCategories.slug, updatedAt: kbArticles.updatedAt })
    .from(kbArticles)
    .innerJoin(kbCategories, and(eq(kbCategories.id, kbArticles.categoryId), eq(kbCategories.accountId, accountId)))
    .where(published(accountId))
    .orderBy(asc(kbCategories.slug), asc(kbArticles.slug))
    .limit(limit);
}
