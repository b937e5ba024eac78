/**
 * The public JSON API of the Base de Conhecimento (/api/kb/:key/...), for the app Meu Suporte:
 * no session, published articles only, rate-limited per IP. `:key` is the account's public key;
 * an unknown key, a draft and another account's article are the same 404. Mounted after the
 * console's /api/kb/categories, /articles and /preview, whose names are never public keys
 * (random base64url tokens of 24 characters).
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { kbAccount, countVote, publicCategories, publishedArticleById, publishedArticles, searchPublished, type KbAccount, type PublicArticle } from "../kb/public-store";
import { articlePath } from "../kb/store";
import { slug } from "../kb/bodies";
import { clientIp, enforce } from "../rate-limit";
import { idParam, parseBody, parseQuery } from "../validate";
import type { KbPublicArticleResponse, KbPublicArticlesResponse, KbPublicArticleSummary, KbPublicCategoriesResponse } from "../views-kb";

const ArticlesQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: slug.optional(),
});

const VoteBody = z.strictObject({ helpful: z.boolean() });

/** At most this many articles in one answer (a search, a category, the whole base). */
export const MAX_PUBLIC_ARTICLES = 100;

async function accountOf(c: Context<AppEnv>): Promise<KbAccount> {
  await enforce(c.env.PUBLIC_LIMITER, `kb:${clientIp(c)}`);
  const account = await kbAccount(c.env.DB, c.req.param("key") ?? "");
  if (!account) throw notFound("No such knowledge base");
  return account;
}

function summary(account: KbAccount, a: PublicArticle): KbPublicArticleSummary {
  return { id: a.id, title: a.title, slug: a.slug, categorySlug: a.categorySlug, description: a.description, url: articlePath(account.publicKey, a.categorySlug, a.slug) };
}

export const kbPublicApiRoutes = new Hono<AppEnv>()
  .get("/:key/categories", async (c) => {
    const account = await accountOf(c);
    return c.json({ categories: await publicCategories(c.env.DB, account.id) } satisfies KbPublicCategoriesResponse);
  })
  .get("/:key/articles", async (c) => {
    const account = await accountOf(c);
    const query = parseQuery(c, ArticlesQuery);
    const rows = query.q
      ? await searchPublished(c.env.DB, account.id, query.q, MAX_PUBLIC_ARTICLES, query.category)
      : await publishedArticles(c.env.DB, account.id, { categorySlug: query.category, limit: MAX_PUBLIC_ARTICLES });
    return c.json({ articles: rows.map((a) => summary(account, a)) } satisfies KbPublicArticlesResponse);
  })
  .get("/:key/articles/:id", async (c) => {
    const account = await accountOf(c);
    const id = idParam.safeParse(c.req.param("id"));
    const found = id.success ? await publishedArticleById(c.env.DB, account.id, id.data) : undefined;
    if (!found) throw notFound("No such article");
    const article = { ...summary(account, found), categoryName: found.categoryName, html: found.html, updatedAt: found.updatedAt };
    return c.json({ article } satisfies KbPublicArticleResponse);
  })
  .post("/:key/articles/:id/votes", async (c) => {
    const account = await accountOf(c);
    await enforce(c.env.KB_VOTE_LIMITER, clientIp(c));
    const { helpful } = await parseBody(c, VoteBody);
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success || !(await countVote(c.env.DB, account.id, id.data, helpful))) throw notFound("No such article");
    return c.body(null, 204);
  });
