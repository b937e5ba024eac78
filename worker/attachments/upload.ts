/**
 * One upload, the same for both sides (routes/attachments.ts, routes/widget-attachments.ts):
 * the body is read with a cap (413 past 10 MB), its type decided by its bytes (415 for anything
 * but PNG, JPEG, GIF, WebP and PDF), the file stored in R2 and D1, and only then the message that
 * carries it handed to the department room, which stores and delivers it. A refusal by the room
 * removes the file again; so does a resend the room recognises by its client id.
 */
import { departmentRoom } from "../access";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { ApiError, forbidden, notFound } from "../errors";
import { MAX_ATTACHMENT_BYTES, type WireMessage } from "../../durable-objects/protocol";
import type { AttachmentAuthor } from "../../durable-objects/room-attachments";
import { safeName, sniff } from "./sniff";
import { discardAttachment, storeAttachment, toWireAttachment } from "./store";

export const tooLarge = () => new ApiError(413, "too_large", "Files may have at most 10 MB");

/** The request's body, refused with 413 as soon as it passes the limit (before it is all read). */
export async function readCapped(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_ATTACHMENT_BYTES) throw tooLarge();
  if (!request.body) throw new ApiError(400, "bad_request", "The body must be the file");
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_ATTACHMENT_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (total === 0) throw new ApiError(400, "bad_request", "The file is empty");
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export interface Upload {
  accountId: string;
  chat: { id: string; departmentId: string };
  author: AttachmentAuthor;
  clientId: string;
  name: string | undefined;
}

/** Stores the file and posts its message through the room; the message as the room stored it. */
export async function acceptUpload(env: Env, db: Database, request: Request, upload: Upload): Promise<WireMessage> {
  const bytes = await readCapped(request);
  const sniffed = sniff(bytes);
  if (!sniffed) throw new ApiError(415, "unsupported_type", "Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent");
  const row = await storeAttachment(env, db, {
    accountId: upload.accountId,
    chatId: upload.chat.id,
    uploadedBy: upload.author.role,
    attendantId: upload.author.role === "attendant" ? upload.author.attendantId : null,
    name: safeName(upload.name, sniffed.contentType),
    bytes,
    sniffed,
  });
  const room = departmentRoom(env, upload.accountId, upload.chat.departmentId);
  let result;
  try {
    result = await room.postAttachment({ chatId: upload.chat.id, author: upload.author, clientId: upload.clientId, attachment: toWireAttachment(row) });
  } catch (error) {
    await discardAttachment(env, db, row);
    throw error;
  }
  if (!result.ok || result.duplicate) await discardAttachment(env, db, row);
  if (result.ok) return result.message;
  if (result.code === "chat_closed") throw new ApiError(409, "chat_closed", "The chat is closed");
  if (result.code === "forbidden") throw forbidden("Only the chat's attendant may send files in it");
  throw notFound("No such chat");
}
