/**
 * Helpers of the Base de Conhecimento's Workers tests: an account's administrator session and
 * categories and articles written through the console API.
 */
import { expect } from "vitest";
import type { KbArticleView, KbCategoryView } from "../../worker/views-kb";
import { api, createAccount, json, login, type TestAccount } from "./helpers";

export interface KbFixture {
  account: TestAccount;
  admin: string;
}

export async function kbAccount(label = "kb"): Promise<KbFixture> {
  const account = await createAccount(label);
  return { account, admin: await login(account.attendants.admin.email) };
}

export async function createCategory(cookie: string, body: Record<string, unknown>): Promise<KbCategoryView> {
  const res = await api("/api/kb/categories", { cookie, body });
  expect(res.status).toBe(201);
  return (await json<{ category: KbCategoryView }>(res)).category;
}

export async function createArticle(cookie: string, body: Record<string, unknown>): Promise<KbArticleView> {
  const res = await api("/api/kb/articles", { cookie, body });
  expect(res.status).toBe(201);
  return (await json<{ article: KbArticleView }>(res)).article;
}
