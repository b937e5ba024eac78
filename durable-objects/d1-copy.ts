/**
 * The statements of the room's write-behind to D1 (d1-sync.ts): a round's messages in one INSERT
 * and its chats in one UPDATE, whatever their number. Each carries its rows as a single JSON
 * parameter that SQLite reads back with `json_each`, so the SQL text is constant (D1's statement
 * cache serves it) and D1's limit of 100 bound parameters per statement no longer splits a round
 * into a dozen statements. Locally D1 answers in the room's own thread, and every statement of a
 * batch was a result object built, serialised and parsed again: one statement per table made
 * the round's D1 work cheaper (npm run bench, README "Scaling"). The column names come from the
 * drizzle schema, so a renamed column still fails the type check.
 */
import { getTableName, type Column } from "drizzle-orm";
import { chatMessages, chats } from "../worker/db/schema";
import type { ChatStatus } from "../worker/db/schema";

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

/** The room's latest state of a chat. */
export interface ChatCopy {
  id: string;
  accountId: string;
  departmentId: string;
  status: ChatStatus;
  attendantId: string | null;
  acceptedAt: number | null;
  closedAt: number | null;
  closedBy: string | null;
  closedByAttendantId: string | null;
  lastSeq: number;
  abandonedAt: number | null;
}

/** Element `i` of the JSON array in `row`, as its SQL value (text, integer or NULL). */
const field = (row: string, i: number) => `json_extract(${row}, '$[${i}]')`;
const quoted = (c: Column) => `"${c.name}"`;

const MESSAGE_COLUMNS = [
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

/**
 * Rows in array order, so D1's rowids follow the stored order as before. `WHERE true` is
 * SQLite's way to tell an upsert from a join's ON after a SELECT. Idempotent by id: a retried
 * copy is ignored, as insertMessages (worker/db/writes.ts) does.
 */
const INSERT_MESSAGES =
  `INSERT INTO "${getTableName(chatMessages)}" (${MESSAGE_COLUMNS.map(quoted).join(", ")}) ` +
  `SELECT ${MESSAGE_COLUMNS.map((_, i) => field("value", i)).join(", ")} FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`;

/** The set columns of a chat copy, by their index in the row (0 and 1 are id and account). */
const CHAT_SET: readonly [Column, number][] = [
  [chats.departmentId, 2],
  [chats.status, 3],
  [chats.attendantId, 4],
  [chats.acceptedAt, 5],
  [chats.closedAt, 6],
  [chats.closedBy, 7],
  [chats.closedByAttendantId, 8],
  [chats.abandonedAt, 10],
];

const CHATS = `"${getTableName(chats)}"`;

/**
 * `last_seq` only grows, whatever order copies arrive in; a chat of another account is never
 * touched. The chats' columns are qualified on the right: json_each has an `id` column too.
 */
const UPDATE_CHATS =
  `UPDATE ${CHATS} SET ${CHAT_SET.map(([c, i]) => `${quoted(c)} = ${field("copy.value", i)}`).join(", ")}, ` +
  `${quoted(chats.lastSeq)} = MAX(${CHATS}.${quoted(chats.lastSeq)}, ${field("copy.value", 9)}) ` +
  `FROM json_each(?) AS copy WHERE ${CHATS}.${quoted(chats.id)} = ${field("copy.value", 0)} AND ${CHATS}.${quoted(chats.accountId)} = ${field("copy.value", 1)}`;

/** One INSERT of every message in `copies` (none when empty). */
export function messagesInsert(d1: D1Database, copies: readonly MessageCopy[]): D1PreparedStatement[] {
  if (copies.length === 0) return [];
  const rows = copies.map((m) => [m.id, m.accountId, m.chatId, m.seq, m.authorType, m.authorId, m.authorName, m.body, m.createdAt, m.internal ? 1 : 0, m.attachmentId]);
  return [d1.prepare(INSERT_MESSAGES).bind(JSON.stringify(rows))];
}

/** One UPDATE of every chat in `copies` to its latest state (none when empty). */
export function chatsUpdate(d1: D1Database, copies: readonly ChatCopy[]): D1PreparedStatement[] {
  if (copies.length === 0) return [];
  const rows = copies.map((c) => [c.id, c.accountId, c.departmentId, c.status, c.attendantId, c.acceptedAt, c.closedAt, c.closedBy, c.closedByAttendantId, c.lastSeq, c.abandonedAt]);
  return [d1.prepare(UPDATE_CHATS).bind(JSON.stringify(rows))];
}
