/**
 * Answer types of the Painel do Cliente's JSON API (`/api/p/:key/...`, docs/API.md "Painel do
 * Cliente"), used by the panel's pages and by the app Meu Suporte. Zod-free: clients import
 * them with `import type`.
 */
import type { ChatOrigin, ChatStatus, TicketStatus } from "./db/schema";

/** The logged-in customer: their verified e-mail is the login. */
export interface PanelCustomer {
  id: string;
  name: string;
  email: string;
}

/** POST /signup, POST /password-reset. */
export interface PanelAcceptedResponse {
  status: "confirmation_sent" | "reset_sent";
}

/** POST /confirm/:token, /login, /password-reset/:token, /invite/:token. */
export interface PanelCustomerResponse {
  customer: PanelCustomer;
}

/** GET /me: the customer and what a client-side page sets on `<tomticket-chat>` (name, email, customer-hash). */
export interface PanelMeResponse {
  customer: PanelCustomer;
  identity: { name: string; email: string; hash: string };
}

/** GET /invite/:token: whom the invitation is for, before they choose a password. */
export interface PanelInvitationResponse {
  customer: { name: string; email: string };
  expiresAt: number;
}

/** A ticket as the customer sees it (never its internal notes, assignee or priority). */
export interface PanelTicket {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  departmentName: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface PanelTicketsResponse {
  tickets: PanelTicket[];
  hasMore: boolean;
}

/** One public entry of a ticket's thread: what the customer wrote or an attendant answered. */
export interface PanelTicketEntry {
  id: string;
  author: "customer" | "attendant";
  authorName: string;
  body: string;
  createdAt: number;
}

export interface PanelTicketDetailResponse {
  ticket: PanelTicket;
  entries: PanelTicketEntry[];
}

export interface PanelTicketResponse {
  ticket: PanelTicket;
}

export interface PanelEntryResponse {
  entry: PanelTicketEntry;
}

export interface PanelChat {
  id: string;
  number: number;
  departmentName: string;
  status: ChatStatus;
  origin: ChatOrigin;
  createdAt: number;
  closedAt: number | null;
}

export interface PanelChatsResponse {
  chats: PanelChat[];
  hasMore: boolean;
}

export interface PanelChatMessage {
  id: string;
  author: "customer" | "attendant" | "system";
  authorName: string;
  body: string;
  createdAt: number;
}

export interface PanelChatDetailResponse {
  chat: PanelChat;
  messages: PanelChatMessage[];
}

/** GET /updates: attendants' public ticket replies newer than `since`, for the app's notifications. */
export interface PanelUpdatesResponse {
  now: number;
  replies: { ticketId: string; number: number; subject: string; authorName: string; createdAt: number }[];
}

/** POST /api/customers/:id/invitation (console): the link, to show or copy when e-mail is not set up. */
export interface CustomerInvitationResponse {
  url: string;
  expiresAt: number;
  /** Whether the link went out by e-mail (false when the account has no outbound e-mail). */
  emailed: boolean;
}
