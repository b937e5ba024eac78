/**
 * Live queue positions: every customer socket of a waiting chat is told its place in the
 * department's queue (`queue.position`, 1 = next) when it connects and whenever the queue
 * changes (a chat queued, accepted, closed, transferred away or requeued). The order is the
 * room's own storage (waiting chats by created_at, as the consoles list them); one query and
 * one pass over the customer sockets per change.
 */
import { identityOf, send } from "./fanout";
import type { ServerFrame } from "./protocol";

type QueueFrame = Extract<ServerFrame, { type: "queue.position" }>;

/** The waiting chats' ids, oldest first (the queue order). */
export function waitingChatIds(sql: SqlStorage): string[] {
  return sql
    // An abandoned chat (customer-presence.ts) is out of the queue until its customer returns.
    .exec<{ id: string }>("SELECT id FROM chats WHERE status = 'waiting' AND abandoned_at IS NULL ORDER BY created_at, number")
    .toArray()
    .map((row) => row.id);
}

/** The position frame of one chat, or null when it is not waiting. */
export function queuePositionOf(sql: SqlStorage, chatId: string): QueueFrame | null {
  const queue = waitingChatIds(sql);
  const index = queue.indexOf(chatId);
  return index < 0 ? null : { type: "queue.position", chatId, position: index + 1, waiting: queue.length };
}

/** Tells every customer socket of a waiting chat its current position. Returns how many sockets were told. */
export function tellQueuePositions(ctx: DurableObjectState): number {
  const queue = waitingChatIds(ctx.storage.sql);
  if (queue.length === 0) return 0;
  const positions = new Map(queue.map((id, index) => [id, index + 1]));
  let told = 0;
  for (const ws of ctx.getWebSockets("customer")) {
    const who = identityOf(ws);
    const position = who?.role === "customer" ? positions.get(who.chatId) : undefined;
    if (who?.role !== "customer" || position === undefined) continue;
    if (send(ws, { type: "queue.position", chatId: who.chatId, position, waiting: queue.length } satisfies ServerFrame)) told++;
  }
  return told;
}
