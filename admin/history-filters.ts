/**
 * The Histórico's filters and their two spellings: the location hash (`#/history?q=…&labelId=…`,
 * so a search can be bookmarked and the back button returns to it) and the API's query string
 * (GET /api/chats, GET /api/chats/export.csv). Pure: no DOM, tested in Node.
 *
 * The hash is tolerant — a value that no longer makes sense (an old bookmark) is dropped, never
 * an error — and canonical: the same filters always give the same text, defaults left out.
 */
import type { ChatStatus } from "../durable-objects/protocol";

/** "all" asks for every status; the history opens on closed chats. */
export type HistoryStatus = ChatStatus | "all";

export interface HistoryFilters {
  labelIds: string[];
  departmentId?: string;
  attendantId?: string;
  status: HistoryStatus;
  /** `YYYY-MM-DD`, days in the account's time zone (the server's reading). */
  from?: string;
  to?: string;
  customer?: string;
  number?: number;
  q?: string;
  page: number;
}

export const HISTORY_STATUSES: readonly HistoryStatus[] = ["closed", "active", "waiting", "all"];
export const DEFAULT_HISTORY_FILTERS: Readonly<HistoryFilters> = { labelIds: [], status: "closed", page: 1 };

const ID = /^[A-Za-z0-9-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LABELS = 20;

function text(value: string | null, max: number): string | undefined {
  const trimmed = value?.trim() ?? "";
  return trimmed ? trimmed.slice(0, max) : undefined;
}

function positive(value: string | null): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

function pick<T>(value: T | undefined, ok: (v: T) => boolean): T | undefined {
  return value !== undefined && ok(value) ? value : undefined;
}

/** The filters read from query parameters (the hash's part after `?`, or a form's values). */
export function parseHistorySearch(search: string | URLSearchParams): HistoryFilters {
  const params = typeof search === "string" ? new URLSearchParams(search.replace(/^\?/, "")) : search;
  const status = params.get("status");
  const labelIds = [...new Set(params.getAll("labelId").filter((id) => ID.test(id)))].slice(0, MAX_LABELS);
  const filters: HistoryFilters = {
    labelIds,
    status: HISTORY_STATUSES.find((s) => s === status) ?? "closed",
    page: Math.min(positive(params.get("page")) ?? 1, 10_000),
  };
  const departmentId = pick(params.get("departmentId") ?? undefined, (v) => ID.test(v));
  const attendantId = pick(params.get("attendantId") ?? undefined, (v) => ID.test(v));
  const from = pick(params.get("from") ?? undefined, (v) => DAY.test(v));
  const to = pick(params.get("to") ?? undefined, (v) => DAY.test(v));
  const customer = text(params.get("customer"), 100);
  const number = positive(params.get("number")?.replace(/^#/, "") ?? null);
  const q = text(params.get("q"), 200);
  return { ...filters, ...defined({ departmentId, attendantId, from, to, customer, number, q }) };
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The shared filter parameters, in a fixed order (labels last, each once). */
function filterParams(filters: HistoryFilters, params: URLSearchParams): URLSearchParams {
  for (const key of ["q", "customer", "number", "departmentId", "attendantId", "from", "to"] as const) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  for (const id of filters.labelIds) params.append("labelId", id);
  return params;
}

/** The hash's query text for these filters (no `?`); empty for the defaults. */
export function historySearchText(filters: HistoryFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== "closed") params.set("status", filters.status);
  filterParams(filters, params);
  if (filters.page > 1) params.set("page", String(filters.page));
  return params.toString();
}

/** The query of GET /api/chats for these filters (`status=all` sends no status). */
export function historyApiQuery(filters: HistoryFilters, limit?: number): string {
  const params = new URLSearchParams();
  if (filters.status !== "all") params.set("status", filters.status);
  filterParams(filters, params);
  params.set("page", String(filters.page));
  if (limit) params.set("limit", String(limit));
  return params.toString();
}

/** The URL of the CSV export of these filters (every page). */
export function historyExportUrl(filters: HistoryFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== "all") params.set("status", filters.status);
  filterParams(filters, params);
  return `/api/chats/export.csv${params.size ? `?${params}` : ""}`;
}

/** How many filters differ from the defaults (shown on the phone's collapsed filter bar). */
export function activeFilterCount(filters: HistoryFilters): number {
  const singles = [filters.q, filters.customer, filters.number, filters.departmentId, filters.attendantId, filters.from, filters.to];
  return singles.filter((v) => v !== undefined).length + filters.labelIds.length + (filters.status === "closed" ? 0 : 1);
}
