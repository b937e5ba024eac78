/**
 * Answer types of the Mensagens Offline thread (docs/API.md "Mensagens Offline answered by
 * e-mail"). Zod-free: the console imports them with `import type`.
 */
import type { OfflineMessageItem } from "./views";

/** Where an attendant's answer is: in the outbox (`queued`, also while a try runs), `sent`, or `failed` after its last try. */
export type OfflineDeliveryState = "queued" | "sent" | "failed";

/** The delivery of an attendant's answer, read from the account's outbox. */
export interface OfflineDelivery {
  state: OfflineDeliveryState;
  /** The last failure, as the SMTP server or the connection gave it (failed or retrying rows). */
  error: string | null;
}

/** One entry of the thread after the customer's first message. */
export interface OfflineThreadEntry {
  id: string;
  authorType: "customer" | "attendant";
  /** The attendant's id; null for the customer. */
  authorId: string | null;
  authorName: string;
  body: string;
  createdAt: number;
  /** Attendant answers only; null for the customer's e-mailed replies. */
  delivery: OfflineDelivery | null;
}

/** An offline message with what became of it. */
export interface OfflineMessageDetail extends OfflineMessageItem {
  /** When an attendant first answered it by e-mail. */
  answeredAt: number | null;
  /** The ticket it became (status "ticket"). */
  ticketId: string | null;
}

/** GET /api/offline-messages/:id: the message (the customer's first words) and the thread, oldest first. */
export interface OfflineMessageThreadResponse {
  offlineMessage: OfflineMessageDetail;
  entries: OfflineThreadEntry[];
}

/** POST /api/offline-messages/:id/replies: the stored answer (queued in the outbox) and the message, now answered. */
export interface OfflineReplyResponse {
  entry: OfflineThreadEntry;
  offlineMessage: OfflineMessageDetail;
}
