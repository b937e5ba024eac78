/**
 * The rest of `<tomticket-chat>` after its launcher (see loader.ts and core-contract.ts), in
 * `/widget-panel.js`, which the loader loads right after its first configuration answer: opening
 * and closing the panel, the customer's session, the presence poll, where the launchers of
 * several embeds sit, what the browser keeps and the public events. One instance per element,
 * made by the factory this module registers (chunks.ts).
 *
 * Why inside the panel's script rather than a small script of its own: the two share api.ts,
 * storage.ts and Lit-free helpers, and every page with a launcher downloaded the panel ahead of
 * time anyway; apart, the open chat cost about 900 B gzip more (past the 25,600 B budget).
 */
import type { CompactLook, WidgetConfigCompact, WidgetMeResponse } from "../worker/views";
import { chunks } from "./chunks";
import { MINIMIZE_EVENT, PANEL_TAG, type PanelBoot, type PanelElement } from "./contract";
import type { Core, LoaderState } from "./core-contract";
import { emit } from "./events";
import type { Lang } from "./i18n";
import { completeLauncher, HIDDEN, labelLauncher } from "./launcher";
import { baseLook, fixedDepartment, isShown } from "./launcher-place";
import { panelLook } from "./launcher-styles";
import { isNew, schedulePoll } from "./loader-config";
import { fetchSession, isFresh, isSessionChange, loadPanelScript, restoreSession } from "./loader-session";
import { sideOf, stackOf, type Side } from "./loader-stacking";
import { readIdentity, readWasOpen, writeIdentity, writeToken, writeWasOpen, type Embed } from "./storage";
import { nextTask } from "./next-task";

/** The core of each element of the page (this script runs once per page, for every element). */
const cores = new WeakMap<Element, ChatCore>();

class ChatCore implements Core {
  readonly #host: HTMLElement;
  readonly #state: LoaderState;
  #panel: PanelElement | undefined;
  #panelPromise: Promise<PanelElement> | undefined;
  #open = false;
  #unread = 0;
  #chatOpen = false;
  #wasShown = false;
  #deptLook: CompactLook | undefined;
  /** Ends the page-wide listeners when the element leaves the page. */
  #listening: AbortController | undefined;
  #configJson = "";
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #session: Promise<WidgetMeResponse | null> | undefined;
  #sessionAt = 0;

  constructor(host: HTMLElement, state: LoaderState) {
    this.#host = host;
    this.#state = state;
    cores.set(host, this);
    completeLauncher(host.shadowRoot, state.launcher);
    if (state.config) this.configured(state.config);
    host.shadowRoot?.addEventListener("keydown", (event) => {
      if (event instanceof KeyboardEvent && event.key === "Escape" && this.#open && !this.#popup) {
        event.stopPropagation();
        this.close();
      }
    });
    // A pointer over the launcher or focus on it: the customer may open the panel; it is built
    // ahead, hidden, in small tasks (see #ensurePanel), so that the click only shows it.
    for (const type of ["pointerenter", "focus"]) state.launcher.button?.addEventListener(type, () => void this.#ensurePanel().catch(() => undefined));
    // The rest in a task of its own: this one evaluated the panel's script. The first storage
    // read of a page is slow (the browser opens the site's storage).
    void nextTask().then(() => {
      if (this.#popup) void this.open();
      else if (host.hasAttribute("auto-open") && this.#shown() && this.#wasOpen() !== "0") void this.open(false);
      this.#restore();
      // The other embeds' places take this one into account from now on.
      for (const other of document.querySelectorAll(host.localName)) if (other !== host) cores.get(other)?.paint();
    });
  }

  #attr(name: string): string {
    return this.#host.getAttribute(name) ?? "";
  }

  get account(): string {
    return this.#attr("account");
  }

  get #department(): string | null {
    return fixedDepartment(this.#host);
  }

  /** Whose keys this element reads and writes (storage.ts): its account and department. */
  get #embed(): Embed {
    return { account: this.account, department: this.#department };
  }

  get #server(): string {
    return this.#state.server;
  }

  get #popup(): boolean {
    return this.#attr("mode") === "popup";
  }

  get #lang(): Lang {
    return this.#state.lang;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  connected(): void {
    this.#listening?.abort();
    const signal = (this.#listening = new AbortController()).signal;
    // Another tab started a chat or changed the customer.
    addEventListener("storage", (event) => isSessionChange(event, this.#embed) && this.#sync(), { signal });
    document.addEventListener("visibilitychange", () => this.#schedulePoll(), { signal });
    // Another element of the same account on this page started a chat.
    document.addEventListener(
      "tomticket-chat:chat-started",
      ({ target }) => target !== this.#host && target instanceof Element && cores.get(target)?.account === this.account && this.#sync(),
      { signal },
    );
    this.#schedulePoll();
  }

  disconnected(): void {
    this.#listening?.abort();
    clearTimeout(this.#pollTimer);
  }

  attributeChanged(): void {
    if (this.#panel) this.#panel.language = this.#lang;
    // The custom texts come in the configuration, per language: a new language asks again now.
    this.#state.loadedAt = 0;
    this.#schedulePoll();
  }

  configured(config: WidgetConfigCompact): void {
    const json = isNew(config, this.#configJson);
    if (json) {
      this.#configJson = json;
      if (this.#panel) {
        this.#panel.config = config;
        this.#panel.language = this.#lang;
      }
    }
    this.#schedulePoll();
  }

  async open(focus = true): Promise<void> {
    const button = this.#state.launcher.button;
    if (this.#open || this.#state.gone) return;
    this.#open = true;
    // Two embeds on one page (two departments): one panel at a time, they would overlap.
    for (const other of document.querySelectorAll(this.#host.localName)) if (other !== this.#host) cores.get(other)?.close();
    button?.setAttribute("aria-busy", "true");
    try {
      await this.#ensurePanel();
      // Shown in a task of its own: the one that built the panel (or the click) is done.
      await nextTask();
    } catch {
      this.#open = false;
      return;
    } finally {
      button?.removeAttribute("aria-busy");
    }
    if (this.#open) this.#show(true, focus);
  }

  close(): void {
    if (!this.#open || this.#popup) return;
    this.#open = false;
    // Clicked again while the panel was still loading: it was never shown.
    if (this.#host.hasAttribute("open")) this.#show(false, true);
  }

  toggle(): void {
    if (this.#open) this.close();
    else void this.open();
  }

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
      if (value) this.#host.setAttribute(name, value);
      else this.#host.removeAttribute(name);
    }
    this.#sync();
  }

  /**
   * Shows or hides the loaded panel, then moves focus (into the panel, or back to the
   * launcher) before telling the page, whose listeners may move it elsewhere.
   */
  #show(open: boolean, focus: boolean): void {
    const panel = this.#panel;
    const host = this.#host;
    if (panel) {
      panel.hidden = !open;
      panel.visible = open;
    }
    host.toggleAttribute("open", open);
    // On a phone the open panel fills the screen: the page's other launchers hide meanwhile.
    for (const other of document.querySelectorAll(host.localName)) other !== host && other.toggleAttribute("covered", open);
    this.paint();
    if (focus) open ? panel?.focusFirst() : this.#state.launcher.button?.focus();
    writeWasOpen(this.#embed, open);
    emit(host, open ? "tomticket-chat:opened" : "tomticket-chat:closed", null);
  }

  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    const state = this.#state;
    if (!state.gone) this.#pollTimer = schedulePoll(this.#host, state.loadedAt, () => void state.load().catch(() => undefined));
  }

  /** Whether the panel was open ("1") or closed by the customer ("0") on the previous page of this tab. */
  #wasOpen(): string | null {
    return readWasOpen(this.#embed);
  }

  #shown(): boolean {
    return isShown(this.#host, this.#state, this.#open || this.#chatOpen);
  }

  #side(): Side {
    return sideOf(this.#attr("position"), baseLook(this.#host, this.#state.config));
  }

  paint(): void {
    const state = this.#state;
    const { launcher } = state;
    if (!launcher.sheet) return;
    const shown = this.#shown();
    const look = this.#deptLook ?? baseLook(this.#host, state.config);
    const side = this.#side();
    const [lift, above] = stackOf(this.#host, side, (other) => {
      // Pop-ups and hidden launchers take no place.
      const core = cores.get(other);
      return core && !core.#popup && core.#shown() ? core.#side() : null;
    });
    launcher.sheet.textContent = shown ? state.look(look, side, lift) + panelLook(look, side, lift, above) : HIDDEN;
    if (shown !== this.#wasShown) {
      this.#wasShown = shown;
      // The other embeds' places depend on this one's visibility.
      for (const other of document.querySelectorAll(this.#host.localName)) if (other !== this.#host) cores.get(other)?.paint();
    }
    labelLauncher(launcher, this.#lang, state.words, this.#open, this.#unread);
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

  /**
   * The panel element, made once, hidden, in a task of its own (its first render draws the
   * shell; the view follows in another task: panel.ts `init`).
   */
  #ensurePanel(): Promise<PanelElement> {
    return (this.#panelPromise ??= loadPanelScript(this.#server).then(nextTask).then(
      () => {
        const panel = document.createElement(PANEL_TAG);
        panel.boot = this.#boot();
        panel.config = this.#state.config ?? null;
        panel.language = this.#lang;
        panel.hidden = true;
        panel.setAttribute("part", "panel");
        panel.addEventListener(MINIMIZE_EVENT, () => this.close());
        this.#host.shadowRoot?.appendChild(panel);
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
      host: this.#host,
      account: this.account,
      server: this.#server,
      department: this.#department,
      popup: this.#popup,
      config: async () => this.#state.config ?? this.#state.load(),
      session: (force) => this.#getSession(force),
      setLook: (look) => {
        this.#deptLook = look;
        this.paint();
      },
      report: (unread, chatOpen) => {
        // A chat found open (restored, or started in another tab) reopens the panel if the
        // customer left it open on the previous page.
        const found = chatOpen && !this.#chatOpen;
        this.#unread = unread;
        this.#chatOpen = chatOpen;
        this.paint();
        if (found && this.#wasOpen() === "1") void this.open(false);
      },
    };
  }
}

chunks().core ??= (host, state) => new ChatCore(host, state);
