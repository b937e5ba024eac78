/**
 * Who closed a chat, by name, for the attendant and the customer to see ("Encerrado por Ana"),
 * and the transcript line a remote close leaves. The room's chat row keeps only the closer's id
 * (`closed_by_attendant_id`); the name comes from the row itself when the chat's own attendant
 * closed it, else from the room's presence table, where every attendant socket that opened here
 * (a supervisor's included) left its name. No storage migration is needed for it.
 */
import { identityOf, toChatAttendants, toChatCustomer } from "./fanout";
import type { AttendantIdentity } from "./identity";
import type { ChatCloser, CloserRole, ServerFrame, WireChat } from "./protocol";
import type { ChatRow, RoomStorage } from "./room-storage";
import { toWireChat, toWireMessage } from "./wire";

/**
 * The closer of a closed chat, or undefined while it is open. With the room's state, an
 * attendant closer also carries their role, read from one of their sockets here (they were
 * connected to close it; later reads after they left give the name only).
 */
export function closerOf(storage: Pick<RoomStorage, "presence">, row: ChatRow, state?: DurableObjectState): ChatCloser | undefined {
  switch (row.closed_by) {
    case null:
      return undefined;
    case "customer":
      return { type: "customer", id: row.customer_id, name: row.customer_name };
    case "system":
      return { type: "system", id: null, name: "" };
    case "attendant": {
      const id = row.closed_by_attendant_id;
      const name = id !== null && id === row.attendant_id ? row.attendant_name : storage.presence().find((a) => a.id === id)?.name;
      const role = id !== null && state ? roleOf(state, id) : undefined;
      return role ? { type: "attendant", id, name: name ?? "", role } : { type: "attendant", id, name: name ?? "" };
    }
  }
}

/** An attendant's role from one of their open sockets here, if any. */
function roleOf(state: DurableObjectState, attendantId: string): CloserRole | undefined {
  for (const ws of state.getWebSockets(`attendant:${attendantId}`)) {
    const who = identityOf(ws);
    if (who?.role === "attendant") return who.attendantRole;
  }
  return undefined;
}

/** The wire chat with its closer, for the frames and reads that show a closed chat. */
export function toWireChatWithCloser(storage: Pick<RoomStorage, "presence">, row: ChatRow, state?: DurableObjectState): WireChat {
  const closer = closerOf(storage, row, state);
  return closer ? { ...toWireChat(row), closer } : toWireChat(row);
}

/** The transcript line of a chat closed by someone other than its attendant (pt-BR, like the room's other system lines). */
export function remoteCloseNotice(name: string): string {
  return `Atendimento encerrado por ${name}`;
}

/**
 * A supervisor is closing another attendant's chat (or a waiting one): the transcript says who,
 * before `chat.closed`, and the customer and the attendants who see the chat receive the line.
 */
export function announceRemoteClose(
  room: { state: DurableObjectState; storage: RoomStorage; afterWrite(): void },
  chat: ChatRow,
  by: AttendantIdentity,
): void {
  const { message } = room.storage.appendMessage(chat.id, { type: "system", id: null, name: "" }, remoteCloseNotice(by.name), null, Date.now());
  room.afterWrite();
  const frame = { type: "message.created", message: toWireMessage(message) } satisfies ServerFrame;
  toChatCustomer(room.state, chat.id, frame);
  toChatAttendants(room.state, room.storage.chat(chat.id) ?? chat, frame);
}
