/** `/kb/<key>/`: the categories that have published articles, each with its articles. */
import { html } from "hono/html";
import type { KbPublicCategory } from "../../views-kb";
import type { PublicArticle } from "../public-store";
import { kbHref, kbLayout, type KbPageContext } from "./layout";

/** Articles listed under each category on the index; the category's page lists them all. */
const PER_CATEGORY = 8;

function byCategory(articles: PublicArticle[]): Map<string, PublicArticle[]> {
  const out = new Map<string, PublicArticle[]>();
  for (const article of articles) out.set(article.categoryId, [...(out.get(article.categoryId) ?? []), article]);
  return out;
}

export function indexPage(page: KbPageContext, categories: KbPublicCategory[], articles: PublicArticle[]) {
  const { texts, account } = page;
  const grouped = byCategory(articles);
  const main = html`<h1>${texts.product}</h1>
<p class="lead">${texts.indexDescription(account.name)}</p>
${categories.length === 0
  ? html`<p>${texts.empty}</p>`
  : html`<ul class="cards">${categories.map(
      (category) => html`<li class="card">
<h2><a href="${kbHref(page, `${category.slug}/`)}">${category.name}</a></h2>
<p class="count">${texts.articles(category.articleCount)}</p>
<ul>${(grouped.get(category.id) ?? []).slice(0, PER_CATEGORY).map((a) => html`<li><a href="${kbHref(page, `${a.categorySlug}/${a.slug}`)}">${a.title}</a></li>`)}</ul>
</li>`,
    )}</ul>`}`;
  return kbLayout(page, { title: `${texts.product} · ${account.name}`, description: texts.indexDescription(account.name), path: kbHref({ ...page, langParam: null }) }, main);
}
