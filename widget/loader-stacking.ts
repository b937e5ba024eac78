/**
 * Where a launcher sits when a page has several (one embed per department): launchers on the
 * same side stack upwards in page order, and an open panel sits above the topmost of them so
 * that no other launcher covers its send button. Below 480 px the open panel is full screen
 * and its own launcher hides (launcher-styles.ts, styles.ts); the others keep their places.
 */
import type { CompactLook } from "../worker/views";

export type Side = "left" | "right";

/** Height of one launcher and its gap. */
const STACK_PX = 72;

/** The resolved side: the `position` attribute, else the console's setting, else right. */
export function sideOf(position: string, look: CompactLook | undefined): Side {
  return position === "left" || (position !== "right" && look?.position === "left") ? "left" : "right";
}

/**
 * Where `element`'s launcher sits on `side`: `[lift, above]`, its lift over the launchers before
 * it on that side, and the room the ones after it take (px). `sideOfOther` gives the side of
 * another shown launcher of the page, or null for one that takes no place (hidden, pop-up).
 */
export function stackOf(element: Element, side: Side, sideOfOther: (other: Element) => Side | null): [lift: number, above: number] {
  let before = 0;
  let after = 0;
  for (const other of document.querySelectorAll(element.localName)) {
    if (other === element || sideOfOther(other) !== side) continue;
    if (other.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) before++;
    else after++;
  }
  return [before * STACK_PX, after * STACK_PX];
}
