/**
 * `/kb/<key>/search?q=`: published articles matching the words (FTS5), best first, each with
 * an excerpt. The excerpt is the visitor's and the author's text: escaped piece by piece, with
 * only our own `<mark>` around the hits (marked by control characters no article holds).
 */
import { html } from "hono/html";
import { HIT_END, HIT_START } from "../search";
import type { SearchHit } from "../public-store";
import { kbHref, kbLayout, type KbPageContext } from "./layout";

/** The snippet as escaped text with `<mark>` around each hit. */
function highlighted(snippet: string) {
  return snippet.split(HIT_START).map((part, i) => {
    if (i === 0) return html`${part.replaceAll(HIT_END, "")}`;
    const [hit = "", ...rest] = part.split(HIT_END);
    return html`<mark>${hit}</mark>${rest.join("")}`;
  });
}

export function searchPage(page: KbPageContext, q: string, hits: SearchHit[]) {
  const { texts, account } = page;
  const title = q ? texts.searchTitle(q) : texts.searchButton;
  const main = html`<h1>${title}</h1>
${!q
  ? html`<p>${texts.emptyQuery}</p>`
  : hits.length === 0
    ? html`<p role="status">${texts.noResults}</p>`
    : html`<ol class="hits">${hits.map(
        (hit) => html`<li><a href="${kbHref(page, `${hit.categorySlug}/${hit.slug}`)}">${hit.title}</a> <span class="count">· ${hit.categoryName}</span>
<p>${highlighted(hit.snippet)}</p></li>`,
      )}</ol>`}`;
  return kbLayout(page, { title: `${title} · ${texts.product} · ${account.name}`, description: texts.indexDescription(account.name), path: kbHref({ ...page, langParam: null }, "search"), noindex: true }, main, q);
}

/** The 404 page of a knowledge base: same frame, nothing from the request repeated. */
export function notFoundPage(page: KbPageContext) {
  const { texts, account } = page;
  const main = html`<h1>${texts.notFound}</h1><p>${texts.notFoundHint}</p><p><a href="${kbHref(page)}">${texts.product}</a></p>`;
  return kbLayout(page, { title: `${texts.notFound} · ${account.name}`, description: texts.notFoundHint, path: kbHref({ ...page, langParam: null }), noindex: true }, main);
}
