/**
 * `/kb/<key>/sitemap.xml` (the index, every category with a published article, every published
 * article with its last change) and `/kb/<key>/robots.txt` pointing at it. XML values are
 * escaped; slugs are plain ASCII by construction (worker/kb/slug.ts).
 */
import { html } from "hono/html";

export interface SitemapUrl {
  loc: string;
  lastmod?: number;
}

export function sitemapXml(urls: SitemapUrl[]) {
  return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => html`<url><loc>${u.loc}</loc>${u.lastmod ? html`<lastmod>${new Date(u.lastmod).toISOString()}</lastmod>` : ""}</url>
`)}</urlset>
`;
}

export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /kb/\nSitemap: ${sitemapUrl}\n`;
}
