import type { CompactLook } from "../worker/views";

/**
 * Styles of the loader's shadow root: the launcher button. The panel element sizes and places
 * itself (widget/styles.ts) from the custom properties the loader sets on the host.
 * A plain string (no Lit in the loader). Custom properties are documented on `<tomticket-chat>`.
 *
 * The host page's selectors cannot reach inside the shadow root, but two things still cross
 * it: rules on the element itself (`* { all: revert !important }` matches it) and inherited
 * properties. So `:host` starts from `all: initial` with `!important` (for important rules the
 * shadow tree's own declaration wins over the page's), which also cuts every inherited value
 * (`all` skips only `direction` and custom properties, which are the way in). The font, colour
 * and direction the inside inherits come with core.ts (`hostTextStyles`): the loader's launcher
 * is an icon, with no text to set. Private custom properties (`--tt-p`, `--tt-w`…)
 * carry the account's look, set by the loader; the public ones (`--tt-primary`…) override them.
 * One rule per line; the line continuations keep the newlines out of the string. Only what the
 * launcher needs to be drawn is here, in the loader; `launcherMoreStyles` comes with core.ts.
 */
export const launcherStyles = `:host{all:initial!important;display:block!important;position:fixed!important;z-index:var(--tt-z-index,2147483000)!important}\
:host([hidden]){display:none!important}\
*{box-sizing:border-box}\
[part=launcher]{all:unset;display:grid;place-items:center;position:relative;width:56px;height:56px;border:0;border-radius:50%;background:var(--tt-p);color:var(--tt-op);box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}\
[part=launcher]:focus-visible{outline:3px solid var(--tt-focus,#ffbf47);outline-offset:2px}\
svg{width:28px;height:28px;fill:currentColor}\
[hidden]{display:none!important}`;

/**
 * The launcher's styles that only matter once the rest of the element (core.ts) is here: the
 * close icon and the unread badge (shown only by it), the busy state, the pop-up's place, and
 * the open panel's and the other embeds' launchers on a phone.
 */
export const launcherMoreStyles = `[part=launcher][aria-busy=true]{cursor:progress;opacity:.8}\
[aria-expanded=true] .o,[aria-expanded=false] .x{display:none}\
[part=badge]{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border:2px solid #fff;border-radius:11px;background:var(--tt-badge,#e5484d);color:#fff;font:700 11px/18px system-ui,sans-serif;text-align:center}\
:host([mode=popup]){inset:var(--tt-popup-top,0px) 0 0 0!important}\
@media (max-width:479px){:host([open]) [part=launcher]{display:none}:host([covered]){display:none!important}}`;

/**
 * The font, colour and direction the panel and the badge inherit, once core.ts is here. After
 * the loader's sheet in the shadow root, so that its `all: initial` (same specificity, both
 * important) does not reset them.
 */
export const hostTextStyles = `:host{font:400 14px/1.45 var(--tt-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif)!important;color:var(--tt-text,#1c2024)!important;direction:ltr!important}`;

/** The configuration's values go into a style sheet: accept only what they are meant to be. */
const color = (value: string | undefined, fallback: string): string =>
  value && /^#[0-9a-f]{6}$/i.test(value) ? value : fallback;
const size = (value: number | undefined, fallback: number): number =>
  typeof value === "number" && value >= 200 && value <= 1200 ? Math.round(value) : fallback;

/**
 * The account's (or department's) colours for the launcher as the host's private custom
 * properties, the side it sits on, and `lift`: how far above the corner this launcher sits (a
 * second embed on the same side goes above the first). All the loader draws the launcher with.
 */
export function launcherLook(look: CompactLook | undefined, side: "left" | "right", lift: number): string {
  const other = side === "left" ? "right" : "left";
  return `:host{--tt-p:var(--tt-primary,${color(look?.colors?.primary, "#1a73e8")});--tt-op:var(--tt-on-primary,${color(look?.colors?.onPrimary, "#ffffff")});${side}:var(--tt-offset,20px)!important;${other}:auto!important;bottom:calc(var(--tt-offset,20px) + ${lift}px)!important}`;
}

/**
 * The rest of the look, for the panel (core.ts): its background and size, its side, and how
 * far it sits above the corner: over this launcher (`lift`) and the ones above it (`above`).
 */
export function panelLook(look: CompactLook | undefined, side: "left" | "right", lift: number, above: number): string {
  const other = side === "left" ? "right" : "left";
  return `:host{--tt-bg:var(--tt-surface,${color(look?.colors?.background, "#ffffff")});--tt-w:${size(look?.size?.width, 370)}px;--tt-h:${size(look?.size?.height, 540)}px;--tt-i:${lift + above}px;--tt-a:${above}px}[part=panel]{${side}:0;${other}:auto}`;
}
