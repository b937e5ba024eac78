/**
 * `/widget.js`: the small first script a customer's site loads. It defines `<tomticket-chat>`
 * (plain custom element, no Lit), fetches the widget configuration, draws the launcher and
 * loads the panel (`/widget-panel.js`, with Lit) only when it is needed: on the first click, or
 * at once when the customer already has an open chat (or the chat is a pop-up).
 *
 * This module is the element itself and its registration; it leans on `loader-config.ts`
 * (configuration and presence polling), `loader-stacking.ts` (where launchers sit),
 * `loader-session.ts` (customer session, panel loading) and `launcher.ts` (the button).
 *
 * Embedding: `<script src="https://SERVER/widget.js" data-account="KEY" async></script>` creates
 * the element and appends it to `<body>`; every attribute of the element can be given as
 * `data-<attribute>` on the script. Loading the script twice is harmless; two scripts for two
 * departments of one account give two elements.
 */
import type { CompactLook, WidgetConfigCompact, WidgetMeResponse } from "../worker/views";
import { MINIMIZE_EVENT, PANEL_TAG, type PanelBoot, type PanelElement } from "./contract";
import { emit } from "./events";
import { pickLang, type Lang } from "./i18n";
import { drawLauncher, HIDDEN, labelLauncher, type Launcher } from "./launcher";
import { fetchConfig, isGone, isNew, schedulePoll, warn } from "./loader-config";
import { fetchSession, isFresh, isSessionChange, loadPanelScript, preloadWhenIdle, restoreSession } from "./loader-session";
import { hostStyle, sideOf, type Side } from "./loader-stacking";
import { readIdentity, readWasOpen, writeIdentity, writeToken, writeWasOpen, type Embed } from "./storage";

const TAG = "tomticket-chat";

const script = document.currentScript;
/** Origin of our server: where this very script came from. */
const scriptOrigin =
  script instanceof HTMLScriptElement && script.src ? new URL(script.src).origin : location.origin;

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

  /** Drawn on the first connection (with an account): until then the element does nothing. */
  #launcher: Launcher | undefined;
  #panel: PanelElement | undefined;
  #panelPromise: Promise<PanelElement> | undefined;
  #open = false;
  #unread = 0;
  #chatOpen = false;
  #wasShown = false;
  #deptLook: CompactLook | undefined;
  /** Ends the page-wide listeners when the element leaves the page. */
  #listening: AbortController | undefined;
  #config: WidgetConfigCompact | undefined;
  #configJson = "";
  #loading: Promise<WidgetConfigCompact> | undefined;
  /** The last configuration request failed (not a 404): the launcher shows, the panel retries. */
  #failed = false;
  /** Unknown account or department: the element shows nothing, for good. */
  #gone = false;
  #loadedAt = 0;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #session: Promise<WidgetMeResponse | null> | undefined;
  #sessionAt = 0;

  #attr(name: string): string {
    return this.getAttribute(name) ?? "";
  }

  get #account(): string {
    return this.#attr("account");
  }

  get #department(): string | null {
    return this.getAttribute("department") || null;
  }

  /** Whose keys this element reads and writes (storage.ts): its account and department. */
  get #embed(): Embed {
    return { account: this.#account, department: this.#department };
  }

  get #server(): string {
    return (this.getAttribute("server") || scriptOrigin).replace(/\/+$/, "");
  }

  get #popup(): boolean {
    return this.#attr("mode") === "popup";
  }

  /** The configuration's language (the server reads `lang` like pickLang, else the account's), so labels and custom texts agree. */
  get #lang(): Lang {
    return this.#config?.lang ?? pickLang(this.getAttribute("lang"));
  }

  /** Whether the panel is shown. */
  get isOpen(): boolean {
    return this.#open;
  }

  connectedCallback(): void {
    if (!this.#launcher) {
      if (!this.#account) return warn("no account attribute");
      this.#setUp();
    }
    const signal = (this.#listening = new AbortController()).signal;
    // Another tab started a chat or changed the customer.
    addEventListener("storage", (event) => isSessionChange(event, this.#embed) && this.#sync(), { signal });
    document.addEventListener("visibilitychange", () => this.#schedulePoll(), { signal });
    // Another element of the same account on this page started a chat.
    document.addEventListener(
      "tomticket-chat:chat-started",
      ({ target }) => target !== this && target instanceof TomticketChat && target.#account === this.#account && this.#sync(),
      { signal },
    );
    this.#schedulePoll();
  }

  disconnectedCallback(): void {
    this.#listening?.abort();
    clearTimeout(this.#pollTimer);
  }

  attributeChangedCallback(): void {
    this.#paint();
    if (this.#panel) this.#panel.language = this.#lang;
    // The custom texts come in the configuration, per language: a new language asks again now.
    this.#loadedAt = 0;
    this.#schedulePoll();
  }

  #setUp(): void {
    const root = this.attachShadow({ mode: "open" });
    this.#launcher = drawLauncher(root, this.#popup);
    this.#launcher.button?.addEventListener("click", () => this.toggle());
    root.addEventListener("keydown", (event) => {
      if (event instanceof KeyboardEvent && event.key === "Escape" && this.#open && !this.#popup) {
        event.stopPropagation();
        this.close();
      }
    });
    void this.#load()
      .catch(() => undefined)
      .then(() => {
        if (this.#popup) void this.open();
        else if (this.hasAttribute("auto-open") && this.#shown() && this.#wasOpen() !== "0") void this.open(false);
        else if (this.#shown()) preloadWhenIdle(this.#server);
      });
    this.#restore();
  }

  /** Shows the panel (loading it first if need be) and moves focus into it. */
  async open(focus = true): Promise<void> {
    if (this.#open || !this.#launcher || this.#gone) return;
    this.#open = true;
    // Two embeds on one page (two departments): one panel at a time, they would overlap.
    for (const other of document.querySelectorAll(TAG)) if (other !== this) other.close();
    const button = this.#launcher.button;
    button?.setAttribute("aria-busy", "true");
    try {
      await this.#ensurePanel();
    } catch {
      this.#open = false;
      return;
    } finally {
      button?.removeAttribute("aria-busy");
    }
    if (this.#open) this.#show(true, focus);
  }

  /** Hides the panel; the chat goes on (and the launcher counts new messages). */
  close(): void {
    if (!this.#open || this.#popup) return;
    this.#open = false;
    // Clicked again while the panel was still loading: it was never shown.
    if (this.hasAttribute("open")) this.#show(false, true);
  }

  /** Opens the panel if it is closed, closes it if it is open. */
  toggle(): void {
    if (this.#open) this.close();
    else void this.open();
  }

  /**
   * Tells the widget who the customer is, as the `name`, `email` and `customer-hash`
   * attributes do (e.g. after the customer signs in on the site). Omitted fields are removed;
   * without a hash (the customer signed out) a verified customer's session is forgotten.
   */
  setCustomer(customer: { name?: string; email?: string; hash?: string }): void {
    if (!customer.hash && readIdentity(this.#embed)) {
      writeToken(this.#embed, null);
      writeIdentity(this.#embed, null);
    }
    const fields: [string, string | undefined][] = [
      ["name", customer.name],
      ["email", customer.email],
      ["customer-hash", customer.hash],
    ];
    for (const [name, value] of fields) {
      if (value) this.setAttribute(name, value);
      else this.removeAttribute(name);
    }
    this.#sync();
  }

  /**
   * Shows or hides the loaded panel, then moves focus (into the panel, or back to the
   * launcher) before telling the page, whose listeners may move it elsewhere.
   */
  #show(open: boolean, focus: boolean): void {
    const panel = this.#panel;
    if (panel) {
      panel.hidden = !open;
      panel.visible = open;
    }
    this.toggleAttribute("open", open);
    // On a phone the open panel fills the screen: the page's other launchers hide meanwhile.
    for (const other of document.querySelectorAll(TAG)) other !== this && other.toggleAttribute("covered", open);
    this.#paint();
    if (focus) open ? panel?.focusFirst() : this.#launcher?.button?.focus();
    writeWasOpen(this.#embed, open);
    emit(this, open ? "tomticket-chat:opened" : "tomticket-chat:closed", null);
  }

  /** Fetches the configuration (one request at a time) and applies it. */
  #load(): Promise<WidgetConfigCompact> {
    return (this.#loading ??= fetchConfig(this.#server, this.#account, this.#department, this.getAttribute("lang"))
      .then(
        (config) => {
          this.#failed = false;
          const json = isNew(config, this.#configJson);
          if (json) {
            this.#configJson = json;
            this.#config = config;
            if (this.#panel) {
              this.#panel.config = config;
              this.#panel.language = this.#lang;
            }
          }
          return config;
        },
        (error: unknown) => {
          if (isGone(error)) this.#gone = true;
          else this.#failed = true;
          throw error;
        },
      )
      .finally(() => {
        this.#loading = undefined;
        this.#loadedAt = Date.now();
        this.#paint();
        this.#schedulePoll();
      }));
  }

  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    if (!this.#gone) this.#pollTimer = schedulePoll(this, this.#loadedAt, () => void this.#load().catch(() => undefined));
  }

  /** Whether the panel was open ("1") or closed by the customer ("0") on the previous page of this tab. */
  #wasOpen(): string | null {
    return readWasOpen(this.#embed);
  }

  /** Whether the launcher (or the pop-up) is on the page at all. */
  #shown(): boolean {
    const current = this.#config;
    const failed = this.#failed;
    if (this.#gone || (!current && !failed)) return false;
    // The department (or, when choosing, any department) has an attendant online.
    const fixed = this.#department;
    const online = !failed && !!current?.departments.some((d) => d.online && (!fixed || d.id === fixed));
    return this.#popup || this.#open || this.#chatOpen || !this.hasAttribute("hide-when-offline") || online;
  }

  /** The embed's look: its fixed department's, else the account's. */
  #baseLook(): CompactLook | undefined {
    const config = this.#config;
    const fixed = this.#department;
    return (fixed && config?.departments.find((d) => d.id === fixed)?.look) || config?.look;
  }

  #side(): Side {
    return sideOf(this.#attr("position"), this.#baseLook());
  }

  /** Draws what depends on state: visibility, look, place, launcher label and badge. */
  #paint(): void {
    const launcher = this.#launcher;
    if (!launcher?.sheet) return;
    const shown = this.#shown();
    launcher.sheet.textContent = shown
      ? hostStyle(this, this.#deptLook ?? this.#baseLook(), this.#side(), (other) =>
          // Pop-ups and hidden launchers take no place.
          other instanceof TomticketChat && !other.#popup && other.#shown() ? other.#side() : null,
        )
      : HIDDEN;
    if (shown !== this.#wasShown) {
      this.#wasShown = shown;
      // The other embeds' places depend on this one's visibility.
      for (const other of document.querySelectorAll(TAG)) if (other !== this && other instanceof TomticketChat) other.#paint();
    }
    labelLauncher(launcher, this.#lang, this.#open, this.#unread);
  }

  /** The customer's session; reuses the last answer while its socket token is fresh. */
  #getSession(force = false): Promise<WidgetMeResponse | null> {
    if (this.#session && !force && isFresh(this.#sessionAt)) return this.#session;
    this.#sessionAt = Date.now();
    return (this.#session = fetchSession(this.#server, this.#embed));
  }

  /** Loads the panel at once when the customer has a chat to pick up (see `report` for reopening it). */
  #restore(): void {
    restoreSession(
      this.#embed,
      this.#attr("customer-hash"),
      () => this.#getSession(),
      () => this.#ensurePanel().catch(() => undefined),
    );
  }

  /** The stored customer or chat changed: load the session again. */
  #sync(): void {
    this.#session = undefined;
    if (this.#panel) this.#panel.reload();
    else this.#restore();
  }

  #ensurePanel(): Promise<PanelElement> {
    return (this.#panelPromise ??= loadPanelScript(this.#server).then(
      () => {
        const panel = document.createElement(PANEL_TAG);
        panel.boot = this.#boot();
        panel.config = this.#config ?? null;
        panel.language = this.#lang;
        panel.hidden = true;
        panel.setAttribute("part", "panel");
        panel.addEventListener(MINIMIZE_EVENT, () => this.close());
        this.shadowRoot?.appendChild(panel);
        this.#panel = panel;
        return panel;
      },
      (error: unknown) => {
        this.#panelPromise = undefined;
        throw error;
      },
    ));
  }

  /** What the panel gets to know and do (see contract.ts). */
  #boot(): PanelBoot {
    return {
      host: this,
      account: this.#account,
      server: this.#server,
      department: this.#department,
      popup: this.#popup,
      config: async () => this.#config ?? this.#load(),
      session: (force) => this.#getSession(force),
      setLook: (look) => {
        this.#deptLook = look;
        this.#paint();
      },
      report: (unread, chatOpen) => {
        // A chat found open (restored, or started in another tab) reopens the panel if the
        // customer left it open on the previous page.
        const found = chatOpen && !this.#chatOpen;
        this.#unread = unread;
        this.#chatOpen = chatOpen;
        this.#paint();
        if (found && this.#wasOpen() === "1") void this.open(false);
      },
    };
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, TomticketChat);

declare global {
  interface HTMLElementTagNameMap {
    "tomticket-chat": TomticketChat;
  }
}

/**
 * `<script data-account>`: create the element unless one for this account and department
 * exists. Every other `data-<name>` of the script becomes the element's `<name>` attribute.
 */
if (script instanceof HTMLScriptElement) {
  const account = script.dataset.account;
  const department = script.dataset.department ?? "";
  const mount = (): void => {
    for (const existing of document.querySelectorAll(TAG)) {
      if (existing.getAttribute("account") === account && (existing.getAttribute("department") ?? "") === department) return;
    }
    const element = document.createElement(TAG);
    element.setAttribute("server", scriptOrigin);
    for (const { name, value } of script.attributes) {
      if (name.startsWith("data-") && value !== "false") element.setAttribute(name.slice(5), value);
    }
    document.body.appendChild(element);
  };
  if (account) {
    if (document.body) mount();
    else document.addEventListener("DOMContentLoaded", mount, { once: true });
  }
}
