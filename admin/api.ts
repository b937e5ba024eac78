/**
 * The console's HTTP client: same-origin `fetch` with the session cookie, JSON in and out.
 * Every non-2xx answer is turned into an {@link ApiError} carrying the server's error envelope
 * (`{ error: { code, message } }`, see docs/API.md), so callers branch on `code`, not on text.
 */
import type { ChatTransferResponse, TransferTargetsResponse } from "../worker/views-hours";
import type {
  AccountSettings,
  ApiError as ApiErrorBody,
  ChatDetailResponse,
  DepartmentsResponse,
  DepartmentSettings,
  MeResponse,
  OfflineMessagesResponse,
  SatisfactionReportResponse,
  WsTokenResponse,
} from "../worker/views";
import type { OfflineMessageThreadResponse, OfflineReplyResponse } from "../worker/views-offline";
import { loadSettings, putAccountSettings, putDepartmentSettings } from "./api-settings";

/** An HTTP failure: `code` comes from the error envelope, or is `network` / `http_<status>`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The body field the error is about (`email`, `departmentIds.0`), when the server names one. */
  readonly field: string | undefined;
  /** The error envelope's other members (`opensAt` of `409 outside_shift`). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: number, code: string, message: string, field?: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

/** JSON for plain values; a Blob (a picked File) goes as raw bytes with its own type. */
function encode(body: unknown): { headers: Record<string, string>; body?: BodyInit } {
  if (body === undefined) return { headers: { accept: "application/json" } };
  if (body instanceof Blob) return { headers: { accept: "application/json", "content-type": body.type }, body };
  return { headers: { accept: "application/json", "content-type": "application/json" }, body: JSON.stringify(body) };
}

/**
 * Calls the API and returns the parsed JSON body (`undefined` for 204). A `Blob` body is sent
 * raw with its own `Content-Type` (image uploads); anything else as JSON.
 * Throws {@link ApiError} on a network failure or any non-2xx status.
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method, credentials: "same-origin", ...encode(body) });
  } catch {
    throw new ApiError(0, "network", "network error");
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorBody(data)) throw new ApiError(response.status, data.error.code, data.error.message, data.error.field, { ...data, ...data.error });
    throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  }
  return data as T;
}

/** Query for GET /api/offline-messages. */
export interface OfflineQuery {
  page: number;
  departmentId?: string;
  status?: "new" | "answered" | "ticket";
}

/** The endpoints of the attendant API that the console uses. */
export const api = {
  me: () => request<MeResponse>("GET", "/api/me"),
  login: (email: string, password: string) => request<{ attendant: MeResponse["attendant"] }>("POST", "/api/auth/login", { email, password }),
  logout: () => request<void>("POST", "/api/auth/logout"),
  setStatus: (status: "online" | "offline") => request<{ status: "online" | "offline" }>("PUT", "/api/me/status", { status }),
  wsToken: () => request<WsTokenResponse>("POST", "/api/ws-token"),
  departments: () => request<DepartmentsResponse>("GET", "/api/departments"),
  chat: (id: string) => request<ChatDetailResponse>("GET", `/api/chats/${encodeURIComponent(id)}`),
  transferTargets: (id: string) => request<TransferTargetsResponse>("GET", `/api/chats/${encodeURIComponent(id)}/transfer-targets`),
  transfer: (id: string, body: { departmentId?: string; attendantId?: string; note?: string }) =>
    request<ChatTransferResponse>("POST", `/api/chats/${encodeURIComponent(id)}/transfer`, body),
  // With If-Match from the last read (api-settings.ts): a stale save is 412, never an overwrite.
  settings: () => loadSettings(),
  saveAccountSettings: (doc: AccountSettings) => putAccountSettings(doc),
  saveDepartmentSettings: (departmentId: string, doc: DepartmentSettings) => putDepartmentSettings(departmentId, doc),
  offlineMessages(query: OfflineQuery): Promise<OfflineMessagesResponse> {
    const params = new URLSearchParams({ page: String(query.page) });
    if (query.departmentId) params.set("departmentId", query.departmentId);
    if (query.status) params.set("status", query.status);
    return request<OfflineMessagesResponse>("GET", `/api/offline-messages?${params}`);
  },
  offlineThread: (id: string) => request<OfflineMessageThreadResponse>("GET", `/api/offline-messages/${encodeURIComponent(id)}`),
  answerOffline: (id: string, body: string) => request<OfflineReplyResponse>("POST", `/api/offline-messages/${encodeURIComponent(id)}/replies`, { body }),
  satisfaction: () => request<SatisfactionReportResponse>("GET", "/api/reports/satisfaction"),
};
