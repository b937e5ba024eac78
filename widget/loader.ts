/**
 * `/widget.js`: the small first script a customer's site loads, everything that must run before
 * the launcher is visible: it fetches the widget configuration (first of all), defines
 * `<tomticket-chat>` (plain custom element, no Lit), reads its attributes and draws the launcher.
 * After the first answer, once the page is idle (or on a click), it loads `/widget-panel.js`,
 * the panel with the rest of the element (core.ts: opening it, the customer's session, the
 * presence poll, the stacking of several embeds, storage, the public events); a method called
 * before then waits for it.
 *
 * Embedding: `<script src="https://SERVER/widget.js" data-account="KEY" async></script>` creates
 * the element and appends it to `<body>`; every attribute of the element can be given as
 * `data-<attribute>` on the script. Loading the script twice is harmless; two scripts for two
 * departments of one account give two elements.
 */
import type { WidgetConfigCompact } from "../worker/views";
import { chunks, loadScript } from "./chunks";
import type { Core, LoaderState } from "./core-contract";
import { launcherText } from "./i18n";
import { drawLauncher, HIDDEN, labelFirst } from "./launcher";
import { baseLook, fixedDepartment, isShown, langOf } from "./launcher-place";
import { launcherLook } from "./launcher-styles";
import { fetchConfig, isGone, warn } from "./loader-config";
import { sideOf } from "./loader-stacking";

const TAG = "tomticket-chat";

const script = document.currentScript;
/** Origin of our server: where this very script came from. */
const scriptOrigin =
  script instanceof HTMLScriptElement && script.src ? new URL(script.src).origin : location.origin;

// The configuration is asked for first of all, before the element is defined and drawn: the
// launcher waits for its answer (fetchConfig hands it to the element's first request).
/** The embedding script's `data-*` (loader.ts mounts the element from them, at the end). */
const data = script instanceof HTMLScriptElement ? script.dataset : undefined;
if (data?.account) void fetchConfig(data.server || scriptOrigin, data.account, data.department, data.lang, true);

/**
 * The chat widget: a launcher at a bottom corner that opens the chat panel over the page, or
 * with `mode="popup"` the chat as the whole page.
 *
 * @attr account - public key of the account (required, read once)
 * @attr server - origin of the chat server; defaults to the origin `/widget.js` was loaded from
 * @attr department - id of a department: the customer then does not choose one
 * @attr position - `right` or `left`; overrides the position set in the console
 * @attr mode - `popup`: full-page chat, open, without launcher (the `/chat/<key>` page)
 * @attr auto-open - open the panel on load (unless the customer closed it in this tab)
 * @attr hide-when-offline - no launcher while the department (or, when choosing, every one) is offline
 * @attr lang - `pt-BR`, `en` or `es`; without it, the account's locale
 * @attr origin - the surface a chat starts from (`widget`, `popup`, `customer_panel`,
 *   `knowledge_base`, `app`); set by the pages we host, default `widget` (`popup` in pop-up mode)
 * @attr name, email - the customer's, when the site knows them: those form fields are skipped
 * @attr customer-hash - HMAC of `email` by the site's server: the customer is verified and sees
 *   past chats (`setCustomer()` changes the three at once)
 * @attr sound - a short beep on new attendant messages while the panel is closed or the tab hidden
 * @attr open - present while the panel is shown (set by the element; read-only)
 * @attr covered - present while another embed of the page shows its panel (set by the element;
 *   read-only): below 480 px that panel is full screen, and this launcher hides
 *
 * Methods: `open()`, `close()`, `toggle()`, `setCustomer({ name, email, hash })`; `isOpen`.
 *
 * @fires tomticket-chat:opened - the panel was shown
 * @fires tomticket-chat:closed - the panel was hidden
 * @fires tomticket-chat:chat-started - `{ chatId, departmentId }`
 * @fires tomticket-chat:message - the new message (a `WireMessage`)
 * @fires tomticket-chat:chat-ended - `{ chatId, closedBy }`
 * (bubbling and composed: listen on the element or on `document`)
 *
 * @csspart launcher - the round button
 * @csspart badge - the unread count on the launcher
 * @csspart panel - the box the chat panel lives in
 * (the panel's own parts are exported too: see widget/panel.ts)
 *
 * @cssprop --tt-primary - brand colour (launcher, header, customer bubbles, buttons); default: the console's
 * @cssprop --tt-on-primary - text on the brand colour; default: the console's
 * @cssprop --tt-surface - panel background; default: the console's
 * @cssprop --tt-text - text colour
 * @cssprop --tt-font - font family
 * @cssprop --tt-radius - corner radius of the panel
 * @cssprop --tt-offset - distance from the window's corner
 * @cssprop --tt-z-index - stacking order
 * @cssprop --tt-badge - colour of the unread badge
 * @cssprop --tt-focus - focus ring colour
 */
export class TomticketChat extends HTMLElement {
  static observedAttributes = ["lang", "position"];

  /** Set on the first connection (with an account): until then the element does nothing. */
  #state: LoaderState | undefined;
  #loading: Promise<WidgetConfigCompact> | undefined;
  #core: Core | undefined;
  #coreLoading: Promise<Core> | undefined;

  get #server(): string {
    return (this.getAttribute("server") || scriptOrigin).replace(/\/+$/, "");
  }

  /** Whether the panel is shown. */
  get isOpen(): boolean {
    return !!this.#core?.isOpen;
  }

  connectedCallback(): void {
    if (!this.#state) {
      const account = this.getAttribute("account");
      if (!account) return warn("no account attribute");
      const launcher = drawLauncher(this.attachShadow({ mode: "open" }), this.getAttribute("mode") === "popup");
      launcher.button?.addEventListener("click", () => this.toggle());
      const server = () => this.#server;
      const host = this;
      this.#state = {
        get server() {
          return server();
        },
        launcher,
        config: undefined,
        failed: false,
        gone: false,
        loadedAt: 0,
        load: () => this.#load(account),
        get lang() {
          return langOf(host, this.config);
        },
        get words() {
          return launcherText[this.lang];
        },
        look: launcherLook,
      };
      // The rest of the element comes after the first answer, whatever it was, once the page is
      // idle, at most 2 s later (a click loads it at once): its script's evaluation then holds up
      // neither the launcher's first frame nor the host page's own work. Without
      // `requestIdleCallback` (Safari) a timer runs it at once (the options mean no delay).
      void this.#load(account)
        .catch(() => undefined)
        .then(() => (window.requestIdleCallback || setTimeout)(() => this.#withCore()?.catch(() => undefined), { timeout: 2000 }));
    }
    this.#core?.connected();
  }

  disconnectedCallback(): void {
    this.#core?.disconnected();
  }

  attributeChangedCallback(): void {
    this.#paint();
    this.#core?.attributeChanged();
  }

  /** Shows the panel (loading it first if need be) and moves focus into it. */
  async open(focus = true): Promise<void> {
    return (await this.#withCore()?.catch(() => undefined))?.open(focus);
  }

  /** Hides the panel; the chat goes on (and the launcher counts new messages). */
  close(): void {
    this.#core?.close();
  }

  /** Opens the panel if it is closed, closes it if it is open. */
  toggle(): void {
    void this.#withCore()?.then((core) => core.toggle(), () => undefined);
  }

  /**
   * Tells the widget who the customer is, as the `name`, `email` and `customer-hash`
   * attributes do (e.g. after the customer signs in on the site). Omitted fields are removed;
   * without a hash (the customer signed out) a verified customer's session is forgotten.
   */
  setCustomer(customer: { name?: string; email?: string; hash?: string }): void {
    void this.#withCore()?.then((core) => core.setCustomer(customer), () => undefined);
  }

  /**
   * The core of this element, loading `/widget-panel.js` first (once per page); undefined before
   * the first connection. A script that failed to load is tried again on the next call (the
   * callers then do nothing, as a click on a launcher whose panel cannot load did before).
   */
  #withCore(): Promise<Core> | undefined {
    const state = this.#state;
    if (!state) return undefined;
    return (this.#coreLoading ??= loadScript(this.#server + "/widget-panel.js").then(
      () => {
        const core = (this.#core = chunks().core!(this, state));
        if (this.isConnected) core.connected();
        core.paint();
        return core;
      },
      (error: unknown) => {
        this.#coreLoading = undefined;
        throw error;
      },
    ));
  }

  /** Fetches the configuration (one request at a time) and applies it. */
  #load(account: string): Promise<WidgetConfigCompact> {
    const state = this.#state!;
    return (this.#loading ??= fetchConfig(this.#server, account, fixedDepartment(this), this.getAttribute("lang"))
      .then(
        (config) => {
          state.failed = false;
          state.config = config;
          this.#core?.configured(config);
          return config;
        },
        (error: unknown) => {
          if (isGone(error)) state.gone = true;
          else state.failed = true;
          throw error;
        },
      )
      .finally(() => {
        this.#loading = undefined;
        state.loadedAt = Date.now();
        this.#paint();
      }));
  }

  /** The launcher alone until the core is here (which also places it among the page's embeds). */
  #paint(): void {
    const state = this.#state;
    if (this.#core) return this.#core.paint();
    const sheet = state?.launcher.sheet;
    if (!state || !sheet) return;
    const look = baseLook(this, state.config);
    sheet.textContent = isShown(this, state, false) ? launcherLook(look, sideOf(this.getAttribute("position") ?? "", look), 0) : HIDDEN;
    labelFirst(state.launcher, state.lang, state.words[0]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "tomticket-chat": TomticketChat;
  }
}

/**
 * `<script data-account>`: create the element unless one for this account and department
 * exists. Every other `data-<name>` of the script becomes the element's `<name>` attribute.
 */
const account = data?.account;
const mount = (): void => {
  for (const existing of document.querySelectorAll(TAG)) {
    if (existing.getAttribute("account") === account && (existing.getAttribute("department") ?? "") === (data!.department ?? "")) return;
  }
  const element = document.createElement(TAG);
  element.setAttribute("server", scriptOrigin);
  for (const { name, value } of (script as HTMLScriptElement).attributes) {
    if (name.startsWith("data-") && value !== "false") element.setAttribute(name.slice(5), value);
  }
  document.body.appendChild(element);
};

// Defined and drawn in a task after this one, which compiled the script and sent the
// configuration request (a page's first fetch costs the browser several milliseconds): the
// launcher waits for that answer anyway, and the host page gets its main thread in between.
setTimeout(() => {
  if (!customElements.get(TAG)) customElements.define(TAG, TomticketChat);
  if (!account) return;
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
});
