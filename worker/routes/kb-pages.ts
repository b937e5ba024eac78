/**
 * The public Base de Conhecimento (/kb/:key/...): server-rendered pages that need no JavaScript
 * (except the footer chat, when the account turned it on), in pt-BR, en or es (`?lang=`, then
 * the account's locale). Drafts, unknown keys and another account's slugs are the same 404.
 * The vote is a plain form POST, rate-limited per IP, answered with 303 back to the article.
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import type { AppEnv } from "../env";
import { countVote, kbAccount, publicCategories, publishedArticleBySlug, publishedArticles, searchPublished, sitemapEntries } from "../kb/public-store";
import { slug } from "../kb/bodies";
import { articlePage, type VoteNotice } from "../kb/pages/article-page";
import { categoryPage } from "../kb/pages/category-page";
import { indexPage } from "../kb/pages/index-page";
import { kbHref, type KbPageContext } from "../kb/pages/layout";
import { cachedResponse, freshResponse } from "../kb/pages/respond";
import { notFoundPage, searchPage } from "../kb/pages/search-page";
import { robotsTxt, sitemapXml } from "../kb/pages/sitemap";
import { KB_TEXTS } from "../kb/pages/texts";
import { MAX_PUBLIC_ARTICLES } from "./kb-public-api";
import { clientIp, enforce } from "../rate-limit";
import { LANGS, pickLang, type Lang } from "../settings/look";
import { surfaceChat } from "../surfaces/settings";
import { surfaceChatScript } from "../surfaces/chat-tag";

const HTML = "text/html; charset=utf-8";
/** The whole base on the index, and the sitemap's cap (far below the format's 50,000). */
const MAX_INDEX_ARTICLES = 500;
const MAX_SITEMAP_ARTICLES = 10_000;

/** The page context of a request, or null for an unknown key. */
async function context(c: Context<AppEnv>): Promise<KbPageContext | null> {
  await enforce(c.env.PUBLIC_LIMITER, `kb:${clientIp(c)}`);
  const account = await kbAccount(c.env.DB, c.req.param("key") ?? "");
  if (!account) return null;
  const asked = c.req.query("lang");
  const langParam = asked && (LANGS as readonly string[]).includes(asked) ? (asked as Lang) : null;
  const lang = pickLang(langParam, account.locale);
  const chat = await surfaceChat(c.env.DB, account.id, "knowledge-base");
  const chatScript = await surfaceChatScript(chat, account, null, lang);
  return { account, lang, texts: KB_TEXTS[lang], langParam, origin: new URL(c.req.url).origin, chatScript };
}

function plainNotFound(c: Context<AppEnv>) {
  return c.text("Not found", 404, { "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" });
}

async function notFound(c: Context<AppEnv>, page: KbPageContext) {
  return cachedResponse(c, String(await notFoundPage(page)), HTML, 404);
}

const slugOf = (value: string | undefined) => (slug.safeParse(value).success ? value! : null);

const VoteForm = z.object({ helpful: z.enum(["yes", "no"]) });

export const kbPageRoutes = new Hono<AppEnv>()
  .get("/:key", (c) => c.redirect(`${c.req.path}/${new URL(c.req.url).search}`, 301))
  .get("/:key/", async (c) => {
    const page = await context(c);
    if (!page) return plainNotFound(c);
    const [categories, articles] = await Promise.all([
      publicCategories(c.env.DB, page.account.id),
      publishedArticles(c.env.DB, page.account.id, { limit: MAX_INDEX_ARTICLES }),
    ]);
    return cachedResponse(c, String(await indexPage(page, categories, articles)), HTML);
  })
  .get("/:key/search", async (c) => {
    const page = await context(c);
    if (!page) return plainNotFound(c);
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const hits = q ? await searchPublished(c.env.DB, page.account.id, q, MAX_PUBLIC_ARTICLES) : [];
    return cachedResponse(c, String(await searchPage(page, q, hits)), HTML);
  })
  .get("/:key/sitemap.xml", async (c) => {
    const page = await context(c);
    if (!page) return plainNotFound(c);
    const [categories, articles] = await Promise.all([publicCategories(c.env.DB, page.account.id), sitemapEntries(c.env.DB, page.account.id, MAX_SITEMAP_ARTICLES)]);
    const at = (path: string) => `${page.origin}${kbHref({ ...page, langParam: null }, path)}`;
    const urls = [{ loc: at("") }, ...categories.map((x) => ({ loc: at(`${x.slug}/`) })), ...articles.map((a) => ({ loc: at(`${a.categorySlug}/${a.slug}`), lastmod: a.updatedAt }))];
    return cachedResponse(c, String(await sitemapXml(urls)), "application/xml; charset=utf-8");
  })
  .get("/:key/robots.txt", async (c) => {
    const page = await context(c);
    if (!page) return plainNotFound(c);
    return cachedResponse(c, robotsTxt(`${page.origin}${kbHref({ ...page, langParam: null }, "sitemap.xml")}`), "text/plain; charset=utf-8");
  })
  .get("/:key/:category", (c) => c.redirect(`${c.req.path}/${new URL(c.req.url).search}`, 301))
  .get("/:key/:category/", async (c) => {
    const page = await context(c);
    if (!page) return plainNotFound(c);
    const categorySlug = slugOf(c.req.param("category"));
    const category = categorySlug ? (await publicCategories(c.env.DB, page.account.id)).find((x) => x.slug === categorySlug) : undefined;
    if (!category) return notFound(c, page);
    const articles = await publishedArticles(c.env.DB, page.account.id, { categorySlug: category.slug, limit: MAX_INDEX_ARTICLES });
    return cachedResponse(c, String(await categoryPage(page, category, articles)), HTML);
  })
  .get("/:key/:category/:article", async (c) => {
    const page = await context(c);
    if (!page) return plainNotFound(c);
    const categorySlug = slugOf(c.req.param("category"));
    const articleSlug = slugOf(c.req.param("article"));
    const article = categorySlug && articleSlug ? await publishedArticleBySlug(c.env.DB, page.account.id, categorySlug, articleSlug) : undefined;
    if (!article) return notFound(c, page);
    const voted = c.req.query("voted");
    const notice: VoteNotice = voted === "1" ? "thanks" : voted === "limited" ? "limited" : null;
    const body = String(await articlePage(page, article, notice));
    return notice ? freshResponse(body) : cachedResponse(c, body, HTML);
  })
  .post("/:key/:category/:article/vote", async (c) => {
    const page = await context(c);
    if (!page) return plainNotFound(c);
    const categorySlug = slugOf(c.req.param("category"));
    const articleSlug = slugOf(c.req.param("article"));
    const article = categorySlug && articleSlug ? await publishedArticleBySlug(c.env.DB, page.account.id, categorySlug, articleSlug) : undefined;
    if (!article) return notFound(c, page);
    const form = VoteForm.safeParse(await c.req.parseBody().catch(() => ({})));
    const back = (voted: string) => c.redirect(`${kbHref(page, `${article.categorySlug}/${article.slug}`, { voted })}#vote`, 303);
    if (!form.success) return back("0");
    const { success } = await c.env.KB_VOTE_LIMITER.limit({ key: clientIp(c) });
    if (!success) return back("limited");
    await countVote(c.env.DB, page.account.id, article.id, form.data.helpful === "yes");
    return back("1");
  });
