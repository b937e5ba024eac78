/**
 * The message list the customer sees: confirmed messages in seq order, deduplicated by id and
 * seq (history after a reconnect overlaps what arrived live), then the pending ones.
 */
import type { AuthorType, WireAttachment, WireMessage } from "../durable-objects/protocol";
import type { PendingMessage } from "./chat-connection";

/**
 * Adds `incoming` to `list` (sorted by seq), skipping messages already there. Returns the same
 * array when nothing is new, so that a re-render can be skipped, and the messages added.
 */
export function mergeMessages(
  list: readonly WireMessage[],
  incoming: readonly WireMessage[],
): { list: readonly WireMessage[]; added: WireMessage[] } {
  const ids = new Set(list.map((m) => m.id));
  const seqs = new Set(list.map((m) => m.seq));
  const added: WireMessage[] = [];
  for (const message of incoming) {
    if (ids.has(message.id) || seqs.has(message.seq)) continue;
    ids.add(message.id);
    seqs.add(message.seq);
    added.push(message);
  }
  if (added.length === 0) return { list, added };
  return { list: [...list, ...added].sort((a, b) => a.seq - b.seq), added };
}

/** Delivery state of one of the customer's own messages. */
export type Receipt = "pending" | "failed" | "sent" | "delivered" | "read";

/** How far the attendant side has received and read the customer's messages. */
export interface Receipts {
  deliveredSeq: number;
  readSeq: number;
}

/** The receipt of a confirmed customer message. */
export function receiptOf(seq: number, receipts: Receipts): Receipt {
  if (seq <= receipts.readSeq) return "read";
  if (seq <= receipts.deliveredSeq) return "delivered";
  return "sent";
}

/** One row of the rendered list: a confirmed message or a pending one. */
export interface Row {
  key: string;
  author: AuthorType;
  name: string;
  body: string;
  seq: number | null;
  createdAt: number;
  receipt: Receipt | null;
  clientId: string | null;
  /** The file the message carries, with its chat (whose API gives the file's URL). */
  file?: { chatId: string; attachment: WireAttachment };
}

/**
 * The rows to render. A pending message whose ack is already in `list` (the ack and the
 * pending update can arrive in the same tick) is shown once, as confirmed.
 */
export function toRows(list: readonly WireMessage[], pending: readonly PendingMessage[], receipts: Receipts): Row[] {
  const confirmed = new Set<string>();
  const rows: Row[] = list.map((m) => {
    if (m.clientId) confirmed.add(m.clientId);
    const own = m.author.type === "customer";
    return {
      key: m.id,
      author: m.author.type,
      name: m.author.name,
      body: m.body,
      seq: m.seq,
      createdAt: m.createdAt,
      receipt: own ? receiptOf(m.seq, receipts) : null,
      clientId: m.clientId,
      ...(m.attachment ? { file: { chatId: m.chatId, attachment: m.attachment } } : {}),
    };
  });
  for (const p of pending) {
    if (confirmed.has(p.clientId)) continue;
    rows.push({
      key: p.clientId,
      author: "customer",
      name: "",
      body: p.body,
      seq: null,
      createdAt: p.createdAt,
      receipt: p.failed ? "failed" : "pending",
      clientId: p.clientId,
    });
  }
  return rows;
}
