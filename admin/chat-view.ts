/**
 * What the console knows about one chat: the chat itself, its messages (ordered by seq, one per
 * id), messages still waiting for their acknowledgement, read receipts and typing. Pure
 * functions over plain data, so the merge rules can be tested without a socket or a DOM.
 */
import type { WireChat, WireLabel, WireMessage } from "../durable-objects/protocol";

/** A message sent by this console and not yet acknowledged by `message.created`. */
export interface PendingMessage {
  clientId: string;
  body: string;
  createdAt: number;
  /** The server refused it (an `error` frame named its clientId). */
  failed: boolean;
}

export interface ChatView {
  chat: WireChat;
  /** Ordered by seq, unique by id. */
  messages: WireMessage[];
  pending: PendingMessage[];
  /** Every message with seq ≤ syncedSeq is in `messages`; null until the first `chat.history`. */
  syncedSeq: number | null;
  /** A `chat.sync` is in flight. */
  syncing: boolean;
  /** Highest seq the attendant side has read (sent by us or reported by the server). */
  readSeq: number;
  /** How far the customer has received / read the attendant side's messages. */
  receipts: { deliveredSeq: number; readSeq: number };
  /** Name of the customer while they are typing. */
  customerTyping: string | null;
  /** Rótulos: the chat's labels, from session.ready / chat.queued and every `chat.labels`. */
  labels: WireLabel[];
}

/** A fresh view of a chat the console has just heard of. */
export function newChatView(chat: WireChat): ChatView {
  return {
    chat,
    messages: [],
    pending: [],
    syncedSeq: null,
    syncing: false,
    readSeq: chat.attendantReadSeq,
    receipts: { deliveredSeq: chat.customerDeliveredSeq, readSeq: chat.customerReadSeq },
    customerTyping: null,
    labels: chat.labels ?? [],
  };
}

/** Replaces the chat record; read marks only move forward. */
export function updateChat(view: ChatView, chat: WireChat): void {
  // Frames that also reach customers carry no presence (customer-presence.ts): keep what we know.
  view.chat = chat.customerLeftAt === undefined && view.chat.customerLeftAt !== undefined ? { ...chat, customerLeftAt: view.chat.customerLeftAt } : chat;
  // Frames that also reach customers carry no labels: keep the ones we know.
  if (chat.labels) view.labels = chat.labels;
  view.readSeq = Math.max(view.readSeq, chat.attendantReadSeq);
  view.receipts = {
    deliveredSeq: Math.max(view.receipts.deliveredSeq, chat.customerDeliveredSeq),
    readSeq: Math.max(view.receipts.readSeq, chat.customerReadSeq),
  };
  if (chat.status === "closed") view.customerTyping = null;
}

/**
 * Adds messages, dropping ones already known (by id) and settling pending messages whose
 * clientId came back. Returns whether anything changed.
 */
export function addMessages(view: ChatView, incoming: readonly WireMessage[]): boolean {
  let changed = false;
  const known = new Set(view.messages.map((m) => m.id));
  for (const message of incoming) {
    if (message.chatId !== view.chat.id) continue;
    if (message.clientId !== null) {
      const before = view.pending.length;
      view.pending = view.pending.filter((p) => p.clientId !== message.clientId);
      changed ||= view.pending.length !== before;
    }
    if (known.has(message.id)) continue;
    known.add(message.id);
    view.messages.push(message);
    changed = true;
    if (message.author.type === "customer") view.customerTyping = null;
  }
  if (changed) view.messages.sort((a, b) => a.seq - b.seq);
  return changed;
}

/** Highest seq the console holds for this chat (0 when none). */
export function lastSeq(view: ChatView): number {
  return view.messages.length === 0 ? 0 : view.messages[view.messages.length - 1]!.seq;
}

/**
 * Records a live `message.created`. Returns true when it reveals a gap (seq jumped past what
 * we hold), so the caller asks for the missing part with `chat.sync`.
 */
export function receiveMessage(view: ChatView, message: WireMessage): boolean {
  addMessages(view, [message]);
  if (view.syncedSeq === null) return false;
  if (message.seq <= view.syncedSeq + 1) {
    view.syncedSeq = Math.max(view.syncedSeq, message.seq);
    return false;
  }
  return !view.syncing;
}

/**
 * Records a `chat.history` page. Returns true when the server has more after it, so the caller
 * asks for the next page.
 */
export function receiveHistory(view: ChatView, messages: readonly WireMessage[], hasMore: boolean): boolean {
  addMessages(view, messages);
  const pageEnd = messages.reduce((max, m) => Math.max(max, m.seq), view.syncedSeq ?? 0);
  // When the server says there is nothing more, everything we hold is complete, including
  // live messages that arrived while the page was on its way.
  view.syncedSeq = hasMore ? pageEnd : Math.max(pageEnd, lastSeq(view));
  view.syncing = hasMore;
  return hasMore;
}

/** Customer messages the attendant side has not read yet. */
export function unreadCount(view: ChatView): number {
  return view.messages.filter((m) => m.author.type === "customer" && m.seq > view.readSeq).length;
}

export type Receipt = "sent" | "delivered" | "read";

/** Delivery state of one of the attendant side's messages, as seen by the customer. */
export function receiptOf(view: ChatView, message: WireMessage): Receipt {
  if (message.seq <= view.receipts.readSeq) return "read";
  if (message.seq <= view.receipts.deliveredSeq) return "delivered";
  return "sent";
}
