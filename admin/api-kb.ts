/**
 * The console's client for the Base de Conhecimento (docs/API.md "Base de Conhecimento"):
 * categories, articles and the preview. Failures are {@link ApiError}s with the server's `code`
 * (`slug_taken`, `category_not_empty`) and `field`.
 */
import { request } from "./api";
import type {
  KbArticleResponse,
  KbArticleStatus,
  KbArticlesResponse,
  KbCategoriesResponse,
  KbCategoryResponse,
  KbPreviewResponse,
} from "../worker/views-kb";

export type { KbArticleStatus, KbArticleSummary, KbArticleView, KbCategoryView } from "../worker/views-kb";

export interface KbCategoryBody {
  name: string;
  slug?: string;
  description?: string;
  position?: number;
}

/** Body of POST /api/kb/articles (PATCH takes any subset). */
export interface KbArticleBody {
  categoryId: string;
  title: string;
  slug?: string;
  description: string;
  body: string;
  status: KbArticleStatus;
}

export interface KbArticleQuery {
  q?: string;
  category?: string;
  status?: KbArticleStatus;
  page?: number;
}

const path = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

function query(q: KbArticleQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const kbApi = {
  categories: () => request<KbCategoriesResponse>("GET", "/api/kb/categories"),
  createCategory: (body: KbCategoryBody) => request<KbCategoryResponse>("POST", "/api/kb/categories", body),
  updateCategory: (id: string, body: Partial<KbCategoryBody>) => request<KbCategoryResponse>("PATCH", path("/api/kb/categories", id), body),
  removeCategory: (id: string) => request<void>("DELETE", path("/api/kb/categories", id)),
  articles: (q: KbArticleQuery = {}) => request<KbArticlesResponse>("GET", `/api/kb/articles${query(q)}`),
  article: (id: string) => request<KbArticleResponse>("GET", path("/api/kb/articles", id)),
  createArticle: (body: KbArticleBody) => request<KbArticleResponse>("POST", "/api/kb/articles", body),
  updateArticle: (id: string, body: Partial<KbArticleBody>) => request<KbArticleResponse>("PATCH", path("/api/kb/articles", id), body),
  removeArticle: (id: string) => request<void>("DELETE", path("/api/kb/articles", id)),
  preview: (body: string) => request<KbPreviewResponse>("POST", "/api/kb/preview", { body }),
};
