/**
 * The user's search text as an FTS5 query over `kb_articles_fts`: each word quoted (inside
 * double quotes FTS5 reads no operator: `OR`, `NEAR`, `-`, `:`, `*`) with a prefix star after the
 * quote, all of them required. "configurar senh" finds "Configurações de senha". Accents are
 * folded by the index's tokenizer (unicode61, remove_diacritics 2) on both sides.
 */

/** At most this many words count; the rest of a pasted paragraph is ignored. */
const MAX_TERMS = 8;

/** The MATCH expression for `text`, or null when it has no letter or digit (nothing to find). */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words
    .slice(0, MAX_TERMS)
    .map((w) => `"${w}"*`)
    .join(" ");
}

/** Marks around the hits of a `snippet()`: control characters, which article texts never hold (kb/bodies.ts). */
export const HIT_START = "\u0002";
export const HIT_END = "\u0003";
