/** Wire objects for the console's unit tests. */
import type { WireChat, WireMessage } from "../../durable-objects/protocol";
import type { MeResponse } from "../../worker/views";

export function wireChat(overrides: Partial<WireChat> = {}): WireChat {
  return {
    id: "chat-1",
    number: 1,
    departmentId: "dep-1",
    status: "waiting",
    customer: { id: "cus-1", name: "Zé", email: "ze@example.com" },
    attendant: null,
    origin: "widget",
    pageUrl: null,
    createdAt: 1_000,
    acceptedAt: null,
    closedAt: null,
    closedBy: null,
    lastSeq: 0,
    customerReadSeq: 0,
    attendantReadSeq: 0,
    customerDeliveredSeq: 0,
    attendantDeliveredSeq: 0,
    ...overrides,
  };
}

export function wireMessage(seq: number, overrides: Partial<WireMessage> = {}): WireMessage {
  return {
    id: `msg-${seq}`,
    chatId: "chat-1",
    seq,
    author: { type: "customer", id: "cus-1", name: "Zé" },
    body: `message ${seq}`,
    createdAt: 1_000 + seq,
    clientId: null,
    ...overrides,
  };
}

export const ana = { id: "att-1", name: "Ana" };
export const caio = { id: "att-2", name: "Caio" };

export function session(role: MeResponse["attendant"]["role"] = "attendant"): MeResponse {
  return {
    attendant: { ...ana, email: "ana@example.com", role, chatStatus: "online", departments: [{ id: "dep-1", name: "Suporte", attends: true, supervises: role !== "attendant" }], notificationPrefs: {} },
    account: { id: "acc-1", name: "ACME", publicKey: "pk" },
  };
}
