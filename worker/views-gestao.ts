/**
 * Shapes of the Gestão API's answers (sign-up, departments, attendants, invitations, customers,
 * account settings, audit; see docs/API.md "Gestão"). Imported with `import type` by the console.
 */
import type { AuditAction } from "./audit-actions";
import type { NotificationPrefs, PresenceStatus, Role } from "./db/schema";
import type { MeResponse, OfflineMessageItem } from "./views";

export type { AuditAction, NotificationPrefs };

/** A department as Gestão shows it. Logo URLs are immutable (content hash) or null. */
export interface DepartmentView {
  id: string;
  name: string;
  active: boolean;
  initialMessage: string;
  logoOnlineUrl: string | null;
  logoOfflineUrl: string | null;
  createdAt: number;
}

export interface DepartmentResponse {
  department: DepartmentView;
}

/** GET /api/departments: the departments the attendant may see, by name. */
export interface DepartmentsListResponse {
  departments: DepartmentView[];
}

/** A pending invitation: the link is only shown when it is created (the server keeps a hash). */
export interface InvitationState {
  status: "pending" | "expired";
  expiresAt: number;
}

export interface InvitationLink {
  /** Absolute URL of `/admin/invite/<token>`; single use. */
  url: string;
  expiresAt: number;
}

export interface AttendantView {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Departments they attend (take chats, count for presence). */
  departmentIds: string[];
  /** Departments they manage (department managers only). */
  managedDepartmentIds: string[];
  chatStatusOnLogin: PresenceStatus;
  chatStatus: PresenceStatus;
  active: boolean;
  /** Whether they have chosen a password yet; null once they did (or after a revoke). */
  invitation: InvitationState | null;
  /** Their shift (Horários de Atendimento); null = any hour. */
  shiftId: string | null;
  /** Most chats they hold at once; null = the account's default (policies.maxChatsPerAttendant). Always sent; optional for older fixtures. */
  maxChats?: number | null;
  /** May write the Base de Conhecimento (administrators always may). Always sent; optional for older fixtures. */
  kbEditor?: boolean;
  createdAt: number;
}

export interface AttendantsResponse {
  attendants: AttendantView[];
  page: number;
  hasMore: boolean;
}

export interface AttendantResponse {
  attendant: AttendantView;
}

/** POST /api/attendants and POST /api/attendants/:id/invitation. */
export interface AttendantInvitedResponse {
  attendant: AttendantView;
  invitation: InvitationLink;
}

/** GET /api/invitations/:token: what the invitation page shows before the password is chosen. */
export interface InvitationInfoResponse {
  attendant: { name: string; email: string };
  account: { name: string };
  expiresAt: number;
}

export interface CustomerView {
  id: string;
  name: string;
  email: string;
  verified: boolean;
  /** Set when the customer was forgotten: name "Cliente removido", e-mail empty. */
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CustomersResponse {
  customers: CustomerView[];
  page: number;
  hasMore: boolean;
}

export interface CustomerDetailResponse {
  customer: CustomerView;
  /** Newest first, at most 50, only departments the reader may see; each with its labels. */
  chats: import("./views-history").HistoryChat[];
  offlineMessages: OfflineMessageItem[];
}

export interface AccountView {
  id: string;
  name: string;
  publicKey: string;
  timeZone: string;
  locale: "pt-BR" | "en" | "es";
  /** Origins (`https://shop.example`) allowed to use the widget; empty = any. */
  allowedOrigins: string[];
  /** Days after which closed chats and offline messages are deleted; null = kept. */
  retentionDays: number | null;
  createdAt: number;
  /** Painel do Cliente at `/p/<slug>/` besides `/p/<public key>/`; null = the key only. */
  panelSlug: string | null;
}

export interface AccountResponse {
  account: AccountView;
}

export interface AuditEntryView {
  id: string;
  actorId: string | null;
  actorName: string;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  createdAt: number;
}

export interface AuditResponse {
  entries: AuditEntryView[];
  page: number;
  hasMore: boolean;
}

export const SETUP_ITEMS = ["departments", "attendants", "hours", "snippet", "testChat"] as const;
export type SetupItem = (typeof SETUP_ITEMS)[number];

/** GET /api/setup: the administrator's first-steps checklist; every item is computed from data. */
export interface SetupChecklistResponse {
  items: { key: SetupItem; done: boolean }[];
  done: boolean;
}

/** POST /api/signup and POST /api/invitations/:token answer like GET /api/me. */
export type SignupResponse = MeResponse;
