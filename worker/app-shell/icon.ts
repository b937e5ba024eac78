/**
 * The app's icon, drawn in the account's colour: a white speech bubble (dark on a very light
 * colour) with three dots on a field of the primary colour. The plain icon has transparent
 * rounded corners; the maskable one fills the whole square and keeps the bubble inside the
 * central 80 % safe zone, since the launcher crops it to a circle or a squircle.
 */
import { encodePng, type RgbaImage } from "./png";

/** The icons the manifest lists: `any` at both sizes the browsers ask for, and a maskable one. */
export const ICONS = [
  { name: "icon-192.png", size: 192, maskable: false },
  { name: "icon-512.png", size: 512, maskable: false },
  { name: "icon-maskable-512.png", size: 512, maskable: true },
] as const;
export type IconName = (typeof ICONS)[number]["name"];

type Rgb = [number, number, number];
type Rgba = [number, number, number, number];
const WHITE: Rgba = [255, 255, 255, 255];
const INK: Rgba = [31, 41, 51, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** `#1a73e8` → [26, 115, 232] (the look's colours are validated as `#rrggbb`). */
export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return Number.isNaN(n) ? [26, 115, 232] : [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Whether (x, y) lies inside the rounded rectangle [x0, x1) × [y0, y1) with corner radius r. */
function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The bubble's tail: a triangle under the bubble's lower left part. */
function inTail(x: number, y: number, s: number, top: number): boolean {
  const depth = 0.14 * s;
  if (y < top || y > top + depth) return false;
  const t = (y - top) / depth; // 0 at the bubble, 1 at the tip
  const left = 0.3 * s;
  const right = 0.46 * s - t * 0.16 * s;
  return x >= left && x <= right;
}

/** What colour the pixel at (x, y) of an icon of size `size` is. */
/** The bubble's colour: white, unless the account's colour is so light that white would vanish on it. */
function bubbleOn([r, g, b]: Rgb): Rgba {
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return luminance > 0.7 ? INK : WHITE;
}

function pixelAt(x: number, y: number, size: number, maskable: boolean, primary: Rgba, bubble: Rgba): Rgba {
  // The maskable icon's drawing is scaled into the safe zone; the plain one uses more of the square.
  const scale = maskable ? 0.7 : 0.86;
  const s = size * scale;
  const offset = (size - s) / 2;
  if (!maskable && !inRoundedRect(x, y, 0, 0, size, size, size * 0.2)) return CLEAR;
  const u = x - offset;
  const v = y - offset;
  const bubbleTop = 0.16 * s;
  const bubbleBottom = 0.7 * s;
  const inBubble = inRoundedRect(u, v, 0.1 * s, bubbleTop, 0.9 * s, bubbleBottom, 0.14 * s) || inTail(u, v, s, bubbleBottom - 1);
  if (!inBubble) return primary;
  const dotY = (bubbleTop + bubbleBottom) / 2;
  for (const dotX of [0.32, 0.5, 0.68]) if ((u - dotX * s) ** 2 + (v - dotY) ** 2 <= (0.055 * s) ** 2) return primary;
  return bubble;
}

/** The icon's pixels. */
export function drawIcon(size: number, maskable: boolean, primaryHex: string): RgbaImage {
  const rgb = hexToRgb(primaryHex);
  const primary: Rgba = [...rgb, 255];
  const bubble = bubbleOn(rgb);
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) pixels.set(pixelAt(x + 0.5, y + 0.5, size, maskable, primary, bubble), (y * size + x) * 4);
  }
  return { width: size, height: size, pixels };
}

/**
 * Encoded icons kept per isolate: drawing and compressing a 512 px icon costs a few
 * milliseconds, and an account's colour rarely changes. Bounded so that many accounts (or
 * many colours) cannot grow it without limit.
 */
const cache = new Map<string, Promise<Uint8Array>>();
const CACHE_LIMIT = 60;

/** The PNG bytes of one of the ICONS in `primaryHex`. */
export function iconPng(name: IconName, primaryHex: string): Promise<Uint8Array> {
  const key = `${name}:${primaryHex.toLowerCase()}`;
  let png = cache.get(key);
  if (!png) {
    const icon = ICONS.find((i) => i.name === name)!;
    png = encodePng(drawIcon(icon.size, icon.maskable, primaryHex));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, png);
    png.catch(() => cache.delete(key));
  }
  return png;
}
