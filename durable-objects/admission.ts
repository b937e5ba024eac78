/**
 * Admission: whether the department takes a new chat now, decided by the room (the one source
 * of presence), and the chat's first writes. The order makes a refusal change nothing and an
 * admitted chat impossible to lose:
 *
 * 1. decide (online now?) — refuse with a reason;
 * 2. leave an `admission` timer: if this object dies before step 4, the timer removes the D1
 *    rows that no room holds, instead of a `waiting` chat that nobody can ever see;
 * 3. write the customer and the chat to D1 in one batch (the account's next protocol number);
 * 4. decide again, synchronously with storing the chat here and queueing it: if the last
 *    attendant left during the D1 write, the rows are removed and the chat is refused.
 *
 * Later conditions (shifts, capacity) go in `refusalNow()`.
 */
import { and, eq, exists } from "drizzle-orm";
import { chatLabels as chatLabelRows, chats } from "../worker/db/schema";
import { database } from "../worker/db/client";
import { deleteChat, deleteCustomerWithoutChats, insertChat, insertCustomer, updateCustomerContact } from "../worker/db/writes";
import type { ChatOrigin } from "../worker/db/schema";
import { matchLabels, ruleAppliedLine, type RuleLabel, type RuleMatch } from "../worker/labels/rules";
import { insertChatLabel } from "../worker/labels/store";
import type { WireChat, WireLabel } from "./protocol";
import { chatLabels, setChatLabels } from "./room-labels";
import type { NewChat, RoomStorage } from "./room-storage";
import { toWireChat } from "./wire";
import { previewOf } from "./chat-preview";

/** The timer kind of the orphan check. */
export const ADMISSION = "admission";

/** How long a chat may sit between its D1 write and the room storing it before it counts as orphaned. */
export const ADMISSION_GRACE_MS = 60_000;

export interface OpenChatInput {
  chat: Omit<NewChat, "number"> & { origin: ChatOrigin };
  /** The customer row does not exist yet: it is written with the chat (and removed with it on refusal). */
  customerIsNew: boolean;
  /** The department's initial message, shown first (may be empty). */
  initialMessage: { author: string; body: string } | null;
  firstMessage: string;
  /** The customer's identity was verified (customer hash): the `verified` label condition. */
  verified?: boolean;
  /** Visitor details kept with the chat in D1 only (the console reads them there): browser and page title. */
  visitor?: { userAgent: string | null; pageTitle: string | null };
}

export type Refusal = { code: "department_offline"; message: string } | { code: "department_closed"; message: string; opensAt: number | null };
export type OpenChatResult = { admitted: true; chat: WireChat; created: boolean } | { admitted: false; refusal: Refusal };

/** The orphan check's payload, stored with the timer. */
export interface AdmissionTimer {
  accountId: string;
  chatId: string;
  customerId: string;
  customerIsNew: boolean;
}

/** What admission needs from the room. */
export interface AdmissionRoom {
  db: D1Database;
  storage: RoomStorage;
  sql: SqlStorage;
  /** The account's labels and their rules, and its time zone (loaded before admission: evaluation is synchronous). */
  labelRules(): RuleLabel[];
  timeZone(): string;
  /** Why the department cannot take a chat now, or null when it can. */
  refusalNow(): Refusal | null;
  setTimer(kind: "admission", key: string, dueAt: number, payload: AdmissionTimer): void;
  cancelTimer(kind: "admission", key: string): void;
  /** Called once the chat is stored: D1 sync, queue notifications (`chat` carries its labels: attendants only). */
  queued(chat: WireChat): void;
}

export async function admitChat(room: AdmissionRoom, input: OpenChatInput): Promise<OpenChatResult> {
  const existing = room.storage.chat(input.chat.id);
  if (existing) return { admitted: true, chat: toWireChat(existing), created: false };
  const early = room.refusalNow();
  if (early) return { admitted: false, refusal: early };

  const { chat } = input;
  const orphan: AdmissionTimer = { accountId: chat.accountId, chatId: chat.id, customerId: chat.customer.id, customerIsNew: input.customerIsNew };
  room.setTimer("admission", chat.id, chat.createdAt + ADMISSION_GRACE_MS, orphan);
  const matches = labelsFor(room, input);
  let number: number;
  try {
    number = await writeToD1(room.db, input, matches);
  } catch (error) {
    // The batch is atomic: nothing was written, so nothing is left to clean up.
    room.cancelTimer("admission", chat.id);
    throw error;
  }

  const late = room.refusalNow();
  if (late) {
    await removeOrphan(room.db, orphan);
    room.cancelTimer("admission", chat.id);
    return { admitted: false, refusal: late };
  }
  const row = room.storage.insertChat({ ...chat, number });
  if (input.initialMessage?.body) {
    room.storage.appendMessage(row.id, { type: "system", id: null, name: input.initialMessage.author }, input.initialMessage.body, null, chat.createdAt);
  }
  room.storage.appendMessage(row.id, { type: "customer", id: chat.customer.id, name: chat.customer.name }, input.firstMessage, null, chat.createdAt);
  const labels = recordRuleLabels(room, row.id, matches, chat.createdAt);
  room.cancelTimer("admission", chat.id);
  const wire = toWireChat(room.storage.chat(row.id)!);
  const preview = previewOf(input.firstMessage);
  room.queued(labels.length > 0 ? { ...wire, labels, preview } : { ...wire, preview });
  // The customer's copy: never with labels.
  return { admitted: true, chat: wire, created: true };
}

/** Rótulos: the labels whose rules match the new chat (pure and synchronous: the chat's first message waits for nothing). */
function labelsFor(room: AdmissionRoom, input: OpenChatInput): RuleMatch[] {
  const { chat } = input;
  return matchLabels(room.labelRules(), {
    departmentId: chat.departmentId,
    origin: chat.origin,
    pageUrl: chat.pageUrl,
    customerEmail: chat.customer.email,
    customerName: chat.customer.name,
    firstMessage: input.firstMessage,
    verified: input.verified === true,
    at: chat.createdAt,
    timeZone: room.timeZone(),
  });
}

/** The labels applied by rules, kept with the chat here, each with its attendants-only timeline line. */
function recordRuleLabels(room: AdmissionRoom, chatId: string, matches: RuleMatch[], at: number): WireLabel[] {
  if (matches.length === 0) return [];
  setChatLabels(room.sql, chatId, matches.map(({ label }) => ({ id: label.id, name: label.name, color: label.color })));
  for (const match of matches) {
    room.storage.appendMessage(chatId, { type: "system", id: null, name: "" }, ruleAppliedLine(match), null, at, true);
  }
  return chatLabels(room.sql, chatId);
}

async function writeToD1(d1: D1Database, input: OpenChatInput, matches: RuleMatch[]): Promise<number> {
  const db = database(d1);
  const { chat } = input;
  const customer = { id: chat.customer.id, accountId: chat.accountId, name: chat.customer.name, email: chat.customer.email, at: chat.createdAt };
  const [, inserted] = await db.batch([
    input.customerIsNew ? insertCustomer(db, customer) : updateCustomerContact(db, customer),
    insertChat(db, {
      id: chat.id,
      accountId: chat.accountId,
      departmentId: chat.departmentId,
      customerId: chat.customer.id,
      origin: chat.origin,
      pageUrl: chat.pageUrl,
      createdAt: chat.createdAt,
      userAgent: input.visitor?.userAgent ?? null,
      pageTitle: input.visitor?.pageTitle ?? null,
    }),
    // In the chat's own batch: a chat never exists in D1 without the labels its rules gave it.
    ...matches.map((m) =>
      insertChatLabel(db, { accountId: chat.accountId, chatId: chat.id, labelId: m.label.id, appliedBy: "rule", attendantId: null, rule: m.condition, at: chat.createdAt }),
    ),
  ]);
  const number = inserted[0]?.number;
  if (typeof number !== "number") throw new Error("D1 returned no protocol number");
  return number;
}

/** Removes the D1 rows of a chat that no room holds (refused late, or orphaned by a crash). */
export async function removeOrphan(d1: D1Database, orphan: AdmissionTimer): Promise<void> {
  const db = database(d1);
  // The labels its rules gave it first (foreign key), and only if the chat itself goes.
  const doomed = and(eq(chats.id, orphan.chatId), eq(chats.accountId, orphan.accountId), eq(chats.status, "waiting"), eq(chats.lastSeq, 0));
  const labels = db
    .delete(chatLabelRows)
    .where(and(eq(chatLabelRows.chatId, orphan.chatId), eq(chatLabelRows.accountId, orphan.accountId), exists(db.select({ id: chats.id }).from(chats).where(doomed))));
  if (orphan.customerIsNew) {
    await db.batch([labels, deleteChat(db, orphan.accountId, orphan.chatId), deleteCustomerWithoutChats(db, orphan.accountId, orphan.customerId)]);
  } else {
    await db.batch([labels, deleteChat(db, orphan.accountId, orphan.chatId)]);
  }
}
