/**
 * The frame of every Painel do Cliente page: header with the company's name, the logged-in
 * customer's menu, the language switch, the footer chat when the account turned it on
 * (surfaces/chat-tag.ts, with the customer's signed identity), and a strict CSP: our own
 * scripts (`/widget.js` and what it loads) plus this response's nonce, inline styles (the
 * widget's shadow roots need them), requests to our origin only (the chat's fetches and its WebSocket: CSP 3 `'self'` covers ws/wss of the same host).
 */
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { randomToken } from "../auth/encoding";
import type { PanelAccount } from "../customer-auth/panel-account";
import type { AppEnv } from "../env";
import { pickLang, type Lang } from "../settings/look";
import { surfaceChatScript } from "../surfaces/chat-tag";
import { surfaceChat } from "../surfaces/settings";
import type { PanelCustomer } from "../views-panel";
import { PANEL_SCRIPT, PANEL_STYLE } from "./assets";
import { PANEL_TEXTS, type PanelTexts } from "./texts";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What a page of one request knows. */
export interface PanelPage {
  c: Context<AppEnv>;
  account: PanelAccount;
  /** The key as the URL wrote it (public key or slug), kept in links. */
  key: string;
  lang: Lang;
  t: PanelTexts;
  customer: PanelCustomer | null;
  /** A panel path (`/tickets`) as a link that keeps a `?lang=` the visitor chose. */
  href(path: string): string;
}

/** The page context of a request under `/p/:key/`. */
export function panelPage(c: Context<AppEnv>, account: PanelAccount, key: string, customer: PanelCustomer | null): PanelPage {
  const chosen = c.req.query("lang");
  const lang = pickLang(chosen, account.locale);
  const suffix = chosen ? `?lang=${encodeURIComponent(lang)}` : "";
  const base = `/p/${encodeURIComponent(key)}`;
  return { c, account, key, lang, t: PANEL_TEXTS[lang], customer, href: (path) => `${base}${path}${suffix}` };
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    // The widget's shadow roots carry <style> elements (widget/launcher.ts): inline styles stay
    // allowed, as on the pop-up page; scripts are what the policy holds to our own and the nonce.
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** camelCase → kebab-case, for `data-` attribute names. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);

/** The texts the form script shows, as escaped `data-` attributes. */
function messages(t: PanelTexts) {
  return html`<div id="panel-messages" hidden ${Object.entries(t.messages).map(([k, v]) => html` data-${raw(kebab(k))}="${v}"`)}></div>`;
}

function menu(p: PanelPage, current: string) {
  const { t } = p;
  const item = (path: string, label: string) =>
    html`<li><a href="${p.href(path)}"${current === path ? html` aria-current="page"` : ""}>${label}</a></li>`;
  return html`<nav aria-label="${t.nav.label}"><ul>
${item("/tickets", t.nav.tickets)}${item("/tickets/new", t.nav.newTicket)}${item("/chats", t.nav.chats)}
<li><form data-api="/api/p/${p.key}/logout" data-next="${p.href("/")}"><button type="submit" class="linklike">${t.nav.logout}</button><span data-role="alert" class="alert" role="alert"></span></form></li>
</ul></nav>`;
}

function languages(p: PanelPage) {
  const path = p.c.req.path;
  const link = (lang: Lang, label: string) => html`<li><a href="${path}?lang=${lang}" lang="${lang}"${p.lang === lang ? html` aria-current="true"` : ""}>${label}</a></li>`;
  return html`<nav class="langs" aria-label="${p.t.languages}"><ul>${link("pt-BR", "Português")}${link("en", "English")}${link("es", "Español")}</ul></nav>`;
}

/** The whole page around `body`, with its headers; `current` marks the menu entry. */
export async function renderPanel(p: PanelPage, page: { title: string; body: Html; current?: string; status?: 200 | 404 }) {
  const nonce = randomToken(16);
  const chat = await surfaceChat(p.c.env.DB, p.account.id, "customer-panel");
  const chatTag = await surfaceChatScript(chat, p.account, p.customer, p.lang);
  const document = html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${page.title} · ${p.t.product} · ${p.account.name}</title>
<style>${raw(PANEL_STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">${p.t.skip}</a>
<header><div class="bar"><p class="brand">${p.account.name} <span>· ${p.t.product}</span></p>${p.customer ? menu(p, page.current ?? "") : ""}</div></header>
<main id="main">${page.body}</main>
<footer>${languages(p)}</footer>
${messages(p.t)}
<script nonce="${nonce}">${raw(PANEL_SCRIPT)}</script>
${chatTag}
</body>
</html>`;
  return p.c.html(document, page.status ?? 200, {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  });
}
