/**
 * The console's client for Chamados (tickets) and the pure logic of its pages: the list's query
 * string, who may be offered as assignee, the texts of an entry and of a reply's delivery, and
 * the error texts. No DOM, so the console's unit tests run it in Node.
 */
import type { Me } from "../worker/views";
import type { AttendantsResponse } from "../worker/views-gestao";
import type {
  TicketDetailResponse,
  TicketEntryView,
  TicketItem,
  TicketListResponse,
  TicketPriority,
  TicketReplyResponse,
  TicketStatus,
} from "../worker/views-tickets";
import { ApiError, request } from "./api";
import { errorKey } from "./errors";
import type { MessageKey } from "./i18n";

export const TICKET_STATUSES: readonly TicketStatus[] = ["new", "in_progress", "waiting_customer", "closed"];
export const TICKET_PRIORITIES: readonly TicketPriority[] = ["low", "normal", "high", "urgent"];

/** Filters of the Chamados list; `assigneeId` "me" is the signed-in attendant. */
export interface TicketQuery {
  page: number;
  status?: TicketStatus;
  departmentId?: string;
  assigneeId?: string;
  q?: string;
}

/** Body of PATCH /api/tickets/:id. */
export interface TicketPatch {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  departmentId?: string | null;
  subject?: string;
}

/** The list's query string (empty filters left out). */
export function ticketSearch(query: TicketQuery): string {
  const params = new URLSearchParams({ page: String(query.page) });
  for (const key of ["status", "departmentId", "assigneeId", "q"] as const) {
    const value = query[key]?.trim();
    if (value) params.set(key, value);
  }
  return params.toString();
}

const ticketPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;

export const ticketsApi = {
  list: (query: TicketQuery) => request<TicketListResponse>("GET", `/api/tickets?${ticketSearch(query)}`),
  get: (id: string) => request<TicketDetailResponse>("GET", ticketPath(id)),
  patch: (id: string, body: TicketPatch) => request<TicketDetailResponse>("PATCH", ticketPath(id), body),
  reply: (id: string, body: string, internal: boolean) => request<TicketReplyResponse>("POST", `${ticketPath(id)}/replies`, { body, internal }),
  fromOfflineMessage: (id: string) => request<TicketDetailResponse>("POST", `/api/offline-messages/${encodeURIComponent(id)}/ticket`),
  fromChat: (id: string) => request<TicketDetailResponse>("POST", `/api/chats/${encodeURIComponent(id)}/ticket`),
  /** Gestão's list of attendants (administrators and managers only), for the assignee choice. */
  attendants: () => request<AttendantsResponse>("GET", "/api/attendants?page=1&limit=100"),
};

/** Someone the ticket may be given to. */
export interface AssigneeOption {
  id: string;
  name: string;
}

/**
 * Who the assignee choice offers: administrators and managers everyone active who attends the
 * ticket's department (anyone active without one); an attendant only themselves. The current
 * assignee is always listed, so the choice shows the truth. The server checks again.
 */
export function assigneeOptions(me: Pick<Me, "id" | "name" | "role">, ticket: Pick<TicketItem, "department" | "assignee">, attendants: AttendantsResponse["attendants"] | null): AssigneeOption[] {
  const options: AssigneeOption[] = [];
  const add = (o: AssigneeOption) => {
    if (!options.some((x) => x.id === o.id)) options.push(o);
  };
  if (ticket.assignee) add(ticket.assignee);
  if (me.role !== "attendant" && attendants) {
    for (const a of attendants) {
      if (a.active && (ticket.department === null || a.departmentIds.includes(ticket.department.id))) add({ id: a.id, name: a.name });
    }
  } else {
    add({ id: me.id, name: me.name });
  }
  return options;
}

/** The label of an entry's kind. */
export function entryLabel(kind: TicketEntryView["kind"]): MessageKey {
  return kind === "customer" ? "tickets.entry.customer" : kind === "reply" ? "tickets.entry.reply" : "tickets.entry.note";
}

/** A public reply's delivery line: the text key and its parameters. */
export function deliveryText(entry: TicketEntryView): { key: MessageKey; params?: Record<string, string> } | null {
  if (entry.kind !== "reply") return null;
  const d = entry.delivery;
  if (!d) return { key: "tickets.delivery.unknown" };
  if (d.status === "failed") return { key: "tickets.delivery.failed", params: { error: d.lastError ?? "" } };
  return { key: `tickets.delivery.${d.status}` };
}

/** The text for a failed ticket call. */
export function ticketErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError) {
    if (error.code === "email_not_configured") return "tickets.error.email_not_configured";
    if (error.status === 403) return "tickets.error.forbidden";
  }
  return errorKey(error);
}

/** The existing ticket's id of a 409 `already_converted`, or null. */
export function convertedTicketId(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== "already_converted") return null;
  const id = error.details.ticketId;
  return typeof id === "string" ? id : null;
}
