/**
 * `<ao-customer-invite>`: "Convidar para o Painel do Cliente" on a customer's detail
 * (administrators and managers). POST /api/customers/:id/invitation; the answer's link is shown
 * with a copy button, so it can be sent by hand when the account's e-mail is not set up.
 */
import { css, html, nothing } from "lit";
import type { CustomerInvitationResponse } from "../../worker/views-panel";
import { request } from "../api";
import { formFailure } from "../form-failure";
import { t } from "../i18n";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";
import "./ao-copy-field";

export class AoCustomerInvite extends AppElement {
  static override properties = {
    customerId: { attribute: false },
    email: { attribute: false },
    sending: { state: true },
    result: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      :host {
        display: block;
        padding: 0;
        max-width: none;
      }
      button {
        margin: 0.3rem 0 0.6rem;
      }
      /* Kept in the page while empty (live regions announce what appears in them), without room. */
      p[role="status"]:empty,
      p[role="alert"]:empty {
        margin: 0;
      }
    `,
  ];

  declare customerId: string;
  declare email: string;
  declare sending: boolean;
  declare result: CustomerInvitationResponse | null;
  declare error: string;

  constructor() {
    super();
    this.customerId = "";
    this.email = "";
    this.sending = false;
    this.result = null;
    this.error = "";
  }

  private async invite(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    this.error = "";
    try {
      this.result = await this.app.call(() => request<CustomerInvitationResponse>("POST", `/api/customers/${encodeURIComponent(this.customerId)}/invitation`));
    } catch (error) {
      this.error = formFailure(error, {}).text;
    }
    this.sending = false;
  }

  override render() {
    const result = this.result;
    return html`<fieldset>
      <legend>${t("panelInvite.heading")}</legend>
      <p class="hint">${t("panelInvite.intro")}</p>
      <button type="button" data-testid="customer-invite" ?disabled=${this.sending} @click=${this.invite}>
        ${this.sending ? t("panelInvite.sending") : t("panelInvite.button")}
      </button>
      <p role="status" data-testid="customer-invite-status">${result ? (result.emailed ? t("panelInvite.emailed", { email: this.email }) : t("panelInvite.notEmailed")) : ""}</p>
      <p role="alert" class="error">${this.error}</p>
      ${result
        ? html`<ao-copy-field .app=${this.app} label=${t("panelInvite.link")} .value=${result.url} field-testid="customer-invite-url" copy-testid="customer-invite-copy"></ao-copy-field>`
        : nothing}
    </fieldset>`;
  }
}
define("ao-customer-invite", AoCustomerInvite);
