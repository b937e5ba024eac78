/**
 * The app's requests: its own config (`/api/app/:key`), the customer API (`/api/p/:key`, with
 * the `csid` cookie) and the knowledge base (`/api/kb/:key`). A request that cannot reach the
 * server (the fetch rejects, or the service worker answers for it with its offline marker)
 * throws `Offline`; an error envelope throws `ApiFailure` with its code.
 */
import type {
  AppConfigResponse,
  Customer,
  KbArticle,
  KbArticleSummary,
  KbCategory,
  MeResponse,
  TicketEntry,
  TicketResponse,
  TicketsResponse,
  TicketSummary,
  UpdatesResponse,
} from "./types";

/** The header the service worker puts on the answer it makes up when the network is down. */
export const OFFLINE_HEADER = "x-meu-suporte-offline";

/** The server could not be reached. */
export class Offline extends Error {}

/** The server refused: `code` from its `{ error: { code, message, field? } }`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      credentials: "same-origin",
      headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new Offline("offline");
  }
  if (response.headers.has(OFFLINE_HEADER)) throw new Offline("offline");
  if (response.status === 204) return undefined as T;
  const answer = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null;
  if (!response.ok) {
    const error = answer?.error;
    throw new ApiFailure(response.status, error?.code ?? "internal", error?.message ?? response.statusText, error?.field);
  }
  return answer as T;
}

/** The three APIs for one account key. */
export class AppClient {
  readonly #app: string;
  readonly #panel: string;
  readonly #kb: string;

  constructor(key: string) {
    const k = encodeURIComponent(key);
    this.#app = `/api/app/${k}`;
    this.#panel = `/api/p/${k}`;
    this.#kb = `/api/kb/${k}`;
  }

  config = () => request<AppConfigResponse>(`${this.#app}/config`);

  /** The logged-in customer, or null without a session. */
  me = async (): Promise<MeResponse | null> => {
    try {
      return await request<MeResponse>(`${this.#panel}/me`);
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) return null;
      throw error;
    }
  };

  login = (email: string, password: string) => request<{ customer: Customer }>(`${this.#panel}/login`, { body: { email, password } });
  logout = () => request<void>(`${this.#panel}/logout`, { method: "POST" });
  tickets = (page: number) => request<TicketsResponse>(`${this.#panel}/tickets?page=${page}`);
  ticket = (id: string) => request<TicketResponse>(`${this.#panel}/tickets/${encodeURIComponent(id)}`);
  createTicket = (subject: string, message: string, departmentId?: string) =>
    request<{ ticket: TicketSummary }>(`${this.#panel}/tickets`, { body: { subject, message, ...(departmentId ? { departmentId } : {}) } });
  reply = (id: string, body: string) => request<{ entry: TicketEntry }>(`${this.#panel}/tickets/${encodeURIComponent(id)}/replies`, { body: { body } });
  updates = (since: number) => request<UpdatesResponse>(`${this.#panel}/updates?since=${Math.floor(since)}`);

  categories = () => request<{ categories: KbCategory[] }>(`${this.#kb}/categories`);
  articles = (q: string, category: string) => {
    const query = new URLSearchParams();
    if (q) query.set("q", q);
    if (category) query.set("category", category);
    const text = query.toString();
    return request<{ articles: KbArticleSummary[] }>(`${this.#kb}/articles${text ? `?${text}` : ""}`);
  };
  article = (id: string) => request<{ article: KbArticle }>(`${this.#kb}/articles/${encodeURIComponent(id)}`);
  vote = (id: string, helpful: boolean) => request<void>(`${this.#kb}/articles/${encodeURIComponent(id)}/votes`, { body: { helpful } });
}
