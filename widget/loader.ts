/**
 * `/widget.js`: the small first script a customer's site loads. It defines `<tomticket-chat>`
 * (plain custom element, no Lit), draws the launcher, fetches the widget configuration and loads
 * the panel (`/widget-panel.js`, with Lit) only when it is needed: on the first click, or at
 * once when the customer already has an open chat.
 *
 * Embedding: `<script src="https://SERVER/widget.js" data-account="KEY" async></script>` creates
 * the element and appends it to `<body>` (also `data-department`, `data-lang`, `data-position`).
 * Loading the script twice is harmless.
 */
import { getConfig, getMe, ApiRequestError } from "./api";
import { MINIMIZE_EVENT, PANEL_TAG, type PanelBoot, type PanelElement } from "./contract";
import { emit } from "./events";
import { launcherText, pickLang, type Lang } from "./i18n";
import { launcherStyles } from "./launcher-styles";
import { readToken, readWasOpen, writeToken, writeWasOpen } from "./storage";
import type { WidgetConfigResponse, WidgetMeResponse } from "../worker/views";

const TAG = "tomticket-chat";
/** A session answer younger than this still carries a usable socket token (they live 10 min). */
const SESSION_FRESH_MS = 60_000;

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

const chatIcon =
  '<svg class="o" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 3h12a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3h-8l-5 4v-4.2A3 3 0 0 1 3 15V6a3 3 0 0 1 3-3z"/></svg>';
const closeIcon =
  '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"/></svg>';

/**
 * The chat widget: a launcher at the bottom right that opens the chat panel.
 *
 * @attr account - public key of the account (required)
 * @attr server - origin of the chat server; defaults to the origin `/widget.js` was loaded from
 * @attr department - id of a department: the customer then does not choose one
 * @attr lang - `pt-BR` (default) or `en`; without it, the account's locale
 * @attr position - `right` (default) or `left`
 * @attr open - present while the panel is shown (set by the element; read-only)
 *
 * Methods: `open()` shows the panel, `close()` hides it; `isOpen` tells which.
 *
 * @fires tomticket-chat:opened - the panel was shown
 * @fires tomticket-chat:closed - the panel was hidden
 * @fires tomticket-chat:chat-started - `{ chatId, departmentId }`
 * @fires tomticket-chat:message - `{ message }`, a new message arrived
 * @fires tomticket-chat:chat-ended - `{ chatId, closedBy }`
 *
 * @csspart launcher - the round button
 * @csspart panel - the box the chat panel lives in
 * (the panel's own parts are exported too: see widget/panel.ts)
 *
 * @cssprop --tt-primary - brand colour (launcher, customer bubbles, buttons)
 * @cssprop --tt-on-primary - text on the brand colour
 * @cssprop --tt-surface - panel background
 * @cssprop --tt-font - font family
 * @cssprop --tt-radius - corner radius of the panel
 * @cssprop --tt-offset - distance from the window's corner
 * @cssprop --tt-panel-width / --tt-panel-height - panel size on large screens
 * @cssprop --tt-z-index - stacking order
 * @cssprop --tt-badge - colour of the unread dot
 * @cssprop --tt-focus - focus ring colour
 */
export class TomticketChat extends HTMLElement {
  static observedAttributes = ["lang"];

  #launcher: HTMLButtonElement | undefined;
  #frame: HTMLElement | undefined;
  #panel: PanelElement | undefined;
  #panelPromise: Promise<PanelElement> | undefined;
  #open = false;
  #unread = false;
  #locale: string | undefined;
  #config: Promise<WidgetConfigResponse> | undefined;
  #session: Promise<WidgetMeResponse | null> | undefined;
  #sessionAt = 0;

  get #account(): string {
    return this.getAttribute("account") ?? "";
  }

  get #server(): string {
    return (this.getAttribute("server") || scriptOrigin).replace(/\/+$/, "");
  }

  get #lang(): Lang {
    return pickLang(this.getAttribute("lang"), this.#locale);
  }

  /** Whether the panel is shown. */
  get isOpen(): boolean {
    return this.#open;
  }

  connectedCallback(): void {
    if (this.#launcher || !this.#account) return;
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `<style>${launcherStyles}</style><div part="panel" hidden></div><button part="launcher" type="button" aria-expanded="false">${chatIcon}${closeIcon}</button>`;
    this.#frame = root.querySelector("div") ?? undefined;
    this.#launcher = root.querySelector("button") ?? undefined;
    this.#launcher?.addEventListener("click", () => (this.#open ? this.close() : void this.open()));
    root.addEventListener("keydown", (event) => {
      if (event instanceof KeyboardEvent && event.key === "Escape" && this.#open) {
        event.stopPropagation();
        this.close();
      }
    });
    this.#renderLauncher();

    const account = this.#account;
    this.#config = getConfig(this.#server, account);
    this.#config.then(
      (config) => {
        this.#locale = config.account.locale;
        this.#renderLauncher();
      },
      (error: unknown) => {
        // An unknown account will never work on this page: show nothing rather than a dead button.
        if (error instanceof ApiRequestError && error.status === 404) this.hidden = true;
      },
    );
    if (readToken(account)) {
      void this.#getSession().then((session) => {
        if (session?.chat && session.chat.status !== "closed") {
          if (readWasOpen(account)) void this.open(false);
          else this.#ensurePanel().catch(() => undefined);
        }
      });
    }
  }

  attributeChangedCallback(): void {
    this.#renderLauncher();
    if (this.#panel) this.#panel.language = this.#lang;
  }

  /** Shows the panel (loading it first if need be) and moves focus into it. */
  async open(focus = true): Promise<void> {
    if (this.#open || !this.#launcher) return;
    this.#open = true;
    this.#unread = false;
    this.#launcher.setAttribute("aria-busy", "true");
    let panel: PanelElement;
    try {
      panel = await this.#ensurePanel();
    } catch {
      this.#open = false;
      return;
    } finally {
      this.#launcher.removeAttribute("aria-busy");
    }
    if (!this.#open) return;
    this.#frame?.removeAttribute("hidden");
    this.setAttribute("open", "");
    this.#renderLauncher();
    panel.visible = true;
    if (focus) panel.focusFirst();
    writeWasOpen(this.#account, true);
    emit(this, "tomticket-chat:opened", null);
  }

  /** Hides the panel; the chat goes on (and the launcher shows a dot for new messages). */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    // Clicked again while the panel was still loading: it was never shown.
    if (!this.hasAttribute("open")) return;
    this.#frame?.setAttribute("hidden", "");
    this.removeAttribute("open");
    if (this.#panel) this.#panel.visible = false;
    this.#renderLauncher();
    this.#launcher?.focus();
    writeWasOpen(this.#account, false);
    emit(this, "tomticket-chat:closed", null);
  }

  #renderLauncher(): void {
    const launcher = this.#launcher;
    if (!launcher) return;
    const text = launcherText[this.#lang];
    launcher.lang = this.#lang;
    launcher.setAttribute("aria-expanded", String(this.#open));
    launcher.setAttribute("aria-label", this.#open ? text.close : this.#unread ? text.unread : text.open);
    launcher.toggleAttribute("data-unread", this.#unread && !this.#open);
  }

  /** The customer's session; reuses the last answer while its socket token is fresh. */
  #getSession(): Promise<WidgetMeResponse | null> {
    if (this.#session && Date.now() - this.#sessionAt < SESSION_FRESH_MS) return this.#session;
    const account = this.#account;
    const token = readToken(account);
    this.#sessionAt = Date.now();
    this.#session = token
      ? getMe(this.#server, account, token).catch((error: unknown) => {
          if (error instanceof ApiRequestError && error.status === 401) writeToken(account, null);
          return null;
        })
      : Promise.resolve(null);
    return this.#session;
  }

  #ensurePanel(): Promise<PanelElement> {
    return (this.#panelPromise ??= loadPanelScript(this.#server).then(
      () => {
        const panel = document.createElement(PANEL_TAG);
        const boot: PanelBoot = {
          account: this.#account,
          server: this.#server,
          department: this.getAttribute("department") || null,
          config: this.#config ?? getConfig(this.#server, this.#account),
          session: () => this.#getSession(),
        };
        panel.boot = boot;
        panel.language = this.#lang;
        panel.addEventListener(MINIMIZE_EVENT, () => this.close());
        panel.addEventListener("tomticket-chat:message", (event) => {
          if (!this.#open && event.detail.message.author.type === "attendant") {
            this.#unread = true;
            this.#renderLauncher();
          }
        });
        this.#frame?.appendChild(panel);
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

/** `<script data-account>`: create the element unless this account already has one. */
const data = script instanceof HTMLScriptElement ? script.dataset : undefined;
const account = data?.account;
if (data && account) {
  const mount = (): void => {
    for (const existing of document.querySelectorAll(TAG)) if (existing.getAttribute("account") === account) return;
    const element = document.createElement(TAG);
    element.setAttribute("account", account);
    element.setAttribute("server", scriptOrigin);
    for (const name of ["department", "lang", "position"]) {
      const value = data[name];
      if (value) element.setAttribute(name, value);
    }
    document.body.appendChild(element);
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}
