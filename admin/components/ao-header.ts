/**
 * `<ao-header>`: account and attendant (name, role), the online/offline toggle, the sections
 * the role may open (Atendimento Online, Histórico, Mensagens Offline, Personalizar chat,
 * Integrar e Publicar, Satisfação), the language switch and logout.
 */
import { css, html } from "lit";
import { canOpen } from "../app";
import { t, type MessageKey } from "../i18n";
import type { Route } from "../store";
import { AppElement, define } from "./app-element";
import "./ao-language";

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
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        background: var(--ao-surface);
        border-bottom: 1px solid var(--ao-border);
      }
      .brand {
        font-weight: 600;
        margin-right: auto;
      }
      .brand small {
        font-weight: normal;
        color: var(--ao-muted);
        margin-left: 0.4rem;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      nav a {
        display: inline-block;
        padding: 0.35rem 0.7rem;
        border-radius: var(--ao-radius);
        color: inherit;
        text-decoration: none;
      }
      nav a[aria-current="page"] {
        background: var(--ao-hover);
        font-weight: 600;
      }
      .who {
        color: inherit;
        text-decoration: none;
        display: grid;
        line-height: 1.2;
        text-align: right;
      }
      .who small {
        color: var(--ao-muted);
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

  override render() {
    const { me, account, route } = this.app.store;
    if (!me) return html``;
    const online = me.chatStatus === "online";
    const current = route.page === "transcript" ? "history" : canOpen(me.role, route.page) ? route.page : "live";
    return html`<header>
      <div class="brand">${t("app.title")}${account ? html`<small>${account.name}</small>` : ""}</div>
      <nav aria-label=${t("nav.label")}>
        <ul>
          ${SECTIONS.filter((s) => canOpen(me.role, s.page)).map(
            (s) => html`<li>
              <a href=${s.hash} data-testid=${s.testId} aria-current=${s.page === current ? "page" : "false"}>${t(s.label)}</a>
            </li>`,
          )}
        </ul>
      </nav>
      <a class="who" href="#/profile" data-testid="nav-profile" title=${t("nav.profile")} aria-current=${current === "profile" ? "page" : "false"}>
        <span>${me.name}</span>
        <small>${t(`role.${me.role}`)}</small>
      </a>
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
        <ao-language .app=${this.app}></ao-language>
        <button type="button" data-testid="logout" @click=${() => this.app.logout()}>${t("header.logout")}</button>
      </div>
    </header>`;
  }
}
define("ao-header", AoHeader);
