/**
 * `<ao-gestao>`: Gestão (management). A menu of the sections the role may open
 * (Departamentos, Horários de Atendimento, Atendentes, Clientes, Configurações da Conta, Auditoria, E-mail, Rótulos,
 * Base de Conhecimento, Respostas prontas) beside the open one.
 * A section the role may not open shows the first one it may.
 */
import { css, html } from "lit";
import { canOpenSection } from "../app";
import { t, type MessageKey } from "../i18n";
import { GESTAO_SECTIONS, type GestaoSection } from "../store";
import { AppElement, define } from "./app-element";
import "./ao-account";
import "./ao-attendants";
import "./ao-audit";
import "./ao-customers";
import "./ao-departments";
import "./ao-email";
import "./ao-hours";
import "./ao-labels";
import { isSurface } from "./ao-surface-settings";
import "./ao-kb";
import "./ao-canned";

const LABELS: Record<GestaoSection, MessageKey> = {
  departments: "gestao.departments",
  hours: "gestao.hours",
  attendants: "gestao.attendants",
  customers: "gestao.customers",
  account: "gestao.account",
  audit: "gestao.audit",
  email: "gestao.email",
  labels: "gestao.labels",
  kb: "gestao.kb",
  canned: "gestao.canned",
};

export class AoGestao extends AppElement {
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(11rem, 14rem) 1fr;
        min-height: 100%;
      }
      nav {
        border-right: 1px solid var(--ao-border);
        background: var(--ao-surface);
        padding: 1rem 0.5rem;
      }
      nav h2 {
        font-size: 0.8rem;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--ao-muted);
        margin: 0 0.5rem 0.5rem;
      }
      nav a {
        display: block;
        padding: 0.45rem 0.6rem;
        border-radius: var(--ao-radius);
        color: inherit;
        text-decoration: none;
      }
      nav a[aria-current="page"] {
        background: var(--ao-hover);
        font-weight: 600;
      }
      .content {
        min-width: 0;
      }
      @media (max-width: 700px) {
        :host {
          grid-template-columns: 1fr;
        }
        nav {
          border-right: none;
          border-bottom: 1px solid var(--ao-border);
          padding: 0.5rem;
        }
        nav h2 {
          display: none;
        }
        nav ul {
          display: flex;
          flex-wrap: wrap;
          gap: 0.25rem;
        }
      }
    `,
  ];

  override render() {
    const { me, route } = this.app.store;
    if (!me || route.page !== "gestao") return html``;
    const sections = GESTAO_SECTIONS.filter((s) => canOpenSection(me.role, s));
    const current = sections.includes(route.section) ? route.section : sections[0];
    return html`<nav aria-labelledby="gestao-menu">
        <h2 id="gestao-menu">${t("gestao.menu")}</h2>
        <ul>
          ${sections.map(
            (s) => html`<li>
              <a href="#/gestao/${s}" data-testid="gestao-${s}" aria-current=${s === current ? "page" : "false"}>${t(LABELS[s])}</a>
            </li>`,
          )}
        </ul>
      </nav>
      <div class="content">${this.section(current, route.id)}</div>`;
  }

  private section(section: GestaoSection | undefined, id: string | undefined) {
    switch (section) {
      case "departments":
        return html`<ao-departments .app=${this.app}></ao-departments>`;
      case "hours":
        return html`<ao-hours .app=${this.app}></ao-hours>`;
      case "attendants":
        return html`<ao-attendants .app=${this.app}></ao-attendants>`;
      case "customers":
        return html`<ao-customers .app=${this.app} .customerId=${id ?? null}></ao-customers>`;
      case "account":
        // Configurações da Conta's sub-pages: #/gestao/account/<surface>.
        return isSurface(id)
          ? html`<ao-surface-settings .app=${this.app} surface=${id}></ao-surface-settings>`
          : html`<ao-account .app=${this.app}></ao-account>`;
      case "audit":
        return html`<ao-audit .app=${this.app}></ao-audit>`;
      case "email":
        return html`<ao-email .app=${this.app}></ao-email>`;
      case "labels":
        return html`<ao-labels .app=${this.app}></ao-labels>`;
      case "kb":
        return html`<ao-kb .app=${this.app}></ao-kb>`;
      case "canned":
        return html`<ao-canned .app=${this.app}></ao-canned>`;
      default:
        return html``;
    }
  }
}
define("ao-gestao", AoGestao);
