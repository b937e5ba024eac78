/**
 * The statements of the room's write-behind to D1 (d1-sync.ts) as D1 prepared statements with
 * constant SQL text. Building the message INSERT with drizzle for every batch walked its query
 * builder each time (about 13 % of the room's CPU in the ceiling's profile), while the text only
 * depends on how many rows it carries: it is built once per row count, from the drizzle schema's
 * own table and column names (a renamed column still fails the type check), and D1 gets the same
 * text again, which its statement cache serves.
 */
import { getTableName } from "drizzle-orm";
import { database } from "../worker/db/client";
import { chatMessages } from "../worker/db/schema";
import { MESSAGES_PER_INSERT, updateChatState, type ChatStateRow } from "../worker/db/writes";

/** One message as D1's chat_messages holds it. */
export interface MessageCopy {
  id: string;
  accountId: string;
  chatId: string;
  seq: number;
  authorType: "customer" | "attendant" | "system";
  authorId: string | null;
  authorName: string;
  body: string;
  createdAt: number;
  internal: boolean;
  attachmentId: string | null;
}

const COLUMNS = [
  chatMessages.id,
  chatMessages.accountId,
  chatMessages.chatId,
  chatMessages.seq,
  chatMessages.authorType,
  chatMessages.authorId,
  chatMessages.authorName,
  chatMessages.body,
  chatMessages.createdAt,
  chatMessages.internal,
  chatMessages.attachmentId,
] as const;

/** The INSERT text for `rows` messages, built on first use. */
const insertTexts: string[] = [];

function insertText(rows: number): string {
  let text = insertTexts[rows];
  if (text === undefined) {
    const row = `(${COLUMNS.map(() => "?").join(", ")})`;
    const columns = COLUMNS.map((c) => `"${c.name}"`).join(", ");
    // Idempotent by id: a retried copy is ignored, as insertMessages (worker/db/writes.ts) does.
    text = `INSERT INTO "${getTableName(chatMessages)}" (${columns}) VALUES ${Array.from({ length: rows }, () => row).join(", ")} ON CONFLICT DO NOTHING`;
    insertTexts[rows] = text;
  }
  return text;
}

/** INSERTs of `copies`, {@link MESSAGES_PER_INSERT} rows each (D1 binds at most 100 parameters). */
export function messageInserts(d1: D1Database, copies: readonly MessageCopy[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < copies.length; i += MESSAGES_PER_INSERT) {
    const part = copies.slice(i, i + MESSAGES_PER_INSERT);
    const values: (string | number | null)[] = [];
    for (const m of part) {
      values.push(m.id, m.accountId, m.chatId, m.seq, m.authorType, m.authorId, m.authorName, m.body, m.createdAt, m.internal ? 1 : 0, m.attachmentId);
    }
    statements.push(d1.prepare(insertText(part.length)).bind(...values));
  }
  return statements;
}

/** The chat's latest state (worker/db/writes.ts updateChatState), as a D1 statement for the same batch. */
export function chatUpdate(d1: D1Database, row: ChatStateRow): D1PreparedStatement {
  const { sql, params } = updateChatState(database(d1), row).toSQL();
  return d1.prepare(sql).bind(...params);
}
