/**
 * The console's client for Respostas prontas (docs/API.md "Respostas prontas"), and the copy the
 * composer's `/` list reads: fetched when the list first opens, again once it is a minute old
 * or after Gestão changed one ({@link forgetCannedCatalog}).
 */
import { request } from "./api";
import type { CannedResponseResponse, CannedResponsesResponse, CannedResponseView } from "../worker/views-canned";

export type { CannedResponseView, CannedResponsesResponse };

/** Body of POST /api/canned-responses (PATCH takes any subset). */
export interface CannedBody {
  departmentId: string | null;
  shortcut: string;
  title: string;
  body: string;
}

const path = (id: string) => `/api/canned-responses/${encodeURIComponent(id)}`;

export const cannedApi = {
  list: () => request<CannedResponsesResponse>("GET", "/api/canned-responses"),
  create: (body: CannedBody) => request<CannedResponseResponse>("POST", "/api/canned-responses", body),
  update: (id: string, body: Partial<CannedBody>) => request<CannedResponseResponse>("PATCH", path(id), body),
  remove: (id: string) => request<void>("DELETE", path(id)),
};

const CATALOG_TTL_MS = 60_000;
let catalog: { at: number; list: Promise<CannedResponseView[]> } | null = null;

/** The canned responses the attendant may insert, from a copy at most a minute old. */
export function cannedCatalog(now = Date.now()): Promise<CannedResponseView[]> {
  if (!catalog || now - catalog.at > CATALOG_TTL_MS) {
    const list = cannedApi.list().then((r) => r.cannedResponses);
    // A failed fetch is not kept: the next `/` tries again.
    list.catch(() => (catalog = null));
    catalog = { at: now, list };
  }
  return catalog.list;
}

/** Drops the composer's copy (after a change in Gestão). */
export function forgetCannedCatalog(): void {
  catalog = null;
}
