/**
 * Answer types of Chamados (tickets; docs/API.md "Chamados (tickets)"). Zod-free: the console
 * imports them with `import type`.
 */
import type { TicketEntryKind, TicketPriority, TicketSource, TicketStatus } from "./db/schema";

export type { TicketEntryKind, TicketPriority, TicketSource, TicketStatus };

/**
 * An outbox row's status (views-email.ts `OutboxStatus`, repeated: that module re-exports the
 * e-mail settings' types, which the console's type check cannot load).
 */
export type DeliveryStatus = "queued" | "sending" | "sent" | "failed";

/** A ticket as the list and the detail show it. */
export interface TicketItem {
  id: string;
  /** Per-account protocol number ("#12"). */
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  source: TicketSource;
  customer: { id: string; name: string; email: string };
  /** Null: no department (every attendant of the account sees it). */
  department: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

/** One entry of a ticket's thread, oldest first. */
export interface TicketEntryView {
  id: string;
  /** "customer": the customer wrote it; "reply": a public answer, e-mailed; "note": internal, never shown to the customer. */
  kind: TicketEntryKind;
  author: { id: string | null; name: string };
  body: string;
  createdAt: number;
  /** Public replies only: where its e-mail is in the outbox (null when the outbox no longer has the row: sent over 30 days ago). */
  delivery?: { status: DeliveryStatus; lastError: string | null; sentAt: number | null } | null;
}

/** GET /api/tickets */
export interface TicketListResponse {
  tickets: TicketItem[];
  page: number;
  hasMore: boolean;
}

/** GET /api/tickets/:id, PATCH /api/tickets/:id, POST /api/tickets and the conversions. */
export interface TicketDetailResponse {
  ticket: TicketItem;
  entries: TicketEntryView[];
}

/** POST /api/tickets/:id/replies */
export interface TicketReplyResponse {
  entry: TicketEntryView;
  ticket: TicketItem;
}
