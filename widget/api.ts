/**
 * The public widget HTTP API (docs/API.md, "Public widget API"). Cross-origin, no cookies: the
 * customer is identified by the Bearer customer token only.
 */
import type {
  ApiError,
  WidgetHistoryResponse,
  WidgetIdentifyResponse,
  WidgetMeResponse,
  WidgetMessagesResponse,
  WidgetOfflineMessageResponse,
  WidgetStartChatResponse,
  WidgetSurveyResponse,
} from "../worker/views";
import type { WidgetTranscriptResponse } from "../worker/views-transcript";

/** A failed call: `status` 0 and code `network` when the server could not be reached. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The surfaces a chat can start from (worker/db/schema.ts CHAT_ORIGINS, without its imports). */
export const CHAT_ORIGINS = ["widget", "popup", "customer_panel", "knowledge_base", "app"] as const;
export type ChatOrigin = (typeof CHAT_ORIGINS)[number];

/** Body of `POST /api/widget/chats`. */
export interface StartChatRequest {
  account: string;
  departmentId: string;
  name: string;
  email: string;
  message: string;
  pageUrl?: string;
  /** Where the chat was started (the element's `origin`); the server defaults to "widget". */
  origin?: ChatOrigin;
  /** The page's `customer-hash`, when the customer was verified with it. */
  customerHash?: string;
  /** The page's title, for the attendant's visitor details. */
  pageTitle?: string;
}

/** Body of `POST /api/widget/offline-messages`: a message left while nobody is online. */
export interface OfflineMessageRequest {
  account: string;
  departmentId?: string;
  name: string;
  email: string;
  message: string;
  pageUrl?: string;
}

/** Body of `POST /api/widget/chats/:id/survey`. */
export interface SurveyRequest {
  account: string;
  solved: boolean;
  grade: number;
  comment?: string;
}

async function call<T>(
  server: string,
  path: string,
  token: string | null,
  body?: unknown,
  cache: RequestCache = "no-store",
): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(server + path, {
      method: body ? "POST" : "GET",
      headers,
      body: body ? JSON.stringify(body) : undefined,
      credentials: "omit",
      cache,
    });
  } catch {
    throw new ApiRequestError(0, "network", "network error");
  }
  // No runtime validation here on purpose: zod must not ship to customers' pages, and the
  // answers come from our own server, whose shapes are the types in worker/views.ts.
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as ApiError | null)?.error;
    throw new ApiRequestError(response.status, error?.code ?? "http_" + response.status, error?.message ?? "");
  }
  return data as T;
}

const q = encodeURIComponent;

/** `GET /api/widget/me`: the customer, its open (or recently closed) chat and a fresh socket. */
export const getMe = (server: string, account: string, token: string): Promise<WidgetMeResponse> =>
  call(server, `/api/widget/me?account=${q(account)}`, token);

/** `POST /api/widget/identify`: a token for the customer whose e-mail the host site signed. */
export const identify = (
  server: string,
  body: { account: string; name: string; email: string; customerHash: string },
): Promise<WidgetIdentifyResponse> => call(server, "/api/widget/identify", null, body);

/** `POST /api/widget/chats`: starts a chat (or, with a token, returns the customer's open one). */
export const startChat = (
  server: string,
  request: StartChatRequest,
  token: string | null,
): Promise<WidgetStartChatResponse> => call(server, "/api/widget/chats", token, request);

/** `GET /api/widget/history`: the customer's own chats, newest first. */
export const getHistory = (server: string, account: string, token: string): Promise<WidgetHistoryResponse> =>
  call(server, `/api/widget/history?account=${q(account)}`, token);

/** `GET /api/widget/chats/:id/messages`: the transcript of one of the customer's chats. */
export const getTranscript = (
  server: string,
  account: string,
  chatId: string,
  token: string,
): Promise<WidgetMessagesResponse> =>
  call(server, `/api/widget/chats/${q(chatId)}/messages?account=${q(account)}`, token);

/** `POST /api/widget/chats/:id/survey`: the satisfaction survey of a closed chat. */
export const sendSurvey = (
  server: string,
  chatId: string,
  body: SurveyRequest,
  token: string,
): Promise<WidgetSurveyResponse> => call(server, `/api/widget/chats/${q(chatId)}/survey`, token, body);

/** `POST /api/widget/offline-messages`: leaves a message for the team (the token links it to the customer). */
export const sendOfflineMessage = (
  server: string,
  body: OfflineMessageRequest,
  token: string | null,
): Promise<WidgetOfflineMessageResponse> => call(server, "/api/widget/offline-messages", token, body);

/** `POST /api/widget/chats/:id/transcript`: e-mails a closed chat to its customer. */
export const sendTranscript = (server: string, chatId: string, account: string, token: string): Promise<WidgetTranscriptResponse> =>
  call(server, `/api/widget/chats/${q(chatId)}/transcript`, token, { account });
