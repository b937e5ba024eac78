/**
 * What a department room does when an attendant's rights change (Gestão: deactivated, another
 * role, other departments). The Worker has already written the change to D1; the room makes it
 * take effect on live consoles at once:
 * - every console socket of the attendant here closes with 4001 (`CloseCode.rightsChanged`),
 *   so their console fetches `/api/me` again and reconnects with what it may now open (a
 *   deactivated attendant's sessions are gone: their console goes to the login screen);
 * - their presence here is forgotten and the change announced (a reconnect sets it again);
 * - when they no longer attend this department, each of their active chats goes back to the
 *   queue, unassigned, with a system message, and every socket of the room is told
 *   (`chat.queued`, then the message); D1 follows through the room's write-behind sync.
 * No chat is closed and no message is lost: a requeued chat keeps its messages and sequence.
 */
import { toChatAttendants, toChatCustomer, toEveryoneOfChat } from "./fanout";
import { presenceSnapshot, type PresenceSnapshot } from "./presence";
import { CloseCode, type ServerFrame } from "./protocol";
import type { RoomStorage } from "./room-storage";
import { toWireChat, toWireMessage } from "./wire";

/** The change as the Worker describes it to one room. */
export interface RightsChange {
  attendantId: string;
  /** Named in the system message of a requeued chat. */
  name: string;
  /** Whether they still attend this department (false after a deactivation). */
  attends: boolean;
}

export interface RightsOutcome {
  /** Console sockets of the attendant closed here. */
  closedSockets: number;
  /** Chats put back in this department's queue. */
  requeuedChatIds: string[];
}

/** What this module needs from the room object. */
export interface RightsRoom {
  state: DurableObjectState;
  storage: RoomStorage;
  afterWrite(): void;
  syncNow(): Promise<boolean>;
  announcePresence(before: PresenceSnapshot, after: PresenceSnapshot): Promise<void>;
}

/** The system message of a chat whose attendant lost the right to attend it. */
export function requeueNotice(name: string): string {
  return `Atendente ${name} saiu; o atendimento voltou para a fila`;
}

/** Applies one attendant's rights change to this room. Idempotent: a repeat finds nothing left to do. */
export async function applyRightsChange(room: RightsRoom, change: RightsChange): Promise<RightsOutcome> {
  const before = presenceSnapshot(room.state, room.storage);
  const closedSockets = closeConsoles(room.state, change.attendantId);
  const requeuedChatIds = change.attends ? [] : requeueChats(room, change);
  // The closed sockets may still be listed until their close completes: without the presence
  // row they no longer count, whatever the runtime lists.
  room.storage.removePresence(change.attendantId);
  await room.announcePresence(before, presenceSnapshot(room.state, room.storage));
  if (requeuedChatIds.length > 0) {
    // D1 says "waiting" by the time the API answers; if it fails, the sync timer retries.
    await room.syncNow().catch((error) => console.error("D1 sync after a requeue failed; the alarm retries", error));
  }
  return { closedSockets, requeuedChatIds };
}

function closeConsoles(state: DurableObjectState, attendantId: string): number {
  let closed = 0;
  for (const ws of state.getWebSockets(`attendant:${attendantId}`)) {
    try {
      ws.close(CloseCode.rightsChanged, "rights changed");
      closed++;
    } catch {
      // already closed
    }
  }
  return closed;
}

/** Puts the attendant's active chats back in the queue and tells every socket of each chat. */
function requeueChats(room: RightsRoom, change: RightsChange): string[] {
  const requeued: string[] = [];
  const now = Date.now();
  for (const chat of room.storage.activeChatsOf(change.attendantId)) {
    if (!room.storage.requeue(chat.id, change.attendantId)) continue;
    const { message } = room.storage.appendMessage(chat.id, { type: "system", id: null, name: "" }, requeueNotice(change.name), null, now);
    const current = room.storage.chat(chat.id)!;
    // The chat first, so that consoles that did not list it (another attendant's) know it
    // before its message arrives.
    toEveryoneOfChat(room.state, chat.id, { type: "chat.queued", chat: toWireChat(current) });
    const created = { type: "message.created", message: toWireMessage(message) } satisfies ServerFrame;
    toChatCustomer(room.state, chat.id, created);
    toChatAttendants(room.state, current, created);
    requeued.push(chat.id);
  }
  if (requeued.length > 0) room.afterWrite();
  return requeued;
}
