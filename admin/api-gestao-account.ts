/**
 * The console's client for the account side of Gestão (docs/API.md "Gestão"): Clientes,
 * Configurações da Conta, Auditoria and the first-steps checklist. Same `request()` as every
 * other call, so failures are {@link ApiError}s carrying the server's `code` and `field`.
 */
import type {
  AccountResponse,
  AccountView,
  AttendantsResponse,
  AuditAction,
  AuditResponse,
  CustomerDetailResponse,
  CustomersResponse,
  CustomerView,
  SetupChecklistResponse,
} from "../worker/views-gestao";
import { ApiError, request } from "./api";

/** Query for GET /api/customers. */
export interface CustomerQuery {
  page: number;
  /** Matches the name or the e-mail. */
  q?: string;
  limit?: number;
}

/** Body of PATCH /api/customers/:id. */
export interface CustomerPatch {
  name?: string;
  email?: string;
}

/** Body of PATCH /api/account. */
export type AccountPatch = Partial<Pick<AccountView, "name" | "timeZone" | "locale" | "allowedOrigins" | "retentionDays" | "panelSlug">>;

/** Query for GET /api/audit; `from` inclusive, `to` exclusive, epoch ms. */
export interface AuditQuery {
  page: number;
  actor?: string;
  action?: AuditAction;
  from?: number;
  to?: number;
  limit?: number;
}

/** `?a=1&b=2` from the defined values only ("" and undefined are left out). */
function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

const path = (base: string, id: string): string => `${base}/${encodeURIComponent(id)}`;

/** The endpoints of Clientes, Configurações da Conta, Auditoria and the setup checklist. */
export const gestaoAccountApi = {
  customers: (query: CustomerQuery) =>
    request<CustomersResponse>("GET", `/api/customers${queryString({ q: query.q, page: query.page, limit: query.limit })}`),
  customer: (id: string) => request<CustomerDetailResponse>("GET", path("/api/customers", id)),
  updateCustomer: (id: string, patch: CustomerPatch) => request<{ customer: CustomerView }>("PATCH", path("/api/customers", id), patch),
  /** The right to be forgotten: `204`, nothing to read. */
  deleteCustomer: (id: string) => request<void>("DELETE", path("/api/customers", id)),

  account: () => request<AccountResponse>("GET", "/api/account"),
  updateAccount: (patch: AccountPatch) => request<AccountResponse>("PATCH", "/api/account", patch),
  regeneratePublicKey: () => request<AccountResponse>("POST", "/api/account/public-key"),
  regenerateSecret: () => request<{ secret: string }>("POST", "/api/account/secret"),

  audit: (query: AuditQuery) =>
    request<AuditResponse>(
      "GET",
      `/api/audit${queryString({ actor: query.actor, action: query.action, from: query.from, to: query.to, page: query.page, limit: query.limit })}`,
    ),
  /**
   * Who may appear as an actor in the Auditoria filter (the account's attendants). Asks for 100;
   * a server that caps the page lower refuses that with a 400, and then its default page is used.
   */
  auditActors: () =>
    request<AttendantsResponse>("GET", "/api/attendants?limit=100").catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 400) return request<AttendantsResponse>("GET", "/api/attendants");
      throw error;
    }),

  setup: () => request<SetupChecklistResponse>("GET", "/api/setup"),
};
