/**
 * Chat attachments in R2 (`<account id>/<chat id>/<id>`) and D1 (`chat_attachments`): storing
 * one before its message is acknowledged, reading them back for the one read path
 * (chat-reads.ts), and deleting those of chats that go away (forget-customer.ts, retention.ts).
 * Deletions remove the R2 objects first: a failure then leaves rows that a repeat finds again,
 * never objects that nothing points at.
 */
import { and, eq, inArray, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../db/client";
import { chatAttachments } from "../db/schema";
import type { Env } from "../env";
import type { WireAttachment } from "../../durable-objects/protocol";
import type { Sniffed } from "./sniff";

type AttachmentRow = typeof chatAttachments.$inferSelect;

/** R2 deletes at most this many keys per call. */
const R2_DELETE_MAX = 1000;

/** The one conversion of a row to the wire. */
export function toWireAttachment(row: Pick<AttachmentRow, "id" | "name" | "contentType" | "size" | "width" | "height">): WireAttachment {
  return {
    id: row.id,
    name: row.name,
    contentType: row.contentType as WireAttachment["contentType"],
    size: row.size,
    width: row.width,
    height: row.height,
  };
}

export interface NewAttachment {
  accountId: string;
  chatId: string;
  uploadedBy: "customer" | "attendant";
  attendantId: string | null;
  name: string;
  bytes: Uint8Array;
  sniffed: Sniffed;
}

/** Writes the object, then its row; the row's id names the object. */
export async function storeAttachment(env: Env, db: Database, input: NewAttachment): Promise<AttachmentRow> {
  const id = crypto.randomUUID();
  const row: AttachmentRow = {
    id,
    accountId: input.accountId,
    chatId: input.chatId,
    uploadedBy: input.uploadedBy,
    attendantId: input.attendantId,
    objectKey: `${input.accountId}/${input.chatId}/${id}`,
    contentType: input.sniffed.contentType,
    size: input.bytes.byteLength,
    name: input.name,
    width: input.sniffed.width,
    height: input.sniffed.height,
    createdAt: Date.now(),
  };
  await env.ATTACHMENTS.put(row.objectKey, input.bytes, { httpMetadata: { contentType: row.contentType } });
  try {
    await db.insert(chatAttachments).values(row);
  } catch (error) {
    await env.ATTACHMENTS.delete(row.objectKey);
    throw error;
  }
  return row;
}

/** Removes a stored attachment whose message was refused (or was a resend). */
export async function discardAttachment(env: Env, db: Database, row: AttachmentRow): Promise<void> {
  await env.ATTACHMENTS.delete(row.objectKey);
  await db.delete(chatAttachments).where(and(eq(chatAttachments.id, row.id), eq(chatAttachments.accountId, row.accountId)));
}

/** One attachment of one chat of the account, or undefined. */
export function attachmentOfChat(db: Database, accountId: string, chatId: string, id: string) {
  return db
    .select()
    .from(chatAttachments)
    .where(and(eq(chatAttachments.id, id), eq(chatAttachments.accountId, accountId), eq(chatAttachments.chatId, chatId)))
    .get();
}

/** The attachments of a chat by id, for messages read from D1. */
export async function attachmentsOfChat(db: Database, accountId: string, chatId: string): Promise<Map<string, WireAttachment>> {
  const rows = await db
    .select()
    .from(chatAttachments)
    .where(and(eq(chatAttachments.accountId, accountId), eq(chatAttachments.chatId, chatId)));
  return new Map(rows.map((r) => [r.id, toWireAttachment(r)]));
}

/**
 * Deletes the R2 objects of the account's chats chosen by `chatIds` (a subquery), and returns
 * the D1 statement that deletes their rows, for the caller's batch (before the chats go). It is
 * wrapped: a drizzle query is a thenable, which an async function would run when returning it.
 */
export async function purgeChatAttachments(bucket: R2Bucket, db: Database, accountId: string, chatIds: SQLWrapper) {
  const ofChats = and(eq(chatAttachments.accountId, accountId), inArray(chatAttachments.chatId, chatIds));
  const keys = (await db.select({ key: chatAttachments.objectKey }).from(chatAttachments).where(ofChats)).map((r) => r.key);
  for (let i = 0; i < keys.length; i += R2_DELETE_MAX) await bucket.delete(keys.slice(i, i + R2_DELETE_MAX));
  return { deleteRows: db.delete(chatAttachments).where(ofChats) };
}
