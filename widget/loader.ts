/**
 * `/widget.js`: the small first script a customer's site loads. It defines `<tomticket-chat>`
 * (plain custom element, no Lit), fetches the widget configuration, draws the launcher and
 * loads the panel (`/widget-panel.js`, with Lit) only when it is needed: on the first click, or
 * at once when the customer already has an open chat (or the chat is a pop-up).
 *
 * Embedding: `<script src="https://SERVER/widget.js" data-account="KEY" async></script>` creates
 * the element and appends it to `<body>`; every attribute of the element can be given as
 * `data-<attribute>` on the script. Loading the script twice is harmless; two scripts for two
 * departments of one account give two elements.
 */
import { ApiRequestError, getConfig, getMe } from "./api";
import { MINIMIZE_EVENT, PANEL_TAG, type PanelBoot, type PanelElement } from "./contract";
import { emit } from "./events";
import { launcherText, pickLang, type Lang } from "./i18n";
import { launcherStyles, lookStyle } from "./launcher-styles";
import { readIdentity, readToken, readWasOpen, tokenKey, writeIdentity, writeToken, writeWasOpen } from "./storage";
import type { EffectiveLook, WidgetConfigResponse, WidgetMeResponse } from "../worker/views";

const TAG = "tomticket-chat";
/** A session answer younger than this still carries a usable socket token (they live 10 min). */
const SESSION_FRESH_MS = 60_000;
/** Presence is re-read this often while the page is visible (a 304 when nothing changed). */
const POLL_MS = 30_000;
/** Height of one launcher and its gap: a second launcher on the same side sits above the first. */
const STACK_PX = 72;

const script = document.currentScript;
/** Origin of our server: where this very script came from. */
const scriptOrigin =
  script instanceof HTMLScriptElement && script.src ? new URL(script.src).origin : location.origin;

let panelScript: Promise<unknown> | undefined;

/** Loads `/widget-panel.js` once (a classic script: it runs on any page, CSP permitting). */
function loadPanelScript(server: string): Promise<unknown> {
  if (customElements.get(PANEL_TAG)) return Promise.resolve();
  return (panelScript ??= new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = server + "/widget-panel.js";
    tag.async = true;
    tag.onload = () => resolve(customElements.whenDefined(PANEL_TAG));
    tag.onerror = () => {
      panelScript = undefined;
      tag.remove();
      reject(new Error("widget-panel.js failed to load"));
    };
    document.head.appendChild(tag);
  }));
}

/**
 * Fetches the panel script once the page has nothing better to do, so that opening the chat is
 * instant; the launcher never waits for it. Not when the visitor asked to save data.
 */
function preloadWhenIdle(server: string): void {
  if ((navigator as { connection?: { saveData?: boolean } }).connection?.saveData) return;
  const load = () => void loadPanelScript(server).catch(() => undefined);
  if ("requestIdleCallback" in window) requestIdleCallback(load, { timeout: 4000 });
  else setTimeout(load, 2000);
}

/** The one console message of a widget that cannot work: it then shows nothing. */
const warn = (text: string): void => console.warn(`<${TAG}>: ${text}; the chat is not shown.`);

const chatIcon =
  '<svg class="o" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 3h12a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3h-8l-5 4v-4.2A3 3 0 0 1 3 15V6a3 3 0 0 1 3-3z"/></svg>';
const closeIcon =
  '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2"/></svg>';

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
 * @attr name, email - the customer's, when the site knows them: those form fields are skipped
 * @attr customer-hash - HMAC of `email` by the site's server: the customer is verified and sees
 *   past chats (`setCustomer()` changes the three at once)
 * @attr sound - a short beep on new attendant messages while the panel is closed or the tab hidden
 * @attr open - present while the panel is shown (set by the element; read-only)
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

  #launcher: HTMLButtonElement | null = null;
  #badge: HTMLElement | null = null;
  #look: HTMLStyleElement | null = null;
  #panel: PanelElement | undefined;
  #panelPromise: Promise<PanelElement> | undefined;
  #open = false;
  #unread = 0;
  #chatOpen = false;
  #config: WidgetConfigResponse | undefined;
  #configJson = "";
  #loading: Promise<WidgetConfigResponse> | undefined;
  /** The last configuration request failed (not a 404): the launcher shows, the panel retries. */
  #failed = false;
  /** Unknown account or department: the element shows nothing, for good. */
  #gone = false;
  #loadedAt = 0;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #deptLook: EffectiveLook | undefined;
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

  get #server(): string {
    return (this.getAttribute("server") || scriptOrigin).replace(/\/+$/, "");
  }

  get #popup(): boolean {
    return this.#attr("mode") === "popup";
  }

  get #lang(): Lang {
    return pickLang(this.getAttribute("lang"), this.#config?.account.locale);
  }

  /** Whether the panel is shown. */
  get isOpen(): boolean {
    return this.#open;
  }

  connectedCallback(): void {
    if (!this.#look) {
      if (!this.#account) return warn("no account attribute");
      this.#setUp();
    }
    addEventListener("storage", this.#onStorage);
    document.addEventListener("visibilitychange", this.#onVisibility);
    document.addEventListener("tomticket-chat:chat-started", this.#onSibling);
    this.#schedulePoll();
  }

  disconnectedCallback(): void {
    removeEventListener("storage", this.#onStorage);
    document.removeEventListener("visibilitychange", this.#onVisibility);
    document.removeEventListener("tomticket-chat:chat-started", this.#onSibling);
    clearTimeout(this.#pollTimer);
  }

  attributeChangedCallback(): void {
    this.#paint();
    if (this.#panel) this.#panel.language = this.#lang;
  }

  #setUp(): void {
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML =
      `<style>${launcherStyles}</style><style>:host{display:none!important}</style>` +
      (this.#popup
        ? ""
        : `<button part="launcher" type="button" aria-expanded="false">${chatIcon}${closeIcon}<span part="badge" aria-hidden="true" hidden></span></button>`);
    this.#look = root.querySelectorAll("style")[1] ?? null;
    this.#launcher = root.querySelector("button");
    this.#badge = root.querySelector("span");
    this.#launcher?.addEventListener("click", () => this.toggle());
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
        else if (this.hasAttribute("auto-open") && this.#shown() && readWasOpen(this.#account, this.#attr("department")) !== "0")
          void this.open(false);
        else if (this.#shown()) preloadWhenIdle(this.#server);
      });
    this.#restore();
  }

  /** Shows the panel (loading it first if need be) and moves focus into it. */
  async open(focus = true): Promise<void> {
    if (this.#open || !this.#look || this.#gone) return;
    this.#open = true;
    // Two embeds on one page (two departments): one panel at a time, they would overlap.
    for (const other of document.querySelectorAll(TAG)) if (other !== this) other.close();
    const launcher = this.#launcher;
    launcher?.setAttribute("aria-busy", "true");
    let panel: PanelElement;
    try {
      panel = await this.#ensurePanel();
    } catch {
      this.#open = false;
      return;
    } finally {
      launcher?.removeAttribute("aria-busy");
    }
    if (!this.#open) return;
    panel.hidden = false;
    this.setAttribute("open", "");
    panel.visible = true;
    this.#paint();
    if (focus) panel.focusFirst();
    writeWasOpen(this.#account, this.#attr("department"), true);
    emit(this, "tomticket-chat:opened", null);
  }

  /** Hides the panel; the chat goes on (and the launcher counts new messages). */
  close(): void {
    if (!this.#open || this.#popup) return;
    this.#open = false;
    // Clicked again while the panel was still loading: it was never shown.
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    if (this.#panel) {
      this.#panel.visible = false;
      this.#panel.hidden = true;
    }
    this.#paint();
    this.#launcher?.focus();
    writeWasOpen(this.#account, this.#attr("department"), false);
    emit(this, "tomticket-chat:closed", null);
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
    if (!customer.hash && readIdentity(this.#account)) {
      writeToken(this.#account, null);
      writeIdentity(this.#account, null);
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

  // ------------------------------------------------------------------ configuration and presence

  /** Fetches the configuration (one request at a time) and applies it. */
  #load(): Promise<WidgetConfigResponse> {
    return (this.#loading ??= getConfig(this.#server, this.#account, this.#department)
      .then(
        (config) => {
          this.#failed = false;
          const json = JSON.stringify(config);
          if (json !== this.#configJson) {
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
          if (error instanceof ApiRequestError && error.status === 404) {
            // An unknown account or department will never work on this page: show nothing.
            this.#gone = true;
            warn(
              error.code === "unknown_department"
                ? `unknown department "${this.#department}"`
                : `unknown account "${this.#account}"`,
            );
          } else this.#failed = true;
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
    if (this.#gone || !this.isConnected || document.visibilityState !== "visible") return;
    const wait = Math.max(0, this.#loadedAt + POLL_MS - Date.now());
    this.#pollTimer = setTimeout(() => this.#load().catch(() => undefined), wait);
  }

  #onVisibility = (): void => this.#schedulePoll();

  /** The department (or, when choosing, any department) has an attendant online. */
  #online(): boolean {
    const fixed = this.#department;
    return !!this.#config?.departments.some((d) => d.online && (!fixed || d.id === fixed));
  }

  /** Whether the launcher (or the pop-up) is on the page at all. */
  #shown(): boolean {
    if (this.#gone || (!this.#config && !this.#failed)) return false;
    const hideOffline = this.hasAttribute("hide-when-offline");
    return this.#popup || this.#open || this.#chatOpen || !hideOffline || (!this.#failed && this.#online());
  }

  /** The embed's look: its fixed department's, else the account's. */
  #baseLook(): EffectiveLook | undefined {
    const config = this.#config;
    const fixed = this.#department;
    return (fixed && config?.departments.find((d) => d.id === fixed)?.look) || config?.look;
  }

  /** The resolved side: the attribute, else the console's setting, else right. */
  #side(): "left" | "right" {
    const position = this.#attr("position");
    return position === "left" || (position !== "right" && this.#baseLook()?.position === "left") ? "left" : "right";
  }

  #wasShown = false;

  /** Other embeds on the page depend on this one's side and visibility. */
  #repaintSiblings(): void {
    for (const element of document.querySelectorAll(TAG)) if (element !== this && element instanceof TomticketChat) element.#paint();
  }

  /** Draws what depends on state: visibility, look, position, launcher label and badge. */
  #paint(): void {
    const style = this.#look;
    if (!style) return;
    const base = this.#baseLook();
    const look = this.#deptLook ?? base;
    const side = this.#side();
    // Launchers on the same side stack upwards in page order; a panel opens above the topmost
    // of them, so that no other launcher covers it (its send button sits in that corner).
    let stack = 0;
    let above = 0;
    for (const element of document.querySelectorAll(TAG)) {
      if (element === this || !(element instanceof TomticketChat) || element.#popup || !element.#shown()) continue;
      if (element.#side() !== side) continue;
      if (element.compareDocumentPosition(this) & Node.DOCUMENT_POSITION_FOLLOWING) stack++;
      else above++;
    }
    const shown = this.#shown();
    style.textContent = shown
      ? lookStyle(look, side, stack * STACK_PX, above * STACK_PX)
      : ":host{display:none!important}";
    if (shown !== this.#wasShown) {
      this.#wasShown = shown;
      this.#repaintSiblings();
    }

    const launcher = this.#launcher;
    const badge = this.#badge;
    if (!launcher || !badge) return;
    const [open, close, unreadText] = launcherText[this.#lang];
    const unread = this.#open ? 0 : this.#unread;
    launcher.lang = this.#lang;
    launcher.setAttribute("aria-expanded", String(this.#open));
    launcher.setAttribute("aria-label", this.#open ? close : unread ? `${open} (${unreadText}: ${unread})` : open);
    badge.hidden = !unread;
    badge.textContent = unread > 99 ? "99+" : String(unread);
  }

  // ------------------------------------------------------------------ customer session

  /** The customer's session; reuses the last answer while its socket token is fresh. */
  #getSession(force = false): Promise<WidgetMeResponse | null> {
    if (this.#session && !force && Date.now() - this.#sessionAt < SESSION_FRESH_MS) return this.#session;
    const account = this.#account;
    const token = readToken(account);
    this.#sessionAt = Date.now();
    return (this.#session = token
      ? getMe(this.#server, account, token).catch((error: unknown) => {
          if (error instanceof ApiRequestError && error.status === 401) writeToken(account, null);
          return null;
        })
      : Promise.resolve(null));
  }

  /**
   * Picks up the customer's open chat, if any: the panel loads, and opens if it was open (see
   * `report`). A `customer-hash` not verified yet needs the panel too: it does the verifying.
   */
  #restore(): void {
    const account = this.#account;
    const hash = this.#attr("customer-hash");
    if (hash && readIdentity(account) !== hash) this.#ensurePanel().catch(() => undefined);
    else if (readToken(account)) {
      void this.#getSession().then((session) => {
        if (session?.chat && session.chat.status !== "closed") this.#ensurePanel().catch(() => undefined);
      });
    }
  }

  /** The stored customer or chat changed: load the session again. */
  #sync(): void {
    this.#session = undefined;
    if (this.#panel) this.#panel.reload();
    else this.#restore();
  }

  /** Another tab started a chat or changed the customer. */
  #onStorage = (event: StorageEvent): void => {
    const key = tokenKey(this.#account);
    if (event.key === key || event.key === key + ":chat") this.#sync();
  };

  /** Another element of the same account on this page started a chat. */
  #onSibling = (event: Event): void => {
    const from = event.target;
    if (from !== this && from instanceof TomticketChat && from.#account === this.#account) this.#sync();
  };

  #ensurePanel(): Promise<PanelElement> {
    return (this.#panelPromise ??= loadPanelScript(this.#server).then(
      () => {
        const panel = document.createElement(PANEL_TAG);
        const boot: PanelBoot = {
          host: this,
          account: this.#account,
          server: this.#server,
          department: this.#department,
          popup: this.#popup,
          config: () => (this.#config ? Promise.resolve(this.#config) : this.#load()),
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
            if (found && readWasOpen(this.#account, this.#attr("department")) === "1") void this.open(false);
          },
        };
        panel.boot = boot;
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
