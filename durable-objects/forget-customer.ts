/**
 * The right to be forgotten, inside one department room: the customer's chats stay (reports
 * count them) but their name, e-mail, page URL and every message text are blanked here, and
 * their open chats are closed. The Worker calls this in every room of the account before it
 * blanks D1 (worker/forget-customer.ts).
 *
 * The room copies messages to D1 write-behind (d1-sync.ts), so the order matters:
 * 1. blank and close in one synchronous transaction: no message of the customer can be stored
 *    in between, and every row not yet copied to D1 now carries the blank text;
 * 2. wait for a copy already on its way (it read rows before step 1 and may still write old
 *    text to D1), then copy what is pending: once this returns, no old text can reach D1 from
 *    this room any more, so the Worker's blanking of D1 that follows is final.
 */
import { toEveryoneOfChat, customerSockets } from "./fanout";
import { CloseCode } from "./protocol";
import type { ChatRow, RoomStorage } from "./room-storage";
import { toWireChat } from "./wire";

/** What a forgotten customer is called wherever a name is required. */
export const FORGOTTEN_NAME = "Cliente removido";

/** What the room lends to `forgetCustomer`. */
export interface ForgetRoom {
  state: DurableObjectState;
  storage: RoomStorage;
  /** Schedules the D1 copy of what changed. */
  afterWrite(): void;
  /** Copies everything pending to D1 now, after any copy already running. */
  syncNow(): Promise<boolean>;
  /** Keeps a closed chat in the room for its usual time, then prunes it. */
  keepClosed(): void;
}

/** How many of the customer's chats this room held, and how many of them it closed. */
export interface ForgetResult {
  chats: number;
  closed: number;
}

/** Step 1: the customer's chats here, blanked, and the ids of those it closed. */
function blank(room: ForgetRoom, customerId: string, at: number): { held: ChatRow[]; closed: string[] } {
  const sql = room.state.storage.sql;
  const held = sql.exec<ChatRow>("SELECT * FROM chats WHERE customer_id = ?", customerId).toArray();
  if (held.length === 0) return { held, closed: [] };
  sql.exec("UPDATE chats SET customer_name = ?, customer_email = '', page_url = NULL WHERE customer_id = ?", FORGOTTEN_NAME, customerId);
  // Written by customer, not by chat id: the rows in memory go (chat-cache.ts).
  room.storage.chats.clear();
  // Rows already copied stay `flushed` (the Worker blanks D1's copy); the others are copied blank.
  sql.exec(
    `UPDATE messages SET body = '', attachment = NULL, author_name = CASE WHEN author_type = 'customer' THEN ? ELSE author_name END
     WHERE chat_id IN (SELECT id FROM chats WHERE customer_id = ?)`,
    FORGOTTEN_NAME,
    customerId,
  );
  const closed = held.filter((chat) => chat.status !== "closed" && room.storage.close(chat.id, "system", null, at)).map((chat) => chat.id);
  return { held, closed };
}

/** Blanks one customer's data in the room's storage and closes their open chats. Idempotent. */
export async function forgetCustomer(room: ForgetRoom, customerId: string, at = Date.now()): Promise<ForgetResult> {
  const { held, closed } = room.state.storage.transactionSync(() => blank(room, customerId, at));
  if (held.length === 0) return { chats: 0, closed: 0 };
  room.afterWrite();
  try {
    await room.syncNow();
  } catch (error) {
    // A failed copy wrote nothing (D1 batches are atomic); the alarm copies the blank rows later.
    console.error("D1 sync after forgetting a customer failed; the alarm retries", error);
  }
  if (closed.length > 0) room.keepClosed();
  for (const chatId of closed) {
    toEveryoneOfChat(room.state, chatId, { type: "chat.closed", chat: toWireChat(room.storage.chat(chatId)!) });
    for (const ws of customerSockets(room.state, chatId)) ws.close(CloseCode.policy, "customer forgotten");
  }
  return { chats: held.length, closed: closed.length };
}
