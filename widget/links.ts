/**
 * Links in message text, as Lit templates: the text stays text (bindings escape it) and only
 * `http:`/`https:` URLs become anchors, which open in a new tab without handing the chat's
 * window to the target (`noopener`) nor telling it where the visitor came from.
 */
import { html, type TemplateResult } from "lit";

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?')\]}]+$/;

/** `text` with its http(s) URLs as clickable links. */
export function linkify(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = TRAILING.exec(url)?.[0] ?? "";
    // Keep a closing parenthesis that belongs to the URL, as in Wikipedia's "Foo_(bar)".
    const keep = trailing.startsWith(")") && url.includes("(") ? 1 : 0;
    url = url.slice(0, url.length - trailing.length + keep);
    let href: URL;
    try {
      href = new URL(url);
    } catch {
      continue;
    }
    if (href.protocol !== "http:" && href.protocol !== "https:") continue;
    const start = match.index;
    parts.push(text.slice(last, start), html`<a href=${href.href} target="_blank" rel="noopener noreferrer nofollow">${url}</a>`);
    last = start + url.length;
  }
  parts.push(text.slice(last));
  return parts;
}
