/**
 * Pure logic of Respostas prontas in the composer: which `/word` the caret is in, which
 * responses match it, and the inserted text with its placeholders filled. Placeholders are
 * `{{customer.name}}` and `{{attendant.name}}` (one syntax, language-neutral, documented in the
 * form's hint and docs/API.md); unknown `{{…}}` stay as written.
 */
import type { CannedResponseView } from "../worker/views-canned";

/** The `/query` being typed: where its `/` is, and the text after it up to the caret. */
export interface SlashToken {
  start: number;
  end: number;
  query: string;
}

/** Most entries the list shows at once: the search narrows the rest. */
export const PICKER_LIMIT = 8;

/**
 * The `/word` that ends at the caret, when the `/` starts the message or follows a space or a
 * line break (a URL's slashes do not open the list). The word may be empty (just `/`).
 */
export function slashToken(text: string, caret: number): SlashToken | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([^\s/]{0,40})$/u.exec(before);
  if (!match) return null;
  const start = caret - match[2]!.length - 1;
  return { start, end: caret, query: match[2]! };
}

/** Lower case without accents, for searching as people type. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The responses usable in a chat of `departmentId` (the account's and that department's) that
 * match `query`: shortcut starts with it first, then shortcut or title or body containing it.
 * A department's response shadows the account's one with the same shortcut.
 */
export function searchCanned(all: readonly CannedResponseView[], departmentId: string, query: string): CannedResponseView[] {
  const usable = all.filter((r) => r.departmentId === null || r.departmentId === departmentId);
  const own = new Set(usable.filter((r) => r.departmentId !== null).map((r) => r.shortcut));
  const q = fold(query.trim());
  const ranked: { r: CannedResponseView; rank: number }[] = [];
  for (const r of usable) {
    if (r.departmentId === null && own.has(r.shortcut)) continue;
    const rank = r.shortcut.startsWith(q) ? 0 : fold(`${r.shortcut} ${r.title}`).includes(q) ? 1 : fold(r.body).includes(q) ? 2 : -1;
    if (rank >= 0) ranked.push({ r, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.r.shortcut.localeCompare(b.r.shortcut));
  return ranked.slice(0, PICKER_LIMIT).map((x) => x.r);
}

/** The response's text with `{{customer.name}}` and `{{attendant.name}}` replaced. */
export function fillPlaceholders(body: string, names: { customer: string; attendant: string }): string {
  return body.replace(/\{\{\s*(customer|attendant)\.name\s*\}\}/g, (_, who: "customer" | "attendant") => names[who]);
}

/** The draft with the `/query` replaced by the filled response; the caret goes after it. */
export function insertCanned(draft: string, token: SlashToken, text: string): { draft: string; caret: number } {
  const next = draft.slice(0, token.start) + text + draft.slice(token.end);
  return { draft: next, caret: token.start + text.length };
}
