/**
 * Answer types of the Base de Conhecimento: the console's API (/api/kb/categories, /articles,
 * /preview) and the public JSON API (/api/kb/:key/...), shared with the console and the app by
 * `import type`. Documented in docs/API.md (Base de Conhecimento).
 */
import type { KbArticleStatus } from "./db/schema";

export type { KbArticleStatus };

/** A category as the console shows it (every article counted, drafts too). */
export interface KbCategoryView {
  id: string;
  name: string;
  slug: string;
  description: string;
  position: number;
  articleCount: number;
  createdAt: number;
  updatedAt: number;
}

export interface KbCategoriesResponse {
  categories: KbCategoryView[];
  /** Whether the caller may write (administrators, attendants with `kbEditor`). */
  canEdit: boolean;
  /** The public index's path, `/kb/<key>/`. */
  publicUrl: string;
}

export interface KbCategoryResponse {
  category: KbCategoryView;
}

/** An article in the console's list: no body. */
export interface KbArticleSummary {
  id: string;
  categoryId: string;
  title: string;
  slug: string;
  description: string;
  status: KbArticleStatus;
  helpfulYes: number;
  helpfulNo: number;
  /** The public page's path, `/kb/<key>/<category>/<slug>` (404 while a draft). */
  url: string;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

export interface KbArticlesResponse {
  articles: KbArticleSummary[];
  page: number;
  hasMore: boolean;
  canEdit: boolean;
}

/** One article with its Markdown and the sanitized HTML rendered from it on save. */
export interface KbArticleView extends KbArticleSummary {
  body: string;
  html: string;
}

export interface KbArticleResponse {
  article: KbArticleView;
}

/** POST /api/kb/preview. */
export interface KbPreviewResponse {
  html: string;
}

/** Public JSON API: a category with its published articles counted. */
export interface KbPublicCategory {
  id: string;
  name: string;
  slug: string;
  description: string;
  articleCount: number;
}

export interface KbPublicCategoriesResponse {
  categories: KbPublicCategory[];
}

/** Public JSON API: a published article in a list. */
export interface KbPublicArticleSummary {
  id: string;
  title: string;
  slug: string;
  categorySlug: string;
  description: string;
  url: string;
}

export interface KbPublicArticlesResponse {
  articles: KbPublicArticleSummary[];
}

export interface KbPublicArticleResponse {
  article: KbPublicArticleSummary & { categoryName: string; html: string; updatedAt: number };
}
