/**
 * The launcher's DOM: the round button with its two icons and the unread badge, drawn once in
 * the element's shadow root as a string (no Lit in the loader), then relabelled as the state
 * changes. The only data in it are fixed texts and a count. The loader draws the button, its chat
 * icon and the (hidden) badge; the rest of the element (core.ts) adds the close icon and the
 * styles only it needs (`completeLauncher`).
 */
import type { Lang } from "./i18n";
import { hostTextStyles, launcherMoreStyles, launcherStyles } from "./launcher-styles";

/** The host's own sheet until the configuration is known: nothing shows. */
export const HIDDEN = ":host{display:none!important}";

const chatIcon =
  '<svg class="o" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 3h12a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3h-8l-5 4v-4.2A3 3 0 0 1 3 15V6a3 3 0 0 1 3-3z"/></svg>';
const closeIcon =
  '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2"/></svg>';

export interface Launcher {
  /** The host's sheet: look, side and place (loader-stacking.ts), or `HIDDEN`. */
  sheet: HTMLStyleElement | undefined;
  /** Null in the pop-up, which has no launcher. */
  button: HTMLButtonElement | null;
  badge: HTMLElement | null;
}

/** Fills the shadow root: the launcher's styles, the host's sheet and, unless `popup`, the button. */
export function drawLauncher(root: ShadowRoot, popup: boolean): Launcher {
  root.innerHTML =
    `<style>${launcherStyles}</style><style>${HIDDEN}</style>` +
    (popup ? "" : `<button part="launcher" type="button" aria-expanded="false">${chatIcon}<span part="badge" aria-hidden="true" hidden></span></button>`);
  return { sheet: root.querySelectorAll("style")[1], button: root.querySelector("button"), badge: root.querySelector("span") };
}

/** The close icon and the styles of the rest of the element (core.ts), once. */
export function completeLauncher(root: ShadowRoot | null, { button }: Launcher): void {
  root?.prepend(Object.assign(document.createElement("style"), { textContent: launcherMoreStyles }));
  root?.append(Object.assign(document.createElement("style"), { textContent: hostTextStyles }));
  button?.querySelector("svg")?.insertAdjacentHTML("afterend", closeIcon);
}

/** The launcher's first label, in the loader (closed, nothing unread). */
export function labelFirst({ button }: Launcher, lang: Lang, openText: string): void {
  if (!button) return;
  button.lang = lang;
  button.setAttribute("aria-label", openText);
}

/**
 * The button's label (open or close, with the unread count) and the badge; no badge while open.
 * `words`: the launcher's texts in `lang` (i18n.ts `launcherText`).
 */
export function labelLauncher(
  { button, badge }: Launcher,
  lang: Lang,
  words: readonly [open: string, close: string, unread: string],
  open: boolean,
  unread: number,
): void {
  if (!button || !badge) return;
  const [openText, closeText, unreadText] = words;
  const count = open ? 0 : unread;
  button.lang = lang;
  button.setAttribute("aria-expanded", String(open));
  button.setAttribute("aria-label", open ? closeText : count ? `${openText} (${unreadText}: ${count})` : openText);
  badge.hidden = !count;
  badge.textContent = count > 99 ? "99+" : String(count);
}
