/**
 * "Integrar e Publicar": the footer snippet and the pop-up URL for an account, from the options
 * chosen in the console. Pure string building, unit-tested: attribute values are escaped, and
 * options left at their defaults add nothing (the widget then follows the account's settings).
 */

import { LANGS, type Lang } from "../worker/settings/look";

/** Languages the widget speaks (`data-lang`, `?lang=`). */
export const WIDGET_LANGS = LANGS;
export type WidgetLang = Lang;

export interface EmbedOptions {
  /** The chat server, e.g. `https://chat.example.com` (no trailing slash needed). */
  origin: string;
  /** The account's public key. */
  account: string;
  /** A department id, or "" to let the customer choose. */
  department: string;
  /** "" follows "Personalizar chat". */
  position: "" | "left" | "right";
  autoOpen: boolean;
  hideWhenOffline: boolean;
  /** "" lets the widget pick (the account's language). */
  lang: "" | WidgetLang;
  /** A signed-in customer (`data-name`, `data-email`, `data-customer-hash`), for examples. */
  identity?: { name: string; email: string; customerHash: string };
}

export const DEFAULT_EMBED: Omit<EmbedOptions, "origin" | "account"> = {
  department: "",
  position: "",
  autoOpen: false,
  hideWhenOffline: false,
  lang: "",
};

/** Escapes text for a double-quoted HTML attribute value (and for text content). */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function trimOrigin(origin: string): string {
  return origin.replace(/\/+$/, "");
}

/** `<script src="…/widget.js" data-account="…" … async></script>`, with only the options that differ from the defaults. */
export function widgetSnippet(options: EmbedOptions): string {
  const attributes: string[] = [
    `src="${escapeAttribute(`${trimOrigin(options.origin)}/widget.js`)}"`,
    `data-account="${escapeAttribute(options.account)}"`,
  ];
  if (options.department) attributes.push(`data-department="${escapeAttribute(options.department)}"`);
  if (options.position) attributes.push(`data-position="${escapeAttribute(options.position)}"`);
  if (options.autoOpen) attributes.push("data-auto-open");
  if (options.hideWhenOffline) attributes.push("data-hide-when-offline");
  if (options.lang) attributes.push(`data-lang="${escapeAttribute(options.lang)}"`);
  if (options.identity) {
    attributes.push(
      `data-name="${escapeAttribute(options.identity.name)}"`,
      `data-email="${escapeAttribute(options.identity.email)}"`,
      `data-customer-hash="${escapeAttribute(options.identity.customerHash)}"`,
    );
  }
  attributes.push("async");
  return `<script ${attributes.join(" ")}></script>`;
}

/** "URL de acesso para o atendimento online": the full-page chat, `/chat/<key>?department=…&lang=…`. */
export function popupUrl(options: Pick<EmbedOptions, "origin" | "account" | "department" | "lang">): string {
  const params = new URLSearchParams();
  if (options.department) params.set("department", options.department);
  if (options.lang) params.set("lang", options.lang);
  const query = params.toString();
  return `${trimOrigin(options.origin)}/chat/${encodeURIComponent(options.account)}${query ? `?${query}` : ""}`;
}

/**
 * Node.js code for the host site's server: signs the signed-in customer's e-mail and prints the
 * snippet with `data-name`, `data-email` and `data-customer-hash` (the same signature as
 * worker/customer-identity.ts: HMAC-SHA256, hex, of the trimmed, lower-cased e-mail).
 */
export function nodeIdentityExample(options: Omit<EmbedOptions, "identity">): string {
  const tag = widgetSnippet({
    ...options,
    identity: { name: "${escapeHtml(user.name)}", email: "${escapeHtml(user.email)}", customerHash: "${customerHash(user.email)}" },
  });
  return [
    'import { createHmac } from "node:crypto";',
    "",
    "const secret = process.env.ATENDIMENTO_IDENTITY_SECRET;",
    "",
    "function customerHash(email) {",
    '  return createHmac("sha256", secret).update(email.trim().toLowerCase()).digest("hex");',
    "}",
    "",
    "const escapeHtml = (text) =>",
    '  text.replace(/[&<>"\']/g, (c) => `&#${c.charCodeAt(0)};`);',
    "",
    "// user: the customer signed in to your site",
    // One attribute a line, for reading.
    `const chatTag = \`${tag.replace(/ (?=data-|async>)/g, "\n  ")}\`;`,
  ].join("\n");
}

/**
 * The preview iframe's `srcdoc`: a blank host page that holds the snippet, as a customer's site
 * would. Only our own snippet (already escaped) and fixed text go in; `lang` and the note are
 * escaped too.
 */
export function previewDocument(snippet: string, pageLang: string, note: string): string {
  return [
    "<!doctype html>",
    `<html lang="${escapeAttribute(pageLang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    "<style>body{margin:0;min-height:100vh;font:14px/1.5 system-ui,sans-serif;color:#5b6472;background:#f7f8fa}p{margin:1rem}</style>",
    "</head>",
    `<body><p>${escapeAttribute(note)}</p>`,
    snippet,
    "</body></html>",
  ].join("");
}
