/**
 * What each socket already received live, so a `chat.sync` on the same socket does not send
 * it again in `chat.history`. A client syncs once its `session.ready` arrives, and messages
 * created between the socket's accept and the room's handling of that sync reach it twice
 * otherwise: live, then in the history (the attack run's reconnecting attendant got 198 of
 * 2,000 messages twice).
 *
 * Per socket and chat the room remembers the run of consecutive seqs sent live: from `first`
 * to `last`. Every message from `first` on reached the socket, so a history for it stops
 * before `first`. A message that skips ahead (the attendant could not see the chat for a while)
 * starts a new run, so what was missed in between is still in the history. A customer never
 * sees internal notes, whose seqs are holes in its run that its history skips anyway, so for
 * customer sockets a hole never starts a new run.
 *
 * Memory only: after hibernation or eviction the room knows nothing here, and a history is
 * complete again (duplicates at worst, which clients drop by seq; never a gap).
 */
import type { WireMessage } from "./protocol";

interface Run {
  first: number;
  last: number;
}

const runs = new WeakMap<WebSocket, Map<string, Run>>();

/** Records that `message` was just sent to `ws`; `customer`: the socket is the chat's customer. */
export function sentLive(ws: WebSocket, message: WireMessage, customer: boolean): void {
  let chats = runs.get(ws);
  if (!chats) runs.set(ws, (chats = new Map()));
  const run = chats.get(message.chatId);
  if (!run || (!customer && message.seq > run.last + 1)) chats.set(message.chatId, { first: message.seq, last: message.seq });
  else run.last = Math.max(run.last, message.seq);
}

/** The first seq `ws` received live in the chat and every later one too; Infinity when none. */
export function liveSince(ws: WebSocket, chatId: string): number {
  return runs.get(ws)?.get(chatId)?.first ?? Infinity;
}
