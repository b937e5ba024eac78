/**
 * What both halves of `<tomticket-chat>` (loader.ts and core.ts) read from the element and its
 * configuration to draw the launcher: whether it shows, its look and its language.
 */
import type { CompactLook, WidgetConfigCompact } from "../worker/views";
import type { LoaderState } from "./core-contract";
import { pickLang, type Lang } from "./i18n";

/** The department the embed fixes, or null: the customer chooses. */
export const fixedDepartment = (host: Element): string | null => host.getAttribute("department") || null;

/** The embed's look: its fixed department's, else the account's (undefined: the defaults). */
export function baseLook(host: Element, config: WidgetConfigCompact | undefined): CompactLook | undefined {
  const fixed = fixedDepartment(host);
  return (fixed && config?.departments.find((d) => d.id === fixed)?.look) || config?.look;
}

/** The configuration's language (the server reads `lang` like pickLang, else the account's), so labels and custom texts agree. */
export const langOf = (host: Element, config: WidgetConfigCompact | undefined): Lang => config?.lang ?? pickLang(host.getAttribute("lang"));

/**
 * Whether the launcher (or the pop-up) is on the page: once the configuration answered (or
 * failed, not gone), unless `hide-when-offline` and nobody is online. `busy`: the panel is open
 * or a chat is on, which keeps it shown.
 */
export function isShown(host: Element, state: LoaderState, busy: boolean): boolean {
  const { config, failed } = state;
  if (state.gone || (!config && !failed)) return false;
  // The department (or, when choosing, any department) has an attendant online.
  const fixed = fixedDepartment(host);
  const online = !failed && !!config?.departments.some((d) => d.online && (!fixed || d.id === fixed));
  return busy || host.getAttribute("mode") === "popup" || !host.hasAttribute("hide-when-offline") || online;
}
