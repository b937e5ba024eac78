/**
 * The contract between the two bundles: the loader (`/widget.js`) creates the panel element
 * that `/widget-panel.js` defines and hands it a `PanelBoot`. Types and two names only: each
 * bundle carries its own code.
 */
import type { CompactLook, WidgetConfigCompact, WidgetMeResponse } from "../worker/views";
import type { Lang } from "./i18n";

/** Tag of the internal panel element (defined by `/widget-panel.js`). */
export const PANEL_TAG = "tomticket-chat-panel";

/** What the loader knows and does for the panel. */
export interface PanelBoot {
  /** The `<tomticket-chat>` element: the panel reads `name`, `email`, `customer-hash`, `sound` from it. */
  host: HTMLElement;
  /** Public key of the account (`data-account` / `account`). */
  account: string;
  /** Origin of our server, e.g. `https://chat.example.com`. */
  server: string;
  /** Department fixed by the embed, or null to let the customer choose. */
  department: string | null;
  /** `mode="popup"`: the chat is the whole page; no launcher, no minimize, no pop-out. */
  popup: boolean;
  /**
   * The widget configuration: the loader's copy, or a new request when it has none (the
   * first one failed). Later changes arrive through `PanelElement.config`. Both are the compact
   * form (`?compact=1`: what equals the defaults is left out), read as such by the panel.
   */
  config(): Promise<WidgetConfigCompact>;
  /**
   * The customer's session (`GET /api/widget/me`) when a token is stored, else null. Answers
   * from the loader's own check while it is fresh (its socket token is still valid), unless
   * `force` (the token just changed).
   */
  session(force?: boolean): Promise<WidgetMeResponse | null>;
  /** Colours and size of the department being chosen or chatted with; undefined: the embed's own. */
  setLook(look: CompactLook | undefined): void;
  /** What the launcher shows: unread attendant messages, and whether a chat is open. */
  report(unread: number, chatOpen: boolean): void;
}

/** The panel element as the loader sees it. */
export interface PanelElement extends HTMLElement {
  boot: PanelBoot | null;
  language: Lang;
  /** Whether the panel is on screen: read receipts are sent only then. */
  visible: boolean;
  /** A newer configuration (presence or look changed). */
  config: WidgetConfigCompact | null;
  /** Moves focus to the first form field or the message input. */
  focusFirst(): void;
  /** The stored customer changed (another tab, `setCustomer`): load the session again. */
  reload(): void;
}

/** Internal event (not composed): the panel's minimize button asks the loader to hide it. */
export const MINIMIZE_EVENT = "tomticket-chat-minimize";

declare global {
  interface HTMLElementTagNameMap {
    "tomticket-chat-panel": PanelElement;
  }
}
