/**
 * `<ao-app>`: the console's root. Boots the {@link AdminApp} and shows the login form or the
 * console (header, the page of the route, notices). A page the role may not open shows the
 * live desk instead. Keeps the page title and `lang` in step: the title counts the customers
 * waiting and the unread messages (message-alert.ts), for an attendant on another tab.
 */
import { css, html } from "lit";
import { AdminApp, canOpen } from "../app";
import { t } from "../i18n";
import { titleCount } from "../message-alert";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import "./ao-customize";
import "./ao-gestao";
import "./ao-invite";
import "./ao-profile";
import "./ao-desk";
import "./ao-header";
import "./ao-history";
import "./ao-login";
import "./ao-notices";
import "./ao-offline";
import "./ao-tickets";
import "./ao-ticket";
import "./ao-publish";
import "./ao-satisfaction";
import "./ao-supervision";
import "./ao-transcript";

/** A burst of store changes (several a second on a busy desk) sets the title once, this long after the first. */
const TITLE_DELAY_MS = 1_000;

export class AoApp extends AppElement {
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100vh;
        height: 100dvh;
      }
      main {
        flex: 1;
        min-height: 0;
        overflow: auto;
      }
      ao-desk {
        height: 100%;
      }
      .loading {
        margin: auto;
        color: var(--ao-muted);
      }
    `,
  ];

  constructor() {
    super();
    this.app = new AdminApp();
  }

  private titleTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * The title follows every change (unread messages), without re-rendering the page for it,
   * and after the frame that shows the change: setting `document.title` took 0.3–9 ms in
   * Chromium with 500 chats waiting, on every message to a chat not on screen.
   */
  private readonly onChange = (): void => {
    this.syncLang();
    this.titleTimer ??= setTimeout(this.setTitle, TITLE_DELAY_MS);
  };

  private readonly setTitle = (): void => {
    if (this.titleTimer !== null) clearTimeout(this.titleTimer);
    this.titleTimer = null;
    const count = titleCount(this.app.store);
    const title = count > 0 ? `(${count}) ${t("app.title")}` : t("app.title");
    if (document.title !== title) document.title = title;
  };

  /** Setting `lang` restyles the whole document, even to the same value (5,500 elements with 500 chats waiting: 20–30 ms a message). */
  private syncLang(): void {
    const locale = this.app.store.locale;
    if (document.documentElement.lang !== locale) document.documentElement.lang = locale;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.app.store.addEventListener("change", this.onChange);
    void this.app.boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.app.store.removeEventListener("change", this.onChange);
    if (this.titleTimer !== null) clearTimeout(this.titleTimer);
    this.titleTimer = null;
  }

  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  /** A change of language or session shows in the title at once. */
  protected override updated(): void {
    this.syncLang();
    this.setTitle();
  }

  override render() {
    const store = this.app.store;
    if (store.phase === "loading") return html`<p class="loading" role="status">${t("app.loading")}</p>`;
    if (store.phase === "login") return html`<ao-login .app=${this.app}></ao-login>`;
    if (store.phase === "invite") return html`<ao-invite .app=${this.app}></ao-invite>`;
    return html`<ao-header .app=${this.app}></ao-header>
      <main>${this.page()}</main>
      <ao-notices .app=${this.app}></ao-notices>`;
  }

  private page() {
    const { route, me } = this.app.store;
    if (!me || !canOpen(me.role, route.page)) return html`<ao-desk .app=${this.app}></ao-desk>`;
    switch (route.page) {
      case "live":
        return html`<ao-desk .app=${this.app}></ao-desk>`;
      case "history":
        return html`<ao-history .app=${this.app} .search=${route.search ?? ""}></ao-history>`;
      case "transcript":
        return html`<ao-transcript .app=${this.app} chat-id=${route.chatId}></ao-transcript>`;
      case "offline":
        return html`<ao-offline .app=${this.app}></ao-offline>`;
      case "customize":
        return html`<ao-customize .app=${this.app}></ao-customize>`;
      case "publish":
        return html`<ao-publish .app=${this.app}></ao-publish>`;
      case "satisfaction":
        return html`<ao-satisfaction .app=${this.app}></ao-satisfaction>`;
      case "gestao":
        return html`<ao-gestao .app=${this.app}></ao-gestao>`;
      case "profile":
        return html`<ao-profile .app=${this.app}></ao-profile>`;
      case "supervision":
        return html`<ao-supervision .app=${this.app}></ao-supervision>`;
      case "tickets":
        return route.id ? html`<ao-ticket .app=${this.app} ticket-id=${route.id}></ao-ticket>` : html`<ao-tickets .app=${this.app}></ao-tickets>`;
    }
  }
}
define("ao-app", AoApp);
