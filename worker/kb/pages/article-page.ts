/**
 * `/kb/<key>/<category>/<article>`: the article's stored, sanitized HTML (rendered on save by
 * worker/kb/markdown.ts: the only markup inserted unescaped) and "Este artigo foi útil?" as a
 * plain POST form, which works without JavaScript and comes back with a thank-you.
 */
import { html, raw } from "hono/html";
import type { PublicArticle } from "../public-store";
import { breadcrumb, kbHref, kbLayout, type KbPageContext } from "./layout";

/** What the vote form shows after a vote: thanks, or the per-IP limit. */
export type VoteNotice = "thanks" | "limited" | null;

function voteBox(page: KbPageContext, article: PublicArticle, notice: VoteNotice) {
  const { texts } = page;
  const message = notice === "thanks" ? texts.thanks : notice === "limited" ? texts.tooManyVotes : "";
  return html`<section class="vote" id="vote" aria-labelledby="vote-q">
<form method="post" action="${kbHref(page, `${article.categorySlug}/${article.slug}/vote`)}">
<fieldset><legend id="vote-q">${texts.helpfulQuestion}</legend>
<button type="submit" name="helpful" value="yes">${texts.yes}</button>
<button type="submit" name="helpful" value="no">${texts.no}</button>
</fieldset>
</form>
<p class="notice${notice === "limited" ? " warn" : ""}" role="status" aria-live="polite">${message}</p>
</section>`;
}

export function articlePage(page: KbPageContext, article: PublicArticle, notice: VoteNotice) {
  const { texts, account } = page;
  const updated = new Intl.DateTimeFormat(page.lang, { dateStyle: "long", timeZone: "UTC" }).format(article.updatedAt);
  const main = html`${breadcrumb(page, [{ label: article.categoryName, href: kbHref(page, `${article.categorySlug}/`) }, { label: article.title }])}
<article class="article" aria-labelledby="article-title">
<h1 id="article-title">${article.title}</h1>
${article.description ? html`<p class="lead">${article.description}</p>` : ""}
<p class="meta">${texts.updated} <time datetime="${new Date(article.updatedAt).toISOString()}">${updated}</time></p>
<div class="content">${raw(article.html)}</div>
</article>
${voteBox(page, article, notice)}`;
  return kbLayout(
    page,
    {
      title: `${article.title} · ${account.name}`,
      description: article.description || article.title,
      path: kbHref({ ...page, langParam: null }, `${article.categorySlug}/${article.slug}`),
      type: "article",
    },
    main,
  );
}
