/**
 * The Histórico's HTTP client: the search (GET /api/chats with the filters) and the labels the
 * filter offers (GET /api/labels, from the Rótulos API).
 */
import type { HistoryResponse } from "../worker/views-history";
import type { ChatLabel } from "../worker/views-labels";
import { ApiError, request } from "./api";
import { historyApiQuery, type HistoryFilters } from "./history-filters";

/** Rows per page of the Histórico. */
export const HISTORY_PAGE_SIZE = 20;

export const historyApi = {
  search: (filters: HistoryFilters) => request<HistoryResponse>("GET", `/api/chats?${historyApiQuery(filters, HISTORY_PAGE_SIZE)}`),
  /**
   * The account's labels, by name, for the filter. A server without the Rótulos API (404) or a
   * role it refuses (403) leaves the filter without labels instead of failing the page.
   */
  async labels(): Promise<ChatLabel[]> {
    try {
      const { labels } = await request<{ labels: ChatLabel[] }>("GET", "/api/labels");
      return labels.map(({ id, name, color }) => ({ id, name, color })).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return [];
      throw error;
    }
  },
};
