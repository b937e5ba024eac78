/**
 * The contract between the two bundles: the loader (`/widget.js`) creates the panel element
 * that `/widget-panel.js` defines and hands it a `PanelBoot`. Types and two names only: each
 * bundle carries its own code.
 */
import type { WidgetConfigResponse, WidgetMeResponse } from "../worker/views";
import type { Lang } from "./i18n";

/** Tag of the internal panel element (defined by `/widget-panel.js`). */
export const PANEL_TAG = "tomticket-chat-panel";

/** What the loader already knows when it creates the panel. */
export interface PanelBoot {
  /** Public key of the account (`data-account` / `account`). */
  account: string;
  /** Origin of our server, e.g. `https://chat.example.com`. */
  server: string;
  /** Department fixed by the embed, or null to let the customer choose. */
  department: string | null;
  /** Widget configuration, fetched once by the loader. */
  config: Promise<WidgetConfigResponse>;
  /**
   * The customer's session (`GET /api/widget/me`) when a token is stored, else null. Answers
   * from the loader's own check while they are fresh, so the socket token in it is still valid.
   */
  session: () => Promise<WidgetMeResponse | null>;
}

/** The panel element as the loader sees it. */
export interface PanelElement extends HTMLElement {
  boot: PanelBoot | null;
  language: Lang;
  /** Whether the panel is on screen: read receipts are sent only then. */
  visible: boolean;
  /** Moves focus to the first form field or the message input. */
  focusFirst(): void;
}

/** Internal event (not composed): the panel's minimize button asks the loader to hide it. */
export const MINIMIZE_EVENT = "tomticket-chat-minimize";

declare global {
  interface HTMLElementTagNameMap {
    "tomticket-chat-panel": PanelElement;
  }
}
