/**
 * A label chip's colours: the label's own colour as the background (only `#rrggbb`, anything
 * else becomes a neutral grey) and black or white text, whichever contrasts more (WCAG relative
 * luminance), so any colour an administrator picks stays readable.
 */

const HEX = /^#[0-9a-fA-F]{6}$/;
const FALLBACK = "#6b7280";

function channel(hex: string): number {
  const c = parseInt(hex, 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(color: string): number {
  return 0.2126 * channel(color.slice(1, 3)) + 0.7152 * channel(color.slice(3, 5)) + 0.0722 * channel(color.slice(5, 7));
}

/** WCAG contrast ratio of two luminances. */
export function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Background and text colour of a chip for the label colour `color`. */
export function chipColors(color: string): { background: string; color: string } {
  const background = HEX.test(color) ? color.toLowerCase() : FALLBACK;
  const l = luminance(background);
  return { background, color: contrast(l, 0) >= contrast(l, 1) ? "#000000" : "#ffffff" };
}
