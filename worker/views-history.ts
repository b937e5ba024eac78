/**
 * Answer types of the history search (docs/API.md "History search"). Zod-free: the console
 * imports them with `import type`.
 */
import type { ChatListItem } from "./views";
import type { ChatLabel } from "./views-labels";

/** One chat of a history page, with its labels (by name). */
export interface HistoryChat extends ChatListItem {
  labels: ChatLabel[];
}

/** `GET /api/chats`: a page of the chats that match the filters, newest first. */
export interface HistoryResponse {
  chats: HistoryChat[];
  page: number;
  hasMore: boolean;
}

