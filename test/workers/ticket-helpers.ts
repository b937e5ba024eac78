/** Helpers of the Chamados suites: tickets through the API, offline messages through the widget. */
import { expect } from "vitest";
import type { TicketDetailResponse, TicketListResponse } from "../../worker/views-tickets";
import { api, json, type TestAccount } from "./helpers";

/** POST /api/tickets with a fresh customer unless the body names one; the 201 answer. */
export async function openTicket(cookie: string, body: Record<string, unknown> = {}): Promise<TicketDetailResponse> {
  const res = await api("/api/tickets", {
    cookie,
    body: { subject: "Pedido atrasado", customer: { name: "Maria Cliente", email: `maria.${crypto.randomUUID()}@cliente.test` }, body: "Meu pedido não chegou.", ...body },
  });
  if (res.status !== 201) throw new Error(`open ticket: ${res.status} ${await res.text()}`);
  return json<TicketDetailResponse>(res);
}

export async function ticketList(cookie: string, query = ""): Promise<TicketListResponse> {
  const res = await api(`/api/tickets${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<TicketListResponse>(res);
}

export async function ticketDetail(cookie: string, id: string): Promise<TicketDetailResponse> {
  const res = await api(`/api/tickets/${id}`, { cookie });
  expect(res.status).toBe(200);
  return json<TicketDetailResponse>(res);
}

export function patchTicket(cookie: string, id: string, body: Record<string, unknown>): Promise<Response> {
  return api(`/api/tickets/${id}`, { method: "PATCH", cookie, body });
}

export function replyTicket(cookie: string, id: string, body: Record<string, unknown>): Promise<Response> {
  return api(`/api/tickets/${id}/replies`, { cookie, body });
}

/** The widget's offline form; the stored message's id. */
export async function leaveOfflineMessage(account: TestAccount, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api("/api/widget/offline-messages", {
    body: { account: account.publicKey, name: "Joana Offline", email: `joana.${crypto.randomUUID()}@cliente.test`, message: "Vocês entregam em Manaus?\nObrigada", ...overrides },
  });
  expect(res.status).toBe(201);
  return (await json<{ offlineMessage: { id: string } }>(res)).offlineMessage.id;
}

/** Saves the account's policies (administrator) and, optionally, a department's override. */
export async function setOfflineToTicket(admin: string, account: TestAccount, on: boolean | undefined, department?: { id: string; on: boolean | undefined }) {
  const settings = await json<{ account: { look: unknown; policies: Record<string, unknown> } }>(await api("/api/settings", { cookie: admin }));
  const put = await api("/api/settings", { method: "PUT", cookie: admin, body: { ...settings.account, policies: { ...settings.account.policies, offlineToTicket: on } } });
  expect(put.status).toBe(200);
  if (department) {
    const res = await api(`/api/settings/departments/${department.id}`, { method: "PUT", cookie: admin, body: { look: {}, policies: { offlineToTicket: department.on } } });
    expect(res.status).toBe(200);
  }
}
