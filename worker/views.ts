/**
 * Shapes of the HTTP API's answers (see docs/API.md). The widget and the console import these
 * with `import type`, so the contract is checked on both sides without shipping any code.
 */
import type { WireChat, WireMessage } from "../durable-objects/protocol";
import type { ChatOrigin, ChatStatus, PresenceStatus, Role } from "./db/schema";

export interface ApiError {
  error: { code: string; message: string };
}

export interface WidgetDepartment {
  id: string;
  name: string;
  online: boolean;
  initialMessage: string;
}

export interface WidgetConfigResponse {
  account: { name: string; locale: string };
  departments: WidgetDepartment[];
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
  departments: { id: string; name: string }[];
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
  messageCount: number;
}

export interface ChatListResponse {
  chats: ChatListItem[];
  page: number;
  hasMore: boolean;
}

export interface ChatDetailResponse {
  chat: ChatListItem;
  messages: WireMessage[];
}

export interface DepartmentsResponse {
  departments: { id: string; name: string; active: boolean }[];
}
