/**
 * The contract between the two halves of `<tomticket-chat>`: the loader (`/widget.js`,
 * loader.ts), which draws the launcher as soon as the configuration arrives, and the rest of
 * the element (core.ts, inside `/widget-panel.js`), loaded right after: the panel, the customer's
 * session, the presence poll, the stacking of several embeds, storage and the public events.
 * Types only: each bundle carries its own code.
 */
import type { WidgetConfigCompact } from "../worker/views";
import type { Lang } from "./i18n";
import type { Launcher } from "./launcher";
import type { launcherLook } from "./launcher-styles";

/** What the loader knows and does, shared with the core of the same element. */
export interface LoaderState {
  /** Origin of our server: the `server` attribute, else where `/widget.js` came from. */
  readonly server: string;
  /** The launcher drawn in the element's shadow root. */
  launcher: Launcher;
  /** The last configuration answer (compact). */
  config: WidgetConfigCompact | undefined;
  /** The last configuration request failed (not a 404): the launcher shows, the panel retries. */
  failed: boolean;
  /** Unknown account or department: the element shows nothing, for good. */
  gone: boolean;
  /** When the last configuration answer (or failure) came: the poll counts from it. */
  loadedAt: number;
  /** Fetches the configuration (one request at a time), applies it and paints. */
  load(): Promise<WidgetConfigCompact>;
  /** The configuration's language, else the `lang` attribute's (launcher-place.ts `langOf`). */
  readonly lang: Lang;
  /**
   * The loader's own code that the core uses too, handed over so that the panel's script does not
   * carry a second copy: the launcher's texts in `lang` (open, close, unread) and its look.
   */
  readonly words: readonly [open: string, close: string, unread: string];
  look: typeof launcherLook;
}

/** The rest of one element (core.ts); the loader's public methods and callbacks lead here. */
export interface Core {
  readonly isOpen: boolean;
  open(focus?: boolean): Promise<void>;
  close(): void;
  toggle(): void;
  setCustomer(customer: { name?: string; email?: string; hash?: string }): void;
  /** Draws what depends on state: visibility, look, place among the page's embeds, label, badge. */
  paint(): void;
  /** A configuration answer arrived (maybe the same as the last one). */
  configured(config: WidgetConfigCompact): void;
  connected(): void;
  disconnected(): void;
  /** `lang` or `position` changed. */
  attributeChanged(): void;
}

/** Registered by `/widget-panel.js` (core.ts, as chunks.ts `chunks().core`): makes the core of `host`. */
export type CoreFactory = (host: HTMLElement, state: LoaderState) => Core;
