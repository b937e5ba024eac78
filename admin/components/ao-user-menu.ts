/**
 * `<ao-user-menu>`: the signed-in attendant's name and role as a disclosure button; its menu
 * holds the account's name, "Meu perfil", the language switch and "Sair". Keeping these out of
 * the header's row is what lets the header fit on one row from 1024 px.
 */
import { css, html } from "lit";
import { t } from "../i18n";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import "./ao-language";

export class AoUserMenu extends AppElement {
  static override properties = { ...AppElement.properties, current: {}, open: { state: true } };
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        position: relative;
        display: block;
      }
      .toggle {
        display: grid;
        line-height: 1.2;
        text-align: right;
        max-width: 12rem;
      }
      .toggle span {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .toggle small {
        color: var(--ao-muted);
      }
      .menu {
        position: absolute;
        z-index: 20;
        top: calc(100% + 0.3rem);
        right: 0;
        display: grid;
        gap: 0.5rem;
        min-width: 14rem;
        padding: 0.6rem;
        background: var(--ao-surface);
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        box-shadow: 0 6px 20px rgba(0, 0, 0, 0.15);
      }
      .menu[hidden] {
        display: none;
      }
      .account {
        color: var(--ao-muted);
        font-size: 0.85rem;
      }
      a[aria-current="page"] {
        font-weight: 600;
      }
    `,
  ];

  declare current: string;
  declare open: boolean;
  private readonly outside = (event: Event): void => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  constructor() {
    super();
    this.current = "";
    this.open = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("click", this.outside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("click", this.outside);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== "Escape" || !this.open) return;
    this.open = false;
    this.renderRoot.querySelector<HTMLButtonElement>(".toggle")?.focus();
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    const { me, account } = this.app.store;
    if (!me) return html``;
    return html`<div @keydown=${this.onKey}>
      <button
        type="button"
        class="toggle"
        data-testid="user-menu"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls="user-menu-panel"
        @click=${() => (this.open = !this.open)}
      >
        <span>${me.name}</span>
        <small>${t(`role.${me.role}`)}</small>
      </button>
      <div class="menu" id="user-menu-panel" ?hidden=${!this.open}>
        ${account ? html`<span class="account">${account.name}</span>` : ""}
        <a href="#/profile" data-testid="nav-profile" aria-current=${this.current === "profile" ? "page" : "false"} @click=${() => (this.open = false)}
          >${t("nav.profile")}</a
        >
        <ao-language .app=${this.app}></ao-language>
        <button type="button" data-testid="logout" @click=${() => this.app.logout()}>${t("header.logout")}</button>
      </div>
    </div>`;
  }
}
define("ao-user-menu", AoUserMenu);
