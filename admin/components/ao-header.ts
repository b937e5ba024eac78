/**
 * `<ao-header>`: the product's name, the sections the role may open on one row (`<ao-nav>`, with
 * a "Mais" menu for those that do not fit), the online/offline toggle and the attendant's menu
 * (`<ao-user-menu>`: name, role, account, profile, language, logout). One row from 1024 px.
 */
import { css, html } from "lit";
import { canOpen } from "../app";
import { t, type MessageKey } from "../i18n";
import type { Route } from "../store";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import "./ao-nav";
import "./ao-user-menu";

/** The sections, in the order shown. A transcript belongs to the Histórico. */
const SECTIONS: { page: Route["page"]; hash: string; label: MessageKey; testId: string }[] = [
  { page: "live", hash: "#/", label: "nav.live", testId: "nav-live" },
  { page: "supervision", hash: "#/supervision", label: "nav.supervision", testId: "nav-supervision" },
  { page: "history", hash: "#/history", label: "nav.history", testId: "nav-history" },
  { page: "offline", hash: "#/offline", label: "nav.offline", testId: "nav-offline" },
  { page: "tickets", hash: "#/tickets", label: "nav.tickets", testId: "nav-tickets" },
  { page: "customize", hash: "#/customize", label: "nav.customize", testId: "nav-customize" },
  { page: "publish", hash: "#/publish", label: "nav.publish", testId: "nav-publish" },
  { page: "satisfaction", hash: "#/satisfaction", label: "nav.satisfaction", testId: "nav-satisfaction" },
  { page: "gestao", hash: "#/gestao", label: "nav.gestao", testId: "nav-gestao" },
];

export class AoHeader extends AppElement {
  static override properties = { busy: { state: true } };
  static override styles = [
    ...AppElement.styles,
    css`
      header {
        display: flex;
        flex-wrap: nowrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        background: var(--ao-surface);
        border-bottom: 1px solid var(--ao-border);
      }
      .brand {
        font-weight: 600;
        white-space: nowrap;
      }
      ao-nav {
        flex: 1 1 0;
        min-width: 0;
      }
      /* The first section is "Atendimento Online" too: below 1440 px the row keeps its room for sections. */
      @media (max-width: 89.99rem) {
        .brand {
          display: none;
        }
      }
      /* On a phone: the brand and the account on the first row, the menu and the status below. */
      @media (max-width: 40rem) {
        header {
          flex-wrap: wrap;
        }
        .actions {
          margin-left: auto;
        }
        ao-nav {
          order: 3;
          flex: 1 1 100%;
        }
      }
      .brand small {
        font-weight: normal;
        color: var(--ao-muted);
        margin-left: 0.4rem;
      }
      [data-testid="status-toggle"] {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        min-width: 6.5rem;
      }
      [data-testid="status-toggle"][aria-pressed="true"] {
        border-color: var(--ao-online);
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
    `,
  ];

  declare busy: boolean;

  constructor() {
    super();
    this.busy = false;
  }

  private async toggle(online: boolean): Promise<void> {
    this.busy = true;
    await this.app.setOnline(online);
    this.busy = false;
  }

  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    const { me, account, route } = this.app.store;
    if (!me) return html``;
    const online = me.chatStatus === "online";
    const current = route.page === "transcript" ? "history" : canOpen(me.role, route.page) ? route.page : "live";
    return html`<header>
      <div class="brand" title=${account?.name ?? ""}>${t("app.title")}</div>
      <ao-nav .app=${this.app} .links=${SECTIONS.filter((s) => canOpen(me.role, s.page))} current=${current}></ao-nav>
      <div class="actions">
        <button
          type="button"
          data-testid="status-toggle"
          aria-pressed=${online ? "true" : "false"}
          aria-label=${`${online ? t("status.online") : t("status.offline")}: ${t("status.available")}`}
          title=${t("status.available")}
          ?disabled=${this.busy}
          @click=${() => this.toggle(!online)}
        >
          <span class="dot ${online ? "online" : ""}" aria-hidden="true"></span>
          <span aria-hidden="true">${online ? t("status.online") : t("status.offline")}</span>
        </button>
        <ao-user-menu .app=${this.app} current=${current}></ao-user-menu>
      </div>
    </header>`;
  }
}
define("ao-header", AoHeader);
