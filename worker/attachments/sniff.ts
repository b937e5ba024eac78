/**
 * What a file is, decided by its first bytes only: the declared Content-Type and the name are
 * never trusted. Accepted: PNG, JPEG, GIF, WebP and PDF. Everything else (SVG, HTML, scripts,
 * archives…) is refused, since a browser could run it. For images the width and height are read
 * from the header when it says them, so clients can reserve the thumbnail's box before it loads.
 */

/** The types a chat accepts, with the extension a served file's name must end with. */
export const ATTACHMENT_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** The type found and, for an image whose header says them, its pixel size. */
export interface Sniffed {
  contentType: AttachmentType;
  width: number | null;
  height: number | null;
}

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));
const be16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const be32 = (b: Uint8Array, at: number) => be16(b, at) * 65536 + be16(b, at + 2);
const le16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const le24 = (b: Uint8Array, at: number) => le16(b, at) | ((b[at + 2] ?? 0) << 16);

/** A size only when both sides are plausible (a crafted header may say anything). */
function size(width: number, height: number): { width: number | null; height: number | null } {
  const ok = (n: number) => Number.isInteger(n) && n > 0 && n <= 100_000;
  return ok(width) && ok(height) ? { width, height } : { width: null, height: null };
}

/** JPEG: the first start-of-frame marker (SOF0–SOF15 except DHT, JPG and DAC) holds the size. */
function jpegSize(b: Uint8Array) {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return size(0, 0);
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = be16(b, at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return size(be16(b, at + 7), be16(b, at + 5));
    }
    at += 2 + length;
  }
  return size(0, 0);
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) chunk headers. */
function webpSize(b: Uint8Array) {
  if (startsWith(b, ascii("VP8 "), 12)) return size(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
  if (startsWith(b, ascii("VP8L"), 12)) {
    const bits = be32(new Uint8Array([b[24] ?? 0, b[23] ?? 0, b[22] ?? 0, b[21] ?? 0]), 0);
    return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (startsWith(b, ascii("VP8X"), 12)) return size(le24(b, 24) + 1, le24(b, 27) + 1);
  return size(0, 0);
}

/** The accepted type of `bytes` with its size, or null for anything else. */
export function sniff(bytes: Uint8Array): Sniffed | null {
  if (startsWith(bytes, [0x89, ...ascii("PNG\r\n"), 0x1a, 0x0a]) && startsWith(bytes, ascii("IHDR"), 12)) {
    return { contentType: "image/png", ...size(be32(bytes, 16), be32(bytes, 20)) };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { contentType: "image/jpeg", ...jpegSize(bytes) };
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) {
    return { contentType: "image/gif", ...size(le16(bytes, 6), le16(bytes, 8)) };
  }
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { contentType: "image/webp", ...webpSize(bytes) };
  if (startsWith(bytes, ascii("%PDF-"))) return { contentType: "application/pdf", width: null, height: null };
  return null;
}

/**
 * A name safe to show and to put in a Content-Disposition header: no path, no control
 * characters, at most 200 characters, ending with the extension of the type found (so a PNG
 * sent as `page.html` is saved as `page.html.png`).
 */
export function safeName(declared: string | undefined, type: AttachmentType): string {
  const ext = ATTACHMENT_TYPES[type];
  const base = (declared ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, 180);
  const name = base || "arquivo";
  const hasExt = name.toLowerCase().endsWith(`.${ext}`) || (ext === "jpg" && name.toLowerCase().endsWith(".jpeg"));
  return hasExt ? name : `${name}.${ext}`;
}
