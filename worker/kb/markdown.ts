/**
 * Base de Conhecimento: an article's Markdown to sanitized HTML, once, on save (stored in
 * `kb_articles.html`), so public pages never parse untrusted Markdown per request.
 *
 * A maintained pipeline, not a hand-written filter: remark parses Markdown (with GFM tables,
 * task lists, autolinks), remark-rehype turns it into HTML nodes WITHOUT raw HTML (`<script>`,
 * `<iframe>`, `<svg>`, `<style>`, `onerror=` written in the Markdown are dropped there, not
 * escaped and re-parsed), then rehype-sanitize applies GitHub's schema again as the last word:
 * only its tags and attributes, links limited to http(s), mailto and relative URLs, images to
 * http(s) and relative. Links to other sites get `rel="nofollow noopener noreferrer"` (the
 * article's author is not vouching for them to search engines).
 */
import type { Element, Root, RootContent } from "hast";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/** GitHub's schema with fewer URL schemes: no irc/xmpp links; `src` stays http(s). */
const SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"], cite: ["http", "https"], longDesc: ["http", "https"] },
};

/** Adds rel="nofollow noopener noreferrer" to every absolute http(s) link (after sanitizing, so it cannot be undone). */
function externalLinks() {
  const visit = (node: Root | RootContent) => {
    if (node.type === "element") markLink(node);
    if ("children" in node) node.children.forEach(visit);
  };
  return (tree: Root) => visit(tree);
}

function markLink(node: Element) {
  if (node.tagName !== "a") return;
  const href = node.properties.href;
  if (typeof href === "string" && /^https?:/i.test(href)) node.properties.rel = ["nofollow", "noopener", "noreferrer"];
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, SCHEMA)
  .use(externalLinks)
  .use(rehypeStringify);

/** The most Markdown an article may hold (characters); the body's zod limit. */
export const MAX_ARTICLE_BODY = 100_000;

/** Sanitized HTML of `markdown`, safe to insert into a page as is. */
export async function renderMarkdown(markdown: string): Promise<string> {
  return String(await processor.process(markdown));
}
