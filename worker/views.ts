/**
 * Shapes of the HTTP API's answers (see docs/API.md). The widget and the console import these
 * with `import type`, so the contract is checked on both sides without shipping any code.
 */
import type { WireChat, WireMessage } from "../durable-objects/protocol";
import type { ChatOrigin, ChatStatus, PresenceStatus, Role } from "./db/schema";
import type { AttendantNotificationPrefs } from "./notification-prefs";
import type { AccountSettings, DepartmentSettings, EffectiveLook } from "./settings/schema";

export type { AccountSettings, DepartmentSettings, EffectiveLook };

export interface ApiError {
  /** `field`: the body field the error is about, when there is one (`email`, `intervals.0.start`). */
  error: { code: string; message: string; field?: string };
}

export interface WidgetDepartment {
  id: string;
  name: string;
  online: boolean;
  /** Only when it is offline because of its hours: when it opens (epoch ms). */
  opensAt?: number;
  /** Only when it is offline inside its hours because every online attendant is at their limit of chats. */
  busy?: true;
  initialMessage: string;
  /** The account's look with this department's overrides. */
  look: EffectiveLook;
}

export interface WidgetConfigResponse {
  account: { name: string; locale: string };
  departments: WidgetDepartment[];
  /** The account's look (no department's overrides). */
  look: EffectiveLook;
  /** Whether to ask for the satisfaction survey when a chat closes. */
  surveyEnabled: boolean;
  /** Whether a closed chat offers its transcript by e-mail (POST /api/widget/chats/:id/transcript). */
  transcriptByEmail: boolean;
  /** The language of the looks' texts: `?lang=` when we speak it, else the account's. */
  lang: "pt-BR" | "en" | "es";
}

export interface WidgetCustomer {
  id: string;
  name: string;
  email: string;
}

export interface WidgetSocket {
  url: string;
  token: string;
}

export interface WidgetStartChatResponse {
  customerToken: string;
  customer: WidgetCustomer;
  chat: WireChat;
  ws: WidgetSocket;
}

export interface WidgetMeResponse {
  customer: WidgetCustomer;
  chat: WireChat | null;
  ws: WidgetSocket | null;
}

export interface Me {
  id: string;
  name: string;
  email: string;
  role: Role;
  chatStatus: PresenceStatus;
  /**
   * The departments the attendant may open: `attends` — takes their chats and counts as
   * present there; `supervises` — sees every chat (administrators, the department's managers).
   */
  departments: { id: string; name: string; attends: boolean; supervises: boolean }[];
  /** Console sound and desktop notifications; a missing key means on. */
  notificationPrefs: AttendantNotificationPrefs;
}

export interface MeResponse {
  attendant: Me;
  account: { id: string; name: string; publicKey: string };
}

export interface WsTokenResponse {
  token: string;
  expiresAt: number;
}

export interface ChatListItem {
  id: string;
  number: number;
  departmentId: string;
  departmentName: string;
  status: ChatStatus;
  origin: ChatOrigin;
  pageUrl: string | null;
  customer: { id: string; name: string; email: string };
  attendant: { id: string; name: string } | null;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  closedBy: string | null;
  /** Present while a waiting chat is out of the queue because its customer left (durable-objects/customer-presence.ts). */
  abandonedAt?: number;
  /** The attendant who closed it (their own chat, or a manager's or administrator's close), with their role. */
  closer?: { id: string; name: string; role: ChatCloserRole };
  messageCount: number;
}

/** An account role, as a closer is named with it. */
export type ChatCloserRole = "administrator" | "department_manager" | "attendant";

export interface ChatListResponse {
  chats: ChatListItem[];
  page: number;
  hasMore: boolean;
}

export interface ChatDetailResponse {
  /** `labels`: the chat's labels (Rótulos), by name. */
  chat: ChatListItem & { labels: import("./views-labels").ChatLabel[] };
  messages: WireMessage[];
  /** The customer's satisfaction answer, when there is one. */
  survey: ChatSurvey | null;
}

export interface DepartmentsResponse {
  departments: { id: string; name: string; active: boolean }[];
}

// ---------------------------------------------------------------- customization, identity, survey

export interface WidgetIdentifyResponse {
  customerToken: string;
  customer: WidgetCustomer;
  verified: true;
}

/** One of the customer's past or open chats, for the widget's history. */
export interface WidgetHistoryChat {
  id: string;
  number: number;
  departmentId: string;
  status: ChatStatus;
  createdAt: number;
  closedAt: number | null;
  attendant: { id: string; name: string } | null;
}

export interface WidgetHistoryResponse {
  chats: WidgetHistoryChat[];
}

export interface WidgetMessagesResponse {
  messages: WireMessage[];
}

/** A satisfaction survey answer ("Pesquisa de satisfação"). */
export interface ChatSurvey {
  solved: boolean;
  /** 1 (bad) to 5 (excellent). */
  grade: number;
  comment: string | null;
  createdAt: number;
}

export interface WidgetSurveyResponse {
  survey: ChatSurvey;
}

/** GET /api/settings: the stored documents, with the schema's defaults filled in. */
export interface SettingsResponse {
  account: AccountSettings;
  /** Only the departments the attendant may see that have a document. */
  departments: Record<string, DepartmentSettings>;
  /** The identity verification secret; administrators only. */
  identitySecret?: string;
  /** The account's language: custom texts of another language fall back to its texts. */
  lang: "pt-BR" | "en" | "es";
  /** Each document's ETag, for the `If-Match` of its PUT: the account's and every visible department's. */
  etags?: { account: string; departments: Record<string, string> };
}

export interface SatisfactionRow {
  id: string;
  name: string;
  answers: number;
  /** Mean grade, 1 to 5. */
  averageGrade: number;
  /** Share of answers that said the problem was solved, 0 to 1. */
  solvedRate: number;
}

export interface SatisfactionReportResponse {
  byAttendant: SatisfactionRow[];
  byDepartment: SatisfactionRow[];
}

/** POST /api/widget/offline-messages: the stored message's id and time. */
export interface WidgetOfflineMessageResponse {
  offlineMessage: { id: string; createdAt: number };
}

/** One message of the offline form, as the console lists it. */
export interface OfflineMessageItem {
  id: string;
  /** Null when the customer did not pick a department. */
  departmentId: string | null;
  departmentName: string | null;
  name: string;
  email: string;
  message: string;
  pageUrl: string | null;
  createdAt: number;
  /** new: waits for an answer (again, after a customer's e-mailed reply); answered by e-mail; ticket: became a Chamado. */
  status: "new" | "answered" | "ticket";
}

/** GET /api/offline-messages: newest first, one page. */
export interface OfflineMessagesResponse {
  offlineMessages: OfflineMessageItem[];
  page: number;
  hasMore: boolean;
}

/** A look in the compact config: only what differs from the defaults (worker/settings/look.ts `DEFAULT_LOOK`). */
export interface CompactLook {
  colors?: Partial<EffectiveLook["colors"]>;
  size?: EffectiveLook["size"];
  position?: "left" | "right";
  texts?: EffectiveLook["texts"];
}

/** A department in the compact config: no `look` is the account's; no `online` is false, no `initialMessage` "". */
export type CompactDepartment = Omit<WidgetDepartment, "look" | "online" | "initialMessage"> & {
  online?: boolean;
  initialMessage?: string;
  look?: CompactLook;
};

/**
 * `GET /api/widget/config?compact=1`: the same answer without what equals the defaults
 * (worker/routes/widget-config-compact.ts; docs/API.md). A department without `look` has the
 * account's; without `online`, `initialMessage`, `surveyEnabled` or `transcriptByEmail`: false / "".
 * A full answer is a compact one too (nothing omitted).
 */
export interface WidgetConfigCompact {
  account: { name: string; locale: string };
  departments: CompactDepartment[];
  look?: CompactLook;
  lang: WidgetConfigResponse["lang"];
  surveyEnabled?: boolean;
  transcriptByEmail?: boolean;
}
