/**
 * The public widget HTTP API (docs/API.md, "Public widget API"). Cross-origin, no cookies: the
 * customer is identified by the Bearer customer token only.
 */
import type {
  ApiError,
  WidgetConfigResponse,
  WidgetMeResponse,
  WidgetStartChatResponse,
} from "../worker/views";

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

/** Body of `POST /api/widget/chats`. */
export interface StartChatRequest {
  account: string;
  departmentId: string;
  name: string;
  email: string;
  message: string;
  pageUrl?: string;
  origin?: "widget";
}

async function call<T>(server: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(server + path, {
      method: body === undefined ? "GET" : "POST",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
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

/** `GET /api/widget/config`: the account's name, locale and departments. */
export const getConfig = (server: string, account: string): Promise<WidgetConfigResponse> =>
  call(server, `/api/widget/config?account=${q(account)}`, null);

/** `GET /api/widget/me`: the customer, its open (or recently closed) chat and a fresh socket. */
export const getMe = (server: string, account: string, token: string): Promise<WidgetMeResponse> =>
  call(server, `/api/widget/me?account=${q(account)}`, token);

/** `POST /api/widget/chats`: starts a chat (or, with a token, returns the customer's open one). */
export const startChat = (
  server: string,
  request: StartChatRequest,
  token: string | null,
): Promise<WidgetStartChatResponse> => call(server, "/api/widget/chats", token, request);
