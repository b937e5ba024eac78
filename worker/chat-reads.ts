/**
 * The one read path for chats and messages. Whoever asks (the customer's widget, an attendant,
 * a supervisor), this module decides where the truth is — the department room while it holds
 * the chat (open, or closed less than `CLOSED_CHAT_KEPT_MS` ago), D1 after that — turns rows into
 * wire messages in one place, and filters what the reader may see. Routes never read messages
 * any other way, so a rule added here (e.g. internal notes hidden from customers) holds on every
 * path.
 */
import { and, asc, desc, eq, gt, ne, or } from "drizzle-orm";
import { departmentRoom } from "./access";
import { database } from "./db/client";
import { chatMessages, chats } from "./db/schema";
import type { Env } from "./env";
import { CLOSED_CHAT_KEPT_MS, type WireChat, type WireMessage } from "../durable-objects/protocol";
import { attachmentsOfChat } from "./attachments/store";

/** Who is reading: a customer sees only their own chats; attendants what the route allowed. */
export type Reader = { kind: "customer"; customerId: string } | { kind: "attendant"; attendantId: string; supervises: boolean };

/** Longest transcript one read returns; a live chat with more is exceptional. */
export const TRANSCRIPT_LIMIT = 1000;

/** A chat as the routes find it in D1 before reading its messages. */
export interface ChatRef {
  id: string;
  accountId: string;
  departmentId: string;
  status: "waiting" | "active" | "closed";
  closedAt: number | null;
}

type D1MessageRow = typeof chatMessages.$inferSelect;

/** The one conversion of a D1 message row to the wire. */
export function wireMessageFromD1(row: D1MessageRow): WireMessage {
  return {
    id: row.id,
    chatId: row.chatId,
    seq: row.seq,
    author: { type: row.authorType, id: row.authorId, name: row.authorName },
    body: row.body,
    createdAt: row.createdAt,
    clientId: null,
    ...(row.internal ? { internal: true as const } : {}),
  };
}

/** Whether the room still holds the chat (so its copy is the current one). */
function heldByRoom(chat: ChatRef, now = Date.now()): boolean {
  return chat.status !== "closed" || (chat.closedAt !== null && chat.closedAt > now - CLOSED_CHAT_KEPT_MS);
}

/** What `reader` may see of a message: internal notes are for attendants only, on every path. */
function visibleTo(reader: Reader, message: WireMessage): boolean {
  return reader.kind === "attendant" || !message.internal;
}

/** The messages of a chat the caller has already been allowed to read, in order. */
export async function readMessages(env: Env, reader: Reader, chat: ChatRef): Promise<WireMessage[]> {
  let messages: WireMessage[] = [];
  if (heldByRoom(chat)) {
    // D1 receives a room's messages a moment after the room stores them: ask the room first.
    messages = await departmentRoom(env, chat.accountId, chat.departmentId).messages(chat.id);
  }
  if (messages.length === 0) {
    const rows = await database(env.DB)
      .select()
      .from(chatMessages)
      .where(and(eq(chatMessages.chatId, chat.id), eq(chatMessages.accountId, chat.accountId)))
      .orderBy(asc(chatMessages.seq))
      .limit(TRANSCRIPT_LIMIT);
    messages = rows.map(wireMessageFromD1);
    // D1 keeps only the file's id on the message: its details come from chat_attachments.
    if (rows.some((r) => r.attachmentId)) {
      const files = await attachmentsOfChat(database(env.DB), chat.accountId, chat.id);
      messages = messages.map((m, i) => {
        const file = files.get(rows[i]!.attachmentId ?? "");
        return file ? { ...m, attachment: file } : m;
      });
    }
  }
  return messages.filter((m) => visibleTo(reader, m));
}

/** The customer's newest chat that is open or closed recently, live from its room. */
export async function currentChatOfCustomer(env: Env, accountId: string, customerId: string): Promise<WireChat | null> {
  const row = await database(env.DB)
    .select({ id: chats.id, departmentId: chats.departmentId })
    .from(chats)
    .where(
      and(
        eq(chats.accountId, accountId),
        eq(chats.customerId, customerId),
        or(ne(chats.status, "closed"), gt(chats.closedAt, Date.now() - CLOSED_CHAT_KEPT_MS)),
      ),
    )
    .orderBy(desc(chats.createdAt))
    .get();
  if (!row) return null;
  return departmentRoom(env, accountId, row.departmentId).getChat(row.id);
}
