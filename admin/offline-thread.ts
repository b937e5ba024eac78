/**
 * Pure logic of the Mensagens Offline thread in the console: the label of a message's status and
 * of an answer's delivery state, and which text explains a refused answer. No DOM, so the
 * console's unit tests run it in Node.
 */
import type { OfflineMessageItem } from "../worker/views";
import type { OfflineDelivery } from "../worker/views-offline";
import { ApiError } from "./api";
import { errorKey } from "./errors";
import type { MessageKey } from "./i18n";

export const OFFLINE_STATUSES = ["new", "answered", "ticket"] as const satisfies readonly OfflineMessageItem["status"][];

/** "Nova", "Respondida", "Virou chamado". */
export function statusKey(status: OfflineMessageItem["status"]): MessageKey {
  return `offline.status.${status}`;
}

/** "enviado", "na fila", "falhou". */
export function deliveryKey(delivery: OfflineDelivery): MessageKey {
  return `offline.delivery.${delivery.state}`;
}

/** The text for a refused answer: the contract's 409s by code, the rest as any API failure. */
export function answerErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError) {
    if (error.code === "email_not_configured") return "offline.answer.notConfigured";
    if (error.code === "converted_to_ticket") return "offline.answer.converted";
  }
  return errorKey(error);
}
