/**
 * The Base de Conhecimento editor's logic, without the DOM: the draft an article form edits, the
 * bodies it sends (only what changed), the checks made before sending, where a server refusal
 * goes, and the preview document. The server checks again and renders the HTML itself.
 */
import type { KbArticleBody, KbArticleStatus, KbArticleView } from "./api-kb";
import type { MessageKey } from "./i18n";

export const KB_TITLE_MAX = 160;
export const KB_DESCRIPTION_MAX = 300;
export const KB_BODY_MAX = 100_000;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface KbDraft {
  title: string;
  categoryId: string;
  /** Empty: the server makes it from the title (a new article) or keeps the current one. */
  slug: string;
  description: string;
  body: string;
}

export type KbField = keyof KbDraft;
export type KbErrors = Partial<Record<KbField, MessageKey>>;

export function kbDraft(article?: KbArticleView | null, categoryId = ""): KbDraft {
  if (!article) return { title: "", categoryId, slug: "", description: "", body: "" };
  return { title: article.title, categoryId: article.categoryId, slug: article.slug, description: article.description, body: article.body };
}

/** The problems the server would refuse, found before sending. */
export function checkKbDraft(draft: KbDraft): KbErrors {
  const errors: KbErrors = {};
  const title = draft.title.trim();
  if (!title || title.length > KB_TITLE_MAX) errors.title = "kb.error.title";
  if (!draft.categoryId) errors.categoryId = "kb.error.category";
  const slug = draft.slug.trim();
  if (slug && (slug.length > 80 || !SLUG.test(slug))) errors.slug = "kb.error.slug";
  if (draft.description.trim().length > KB_DESCRIPTION_MAX) errors.description = "kb.error.field";
  if (draft.body.length > KB_BODY_MAX) errors.body = "kb.error.bodyTooLong";
  return errors;
}

/** Body of POST /api/kb/articles. */
export function kbCreateBody(draft: KbDraft, status: KbArticleStatus): KbArticleBody {
  const body: KbArticleBody = { categoryId: draft.categoryId, title: draft.title.trim(), description: draft.description.trim(), body: draft.body, status };
  if (draft.slug.trim()) body.slug = draft.slug.trim();
  return body;
}

/** Body of PATCH /api/kb/articles/:id: what changed, and the status when it should change. */
export function kbPatchBody(original: KbArticleView, draft: KbDraft, status: KbArticleStatus): Partial<KbArticleBody> {
  const body: Partial<KbArticleBody> = {};
  if (draft.categoryId !== original.categoryId) body.categoryId = draft.categoryId;
  if (draft.title.trim() !== original.title) body.title = draft.title.trim();
  if (draft.slug.trim() && draft.slug.trim() !== original.slug) body.slug = draft.slug.trim();
  if (draft.description.trim() !== original.description) body.description = draft.description.trim();
  if (draft.body !== original.body) body.body = draft.body;
  if (status !== original.status) body.status = status;
  return body;
}

/** The field a server refusal is about (`slug_taken` → slug, `field: "categoryId"`), if the form has it. */
export function kbErrorField(code: string, field: string | undefined): KbField | null {
  if (code === "slug_taken") return "slug";
  const known: KbField[] = ["title", "categoryId", "slug", "description", "body"];
  return field && (known as string[]).includes(field) ? (field as KbField) : null;
}

/**
 * The preview iframe's document: the server's sanitized HTML inside a page of our own styles.
 * The iframe is sandboxed with no permissions, so even a sanitizer bug could run nothing.
 */
export function previewDocument(html: string, lang: string): string {
  const style =
    "body{font:15px/1.6 system-ui,sans-serif;color:#1f2933;margin:12px;overflow-wrap:anywhere}img{max-width:100%}pre{overflow:auto;background:#f0f4f8;padding:8px}table{border-collapse:collapse}th,td{border:1px solid #bcccdc;padding:4px 8px}";
  return `<!doctype html><html lang="${lang.replace(/[^a-zA-Z-]/g, "")}"><head><meta charset="utf-8"><style>${style}</style></head><body>${html}</body></html>`;
}
