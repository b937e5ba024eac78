/**
 * Files for the attachment tests: the smallest headers each format needs (with a known size for
 * images), look-alikes that must be refused, and uploads through the Worker.
 */
import { exports } from "cloudflare:workers";
import { ORIGIN } from "./helpers";

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const pad = (bytes: number[], n = 64) => new Uint8Array([...bytes, ...new Array(n).fill(0)]);

export const files = {
  png: (w = 640, h = 480) => pad([0x89, ...ascii("PNG\r\n"), 0x1a, 0x0a, 0, 0, 0, 13, ...ascii("IHDR"), ...be32(w), ...be32(h), 8, 6, 0, 0, 0]),
  jpeg: (w = 800, h = 600) => pad([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 17, 8, h >> 8, h & 255, w >> 8, w & 255, 3]),
  gif: (w = 32, h = 16) => pad([...ascii("GIF89a"), ...le16(w), ...le16(h), 0, 0, 0]),
  webp: (w = 300, h = 200) => pad([...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WEBPVP8X"), 10, 0, 0, 0, 0, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]),
  pdf: () => new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
  svg: () => new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  html: () => new TextEncoder().encode("<!doctype html><script>alert(1)</script>"),
};

/** A raw upload: the customer's (Bearer token) or an attendant's (session cookie). */
export function upload(
  path: string,
  body: Uint8Array | ReadableStream,
  auth: { token?: string; cookie?: string },
  contentType = "application/octet-stream",
): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": contentType,
    "cf-connecting-ip": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit));
}

/** Path of the customer's upload to their chat. */
export const customerUploadPath = (key: string, chatId: string, clientId: string, name = "foto.png") =>
  `/api/widget/chats/${chatId}/attachments?account=${encodeURIComponent(key)}&clientId=${clientId}&name=${encodeURIComponent(name)}`;

/** Path of an attendant's upload to a chat. */
export const attendantUploadPath = (chatId: string, clientId: string, name = "arquivo.pdf") =>
  `/api/chats/${chatId}/attachments?clientId=${clientId}&name=${encodeURIComponent(name)}`;
