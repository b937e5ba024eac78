/**
 * `<ms-app>`: the app Meu Suporte. Reads its account from the shell's attributes (so it can
 * draw its frame from the service worker's cached shell), then its config and the customer's
 * session; routes by hash between the three tabs (Chamados, Chat only when the account turned
 * it on, Base de Conhecimento); says when it is offline; polls ticket replies for
 * notifications while the customer is logged in.
 *
 * @attr account - the account's public key
 * @attr company - the account's name
 * @attr locale - the account's locale
 * @attr base - the app's path, `/app/<key>/`
 */
import { html, nothing } from "lit";
import { AppClient, Offline } from "../api";
import { pickLang, TEXTS, type Lang, type Texts } from "../i18n";
import { LightElement } from "../light-element";
import { permission, requestPermission, TicketPoller, type Permission } from "../notifier";
import { parseRoute, TAB_HASH, ticketHash, type Route, type Tab } from "../route";
import type { AppConfigResponse, MeResponse } from "../types";
import "./ms-chat";
import "./ms-kb";
import "./ms-login";
import "./ms-tickets";
import "./ms-ticket";

/** Fired on the app when ticket replies arrived, so an open list or ticket reloads. */
export const UPDATES_EVENT = "ms-updates";

export class MsApp extends LightElement {
  static override properties = {
    config: { state: true },
    me: { state: true },
    offline: { state: true },
    route: { state: true },
    notify: { state: true },
  };

  declare config: AppConfigResponse | null;
  /** undefined while unknown, null when logged out. */
  declare me: MeResponse | null | undefined;
  declare offline: boolean;
  declare route: Route;
  declare notify: Permission;
  /** The language the app speaks (not the element's `lang` attribute). */
  language: Lang = "pt-BR";
  client!: AppClient;
  #poller: TicketPoller | undefined;

  constructor() {
    super();
    this.config = null;
    this.me = undefined;
    this.offline = false;
    this.route = parseRoute(location.hash);
    this.notify = permission();
  }

  get texts(): Texts {
    return TEXTS[this.language];
  }

  override connectedCallback(): void {
    // The shell's "loading" line stays until the first render replaces it.
    this.replaceChildren();
    super.connectedCallback();
    this.client = new AppClient(this.getAttribute("account") ?? "");
    this.#pickLang(this.getAttribute("locale"));
    addEventListener("hashchange", this.#onHash);
    addEventListener("online", this.#start);
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("hashchange", this.#onHash);
    removeEventListener("online", this.#start);
    this.#poller?.stop();
  }

  #pickLang(locale: string | null | undefined): void {
    this.language = pickLang(new URLSearchParams(location.search).get("lang"), ...navigator.languages, locale);
    document.documentElement.lang = this.language;
  }

  #onHash = (): void => {
    this.route = parseRoute(location.hash);
  };

  /** Loads the config and the session; offline when either cannot reach the server. */
  #start = async (): Promise<void> => {
    try {
      this.config = await this.client.config();
      this.#pickLang(this.config.locale);
      this.setMe(await this.client.me());
      this.offline = false;
    } catch (error) {
      this.offline = error instanceof Offline;
      if (!this.offline) console.error("Meu Suporte could not start", error);
    }
  };

  /** The customer logged in (or out): starts or stops the ticket notifications. */
  setMe(me: MeResponse | null): void {
    this.me = me;
    if (!me) {
      this.#poller?.stop();
      this.#poller = undefined;
      return;
    }
    this.#poller ??= new TicketPoller(
      this.client,
      (replies) => this.dispatchEvent(new CustomEvent(UPDATES_EVENT, { detail: replies })),
      (reply) => ({ title: this.texts.notifyTicket(reply.number), body: `${reply.authorName}: ${reply.subject}`, hash: ticketHash(reply.ticketId) }),
      this.iconUrl(),
    );
    this.#poller.start();
  }

  /** The app's icon, for notifications. */
  iconUrl(): string {
    return `${this.getAttribute("base") ?? "/"}icon-192.png`;
  }

  /** Polls ticket replies now (the browser test's clock is the real one: 30 s is long). */
  pollNow(): Promise<void> {
    return this.#poller?.poll() ?? Promise.resolve();
  }

  async #logout(): Promise<void> {
    try {
      await this.client.logout();
      this.setMe(null);
      location.hash = TAB_HASH.tickets;
    } catch (error) {
      if (error instanceof Offline) this.offline = true;
    }
  }

  /** Asks for the notification permission (from the customer's click). */
  async askNotify(): Promise<void> {
    this.notify = await requestPermission();
  }

  override render() {
    const t = this.texts;
    const chatOn = !!this.config?.chat;
    const tab: Tab = this.route.tab === "chat" && !chatOn ? "tickets" : this.route.tab;
    return html`<header class="ms-header">
        <div class="ms-brand">
          <h1>${t.appName}</h1>
          <p>${this.config?.company ?? this.getAttribute("company")}</p>
        </div>
        ${this.me ? html`<button type="button" class="ms-ghost" @click=${() => void this.#logout()}>${t.logout}</button>` : nothing}
      </header>
      <div class="ms-notices" role="status" aria-live="polite">
        ${this.offline
          ? html`<p class="ms-offline" data-testid="offline">
              ${t.offline}
              ${this.#offlineCardShown(tab) ? nothing : html`<button type="button" class="ms-link" @click=${() => void this.#start()}>${t.retry}</button>`}
            </p>`
          : nothing}
        ${this.me && this.notify === "denied" ? html`<p class="ms-hint">${t.notifyDenied}</p>` : nothing}
      </div>
      <main id="ms-main" class="ms-main" data-tab=${tab}>${this.#view(tab)}</main>
      ${chatOn && this.me !== undefined
        ? html`<ms-chat .app=${this} .identity=${this.me?.identity ?? null} ?hidden=${tab !== "chat"}></ms-chat>`
        : nothing}
      ${this.#tabs(tab, chatOn)}`;
  }

  #view(tab: Tab) {
    const route = this.route;
    if (this.#offlineCardShown(tab)) return this.#offlineCard();
    if (this.config === null && this.me === undefined) return html`<p class="ms-empty">${this.texts.loading}</p>`;
    if (tab === "kb") return html`<ms-kb .app=${this} .articleId=${route.tab === "kb" && route.view === "article" ? route.id : null}></ms-kb>`;
    if (tab === "chat") return html`<h2 class="ms-visually-hidden">${this.texts.chatTitle}</h2>`;
    if (!this.me) return html`<ms-login .app=${this}></ms-login>`;
    if (route.tab === "tickets" && route.view === "detail") return html`<ms-ticket .app=${this} .ticketId=${route.id}></ms-ticket>`;
    return html`<ms-tickets .app=${this} .creating=${route.tab === "tickets" && route.view === "new"}></ms-tickets>`;
  }

  /** Whether the view is the offline card (nothing else to show without the server). */
  #offlineCardShown(tab: Tab): boolean {
    return this.offline && (this.me === undefined || (tab === "tickets" && !this.me));
  }

  /** What the view shows when the app started without the server: it says so, with a way to try again. */
  #offlineCard() {
    const t = this.texts;
    return html`<section class="ms-card ms-offline-card" aria-labelledby="ms-offline-title">
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 8.5a15 15 0 0 1 20 0M5.5 12a10 10 0 0 1 13 0M9 15.5a5 5 0 0 1 6 0M3 3l18 18"></path></svg>
      <h2 id="ms-offline-title">${t.offlineTitle}</h2>
      <button type="button" class="ms-primary" @click=${() => void this.#start()}>${t.retry}</button>
    </section>`;
  }

  #tabs(current: Tab, chatOn: boolean) {
    const t = this.texts;
    const tabs: [Tab, string, string][] = [
      ["tickets", t.tabTickets, "M4 4h16v12H7l-3 3z"],
      ...(chatOn ? ([["chat", t.tabChat, "M3 5h18v11H9l-4 4v-4H3z"]] as [Tab, string, string][]) : []),
      ["kb", t.tabKb, "M5 3h11l3 3v15H5zM8 9h8M8 13h8M8 17h5"],
    ];
    return html`<nav class="ms-tabs" aria-label=${t.tabsLabel}>
      ${tabs.map(
        ([tab, label, icon]) =>
          html`<a href=${TAB_HASH[tab]} data-tab=${tab} aria-current=${current === tab ? "page" : "false"}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${icon}></path></svg><span>${label}</span>
          </a>`,
      )}
    </nav>`;
  }
}

if (!customElements.get("ms-app")) customElements.define("ms-app", MsApp);
