/**
 * The room stores a message's file as its wire JSON (`messages.attachment`, room-schema v6);
 * this reads it back, checking each field, for the one serializer (wire.ts) and the D1 copy.
 */
import type { WireAttachment } from "./protocol";

const TYPES = new Set<string>(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);
const dimension = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : null);

/** The stored JSON of a message's file as `{ attachment }`, or `{}` when it carries none (or it is unreadable). */
export function attachmentOf(column: string | null | undefined): { attachment?: WireAttachment } {
  if (!column) return {};
  let value: unknown;
  try {
    value = JSON.parse(column);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null) return {};
  const { id, name, contentType, size, width, height } = value as Record<string, unknown>;
  if (typeof id !== "string" || typeof name !== "string" || typeof size !== "number" || typeof contentType !== "string" || !TYPES.has(contentType)) {
    return {};
  }
  return { attachment: { id, name, contentType: contentType as WireAttachment["contentType"], size, width: dimension(width), height: dimension(height) } };
}

