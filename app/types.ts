/**
 * The answers the app reads from the customer API (`/api/p/:key`, Painel do Cliente) and the
 * public knowledge-base API (`/api/kb/:key`), as the issue-11 contract defines them (see
 * docs/API.md). Kept here as types only: nothing of this ships as code.
 */
export type { AppConfigResponse } from "../worker/views-app";

export interface Customer {
  id: string;
  name: string;
  email: string;
}

/** `GET /api/p/:key/me`: `identity` is what `<tomticket-chat>` takes as name, email and customer-hash. */
export interface MeResponse {
  customer: Customer;
  identity: { name: string; email: string; hash: string };
}

export type TicketStatus = "new" | "in_progress" | "waiting_customer" | "closed";

export interface TicketSummary {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  departmentName: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface TicketEntry {
  id: string;
  author: "customer" | "attendant";
  authorName: string;
  body: string;
  createdAt: number;
}

export interface TicketsResponse {
  tickets: TicketSummary[];
  hasMore: boolean;
}

export interface TicketResponse {
  ticket: TicketSummary;
  entries: TicketEntry[];
}

/** `GET /api/p/:key/updates?since=`: attendants' public replies newer than `since`. */
export interface UpdatesResponse {
  now: number;
  replies: { ticketId: string; number: number; subject: string; authorName: string; createdAt: number }[];
}

export interface KbCategory {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  articleCount: number;
}

export interface KbArticleSummary {
  id: string;
  title: string;
  slug: string;
  categorySlug: string;
  description: string | null;
  url: string;
}

export interface KbArticle extends KbArticleSummary {
  categoryName: string;
  /** Sanitized on the server when the article was saved (rehype-sanitize). */
  html: string;
  updatedAt: number;
}
