/** `/kb/<key>/<category>/`: one category's published articles. */
import { html } from "hono/html";
import type { KbPublicCategory } from "../../views-kb";
import type { PublicArticle } from "../public-store";
import { breadcrumb, kbHref, kbLayout, type KbPageContext } from "./layout";

export function categoryPage(page: KbPageContext, category: KbPublicCategory, articles: PublicArticle[]) {
  const { texts, account } = page;
  const main = html`${breadcrumb(page, [{ label: category.name }])}
<h1>${category.name}</h1>
${category.description ? html`<p class="lead">${category.description}</p>` : ""}
<ul class="hits">${articles.map(
    (a) => html`<li><a href="${kbHref(page, `${category.slug}/${a.slug}`)}">${a.title}</a>${a.description ? html`<p>${a.description}</p>` : ""}</li>`,
  )}</ul>`;
  return kbLayout(
    page,
    { title: `${category.name} · ${texts.product} · ${account.name}`, description: category.description || texts.indexDescription(account.name), path: kbHref({ ...page, langParam: null }, `${category.slug}/`) },
    main,
  );
}
