/**
 * Full-screen helpers for small screens and the pop-up. On phones the on-screen keyboard
 * shrinks the visual viewport but not `100dvh` (iOS Safari): the panel follows the visual
 * viewport so the message input stays above the keyboard. And while the panel covers the
 * whole screen, Tab cycles inside it.
 */

/** Below this width the open chat is full screen (the same breakpoint as the loader's CSS). */
export const SMALL_SCREEN = 480;

/** Keeps `--tt-vvh` / `--tt-vvt` on `target` equal to the visual viewport; returns the stop function. */
export function followVisualViewport(target: HTMLElement): () => void {
  const viewport = window.visualViewport;
  if (!viewport) return () => undefined;
  const update = (): void => {
    target.style.setProperty("--tt-vvh", `${viewport.height}px`);
    target.style.setProperty("--tt-vvt", `${viewport.offsetTop}px`);
  };
  update();
  viewport.addEventListener("resize", update);
  viewport.addEventListener("scroll", update);
  return () => {
    viewport.removeEventListener("resize", update);
    viewport.removeEventListener("scroll", update);
  };
}

const FOCUSABLE = "a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled])";

/** Tab from the last focusable element goes to the first, Shift+Tab from the first to the last. */
export function trapTab(event: KeyboardEvent, root: ShadowRoot): void {
  if (event.key !== "Tab") return;
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((item) => item.getClientRects().length > 0);
  const first = items[0];
  const last = items[items.length - 1];
  const active = root.activeElement;
  if (!first || !last) return;
  if (event.shiftKey ? active === first : active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}
