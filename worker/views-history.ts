/**
 * Answer types of the history search (docs/API.md "History search"). Zod-free: the console
 * imports them with `import type`.
 */
import type { ChatListItem } from "./views";

/** A label as a chat carries it: enough to draw its chip. */
export interface ChatLabelChip {
  id: string;
  name: string;
  /** `#rrggbb`, as the label was saved. */
  color: string;
}

/** One chat of a history page, with its labels (by name). */
export interface HistoryChat extends ChatListItem {
  labels: ChatLabelChip[];
}

/** `GET /api/chats`: a page of the chats that match the filters, newest first. */
export interface HistoryResponse {
  chats: HistoryChat[];
  page: number;
  hasMore: boolean;
}

