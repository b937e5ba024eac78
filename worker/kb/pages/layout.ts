/**
 * The frame of every public Base de Conhecimento page: head (title, description, canonical URL,
 * Open Graph), a header with the search form, the main landmark, the footer chat's script.
 * Every value is escaped by hono/html; only our own constant stylesheet and the article's
 * stored, sanitized HTML (by the article page itself) are inserted raw.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Lang } from "../../settings/look";
import type { KbAccount } from "../public-store";
import { KB_STYLE } from "./style";
import type { KbTexts } from "./texts";

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every page of one request knows. */
export interface KbPageContext {
  account: KbAccount;
  lang: Lang;
  texts: KbTexts;
  /** The `?lang=` the visitor chose, kept on our links; null when the account's locale applies. */
  langParam: Lang | null;
  /** `https://host`, for absolute URLs (canonical, Open Graph, sitemap). */
  origin: string;
  /** The footer chat's `<script>`, or "" when the Base de Conhecimento shows no chat. */
  chatScript: HtmlEscapedString | string;
}

/** The path of a page of this knowledge base (`""` is the index), with the chosen language kept. */
export function kbHref(page: KbPageContext, path = "", query: Record<string, string> = {}): string {
  const base = `/kb/${encodeURIComponent(page.account.publicKey)}/${path}`;
  const params = new URLSearchParams(query);
  if (page.langParam) params.set("lang", page.langParam);
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

export interface KbHead {
  title: string;
  description: string;
  /** Path of the page without query (`/kb/<key>/...`): the canonical URL. */
  path: string;
  type?: "website" | "article";
  /** Search results and error pages are not indexed. */
  noindex?: boolean;
}

/** The whole document. */
export function kbLayout(page: KbPageContext, head: KbHead, main: Markup, query = ""): Markup {
  const { texts, account } = page;
  const canonical = `${page.origin}${head.path}`;
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${head.title}</title>
<meta name="description" content="${head.description}">
${head.noindex ? html`<meta name="robots" content="noindex">` : html`<link rel="canonical" href="${canonical}">`}
<meta property="og:type" content="${head.type ?? "website"}">
<meta property="og:title" content="${head.title}">
<meta property="og:description" content="${head.description}">
<meta property="og:url" content="${canonical}">
<meta property="og:site_name" content="${account.name} · ${texts.product}">
<meta property="og:locale" content="${page.lang.replace("-", "_")}">
<style>${raw(KB_STYLE)}</style>
</head>
<body>
<header class="top">
<div class="wrap">
<a class="brand" href="${kbHref(page)}">${account.name} <span>· ${texts.product}</span></a>
<form class="search" role="search" method="get" action="${kbHref({ ...page, langParam: null }, "search")}">
<label for="kb-q" class="visually-hidden">${texts.searchLabel}</label>
<input id="kb-q" type="search" name="q" value="${query}" placeholder="${texts.searchPlaceholder}" maxlength="200" autocomplete="off">
${page.langParam ? html`<input type="hidden" name="lang" value="${page.langParam}">` : ""}
<button type="submit">${texts.searchButton}</button>
</form>
</div>
</header>
<main id="main" class="wrap">
${main}
</main>
<footer class="wrap foot"><p>${account.name} · ${texts.product}</p></footer>
${page.chatScript}
</body>
</html>`;
}

/** A trail of links to where the page sits (index › category › article). */
export function breadcrumb(page: KbPageContext, items: { label: string; href?: string }[]): Markup {
  return html`<nav class="trail" aria-label="${page.texts.breadcrumb}"><ol>
<li><a href="${kbHref(page)}">${page.texts.home}</a></li>
${items.map((item) => (item.href ? html`<li><a href="${item.href}">${item.label}</a></li>` : html`<li aria-current="page">${item.label}</li>`))}
</ol></nav>`;
}
