/**
 * Slugs of the Base de Conhecimento's URLs (`/kb/<key>/<category>/<article>`): lower-case ASCII
 * letters, digits and single dashes, accents folded ("Configurações" → "configuracoes"), so a
 * URL reads well, is typed without a special keyboard and never needs escaping.
 */

export const MAX_SLUG = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Category slugs the public pages use for themselves: `/kb/<key>/search` is the search page.
 * (`sitemap.xml` and `robots.txt` can never be slugs: they hold a dot.)
 */
export const RESERVED_CATEGORY_SLUGS: readonly string[] = ["search"];

/** The slug of `text`, or "" when nothing of it is a letter or digit. */
export function slugify(text: string): string {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .toLowerCase();
  return folded
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, "");
}
