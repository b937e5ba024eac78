/**
 * The console's attachment calls: an upload (the file as the raw body) and signed URLs, kept
 * until shortly before they expire so that a list of thumbnails asks once per file.
 */
import type { AttachmentUploadResponse, AttachmentUrlResponse } from "../worker/views-attachments";
import { request } from "./api";

/** A URL this close to its expiry is fetched again (it may expire before the browser uses it). */
const MARGIN_MS = 30_000;
const urls = new Map<string, Promise<AttachmentUrlResponse>>();

/** Sends `file` in the chat; the message also arrives live on the department's socket. */
export function uploadAttachment(chatId: string, file: File, clientId: string): Promise<AttachmentUploadResponse> {
  const query = new URLSearchParams({ clientId, name: file.name });
  return request<AttachmentUploadResponse>("POST", `/api/chats/${encodeURIComponent(chatId)}/attachments?${query}`, file);
}

/** A signed URL for one file of a chat, fresh enough to be used now. */
export async function attachmentUrl(chatId: string, id: string): Promise<string> {
  const key = `${chatId}/${id}`;
  let pending = urls.get(key);
  const cached = pending ? await pending.catch(() => null) : null;
  if (!cached || cached.expiresAt - MARGIN_MS < Date.now()) {
    pending = request<AttachmentUrlResponse>("GET", `/api/chats/${encodeURIComponent(chatId)}/attachments/${encodeURIComponent(id)}`);
    urls.set(key, pending);
    pending.catch(() => urls.delete(key));
  }
  return (await pending!).url;
}

/** "1,2 MB", "830 kB": a file's size for people. */
export function formatSize(bytes: number, locale: string): string {
  const format = (n: number, unit: string) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n)} ${unit}`;
  if (bytes >= 1024 * 1024) return format(bytes / (1024 * 1024), "MB");
  return format(Math.max(1, Math.round(bytes / 1024)), "kB");
}
