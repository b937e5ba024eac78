/**
 * The department closed by its hours with customers still waiting: each waiting chat's
 * customer sockets hear `queue.closed` at the boundary (and on connect while it stays closed),
 * and the widget offers the offline form, pre-filled with what they wrote.
 *
 * The waiting chat itself is left as it is: it stays in the queue, with its messages, for the
 * next opening. A customer who leaves without doing anything loses nothing (the attendants find
 * the chat first in line, with the customer's e-mail); one who sends the offline form ends the
 * chat themselves (`chat.close`), so it is not answered twice.
 */
import { identityOf, send } from "./fanout";
import type { ServerFrame } from "./protocol";

type ClosedFrame = Extract<ServerFrame, { type: "queue.closed" }>;

function isWaiting(sql: SqlStorage, chatId: string): boolean {
  return sql.exec("SELECT 1 FROM chats WHERE id = ? AND status = 'waiting'", chatId).toArray().length > 0;
}

/** The frame for one chat's customer, or null when the chat is not waiting. */
export function queueClosedOf(sql: SqlStorage, chatId: string, opensAt: number | null): ClosedFrame | null {
  return isWaiting(sql, chatId) ? { type: "queue.closed", chatId, opensAt } : null;
}

/** Tells every customer socket of a waiting chat that the department closed. Returns how many sockets were told. */
export function tellQueueClosed(ctx: DurableObjectState, opensAt: number | null): number {
  const waiting = new Set(
    ctx.storage.sql
      .exec<{ id: string }>("SELECT id FROM chats WHERE status = 'waiting'")
      .toArray()
      .map((row) => row.id),
  );
  let told = 0;
  for (const ws of ctx.getWebSockets("customer")) {
    const who = identityOf(ws);
    if (who?.role !== "customer" || !waiting.has(who.chatId)) continue;
    if (send(ws, { type: "queue.closed", chatId: who.chatId, opensAt } satisfies ServerFrame)) told++;
  }
  return told;
}
