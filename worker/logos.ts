/**
 * Department logos for the pop-up chat, kept in R2 (`LOGOS`). The type is decided by the
 * file's first bytes only, never by its name or the request's Content-Type: PNG, JPEG and WebP
 * are taken; SVG never is (it can carry script, and it would run on our origin). Object names
 * are `<account id>/<sha-256 of the bytes>.<ext>`, so a URL names one content forever and is
 * served `immutable`.
 */
import { and, eq, or } from "drizzle-orm";
import { database } from "./db/client";
import { departments } from "./db/schema";
import { ApiError } from "./errors";

/** Larger than any sensible logo; keeps the pop-up page light. */
export const MAX_LOGO_BYTES = 256 * 1024;

export const LOGO_VARIANTS = ["online", "offline"] as const;
export type LogoVariant = (typeof LOGO_VARIANTS)[number];

export const LOGO_TYPES = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" } as const;
export type LogoExt = keyof typeof LOGO_TYPES;

/** `<account id>/<64 hex>.<ext>`: the only object names this module writes or serves. */
export const LOGO_FILE = /^[0-9a-f]{64}\.(png|jpg|webp)$/;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

function startsWith(bytes: Uint8Array, signature: number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
}

/** The image type the bytes really are, or null for anything else (SVG, text, GIF…). */
export function sniffImage(bytes: Uint8Array): LogoExt | null {
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpg";
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "webp";
  return null;
}

export const tooLarge = () => new ApiError(413, "too_large", `The image is larger than ${MAX_LOGO_BYTES / 1024} KB`);
export const unsupportedImage = () => new ApiError(415, "unsupported_image", "The image must be PNG, JPEG or WebP");

/**
 * The request body, refused with 413 as soon as it passes `max` bytes: a body without (or with
 * a false) Content-Length is never read further than the limit.
 */
export async function readLimited(request: Request, max = MAX_LOGO_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > max) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Stores the image (idempotent: the same bytes give the same name) and returns its object name. */
export async function storeLogo(bucket: R2Bucket, accountId: string, bytes: Uint8Array<ArrayBuffer>, ext: LogoExt): Promise<string> {
  const name = `${accountId}/${await sha256Hex(bytes)}.${ext}`;
  await bucket.put(name, bytes, { httpMetadata: { contentType: LOGO_TYPES[ext] } });
  return name;
}

/** The public path of a stored logo (served by this Worker, so the pop-up page's `img-src 'self'` allows it). */
export function logoUrl(objectName: string | null): string | null {
  return objectName === null ? null : `/logos/${objectName}`;
}

/**
 * Deletes a logo no department of the account uses any more. Departments share an object
 * when they use the same image, so it is only removed once the last reference is gone.
 */
export async function releaseLogo(env: { DB: D1Database; LOGOS: R2Bucket }, accountId: string, objectName: string | null): Promise<void> {
  if (objectName === null) return;
  const inUse = await database(env.DB)
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.accountId, accountId), or(eq(departments.logoOnline, objectName), eq(departments.logoOffline, objectName))))
    .limit(1)
    .get();
  if (!inUse) await env.LOGOS.delete(objectName);
}
