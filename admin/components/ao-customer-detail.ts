/**
 * `<ao-customer-detail>`: one customer in Gestão › Clientes (GET /api/customers/:id). Their
 * data, editable by administrators and department managers (PATCH, errors next to the field);
 * their chats, each opening its transcript; their offline messages; and, for administrators,
 * "Excluir dados do cliente" (the right to be forgotten, DELETE), confirmed by typing the
 * customer's e-mail. Administrators and managers also invite the customer to the Painel do
 * Cliente (`<ao-customer-invite>`).
 *
 * @fires ao-customer-deleted - `detail: { name }` after the customer's data was removed
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { live } from "lit/directives/live.js";
import type { CustomerDetailResponse } from "../../worker/views-gestao";
import { gestaoAccountApi } from "../api-gestao-account";
import { errorKey } from "../errors";
import { formFailure } from "../form-failure";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import type { AoConfirmAction } from "./ao-confirm-action";
import { customerChats, customerOfflineMessages } from "./customer-records";
import { pageStyles } from "./page-styles";
import { tableStyles } from "./table-styles";
import "./ao-confirm-action";
import "./ao-customer-invite";

type Field = "name" | "email";
const FIELD_TEXTS: Record<Field, MessageKey> = { name: "customers.nameInvalid", email: "customers.emailInvalid" };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class AoCustomerDetail extends AppElement {
  static override properties = {
    customerId: { attribute: false },
    detail: { state: true },
    loadError: { state: true },
    name: { state: true },
    email: { state: true },
    errors: { state: true },
    formError: { state: true },
    saving: { state: true },
    saved: { state: true },
    deleting: { state: true },
    deleteError: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    tableStyles,
    css`
      :host {
        padding: 0;
        max-width: none;
      }
      h1 {
        margin-top: 0.6rem;
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2rem 0.8rem;
        margin: 0.6rem 0 1rem;
      }
      dt {
        color: var(--ao-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
      }
      .row > .field {
        flex: 1 1 14rem;
        align-content: start;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.8rem;
        margin-top: 0.8rem;
      }
      section {
        margin-top: 1.4rem;
      }
      .danger-zone {
        border-color: var(--ao-danger);
      }
      caption h2.section {
        margin: 0 0 0.4rem;
      }
      .records {
        display: grid;
        gap: 0.5rem;
      }
      .records li {
        padding: 0.5rem 0.7rem;
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        background: var(--ao-surface);
      }
      .message {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare customerId: string;
  declare detail: CustomerDetailResponse | null;
  declare loadError: MessageKey | null;
  declare name: string;
  declare email: string;
  declare errors: Partial<Record<Field, string>>;
  declare formError: string;
  declare saving: boolean;
  declare saved: boolean;
  declare deleting: boolean;
  declare deleteError: string;

  constructor() {
    super();
    this.customerId = "";
    this.detail = null;
    this.loadError = null;
    this.name = "";
    this.email = "";
    this.errors = {};
    this.formError = "";
    this.saving = false;
    this.saved = false;
    this.deleting = false;
    this.deleteError = "";
  }

  private get myRole() {
    return this.app.store.me?.role;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("customerId") && this.customerId) void this.load(this.customerId);
  }

  private async load(id: string): Promise<void> {
    this.detail = null;
    this.loadError = null;
    try {
      const detail = await this.app.call(() => gestaoAccountApi.customer(id));
      if (id !== this.customerId) return;
      this.detail = detail;
      this.name = detail.customer.name;
      this.email = detail.customer.email;
      this.errors = {};
      this.formError = "";
      this.saved = false;
    } catch (error) {
      if (id !== this.customerId) return;
      const key = errorKey(error);
      this.loadError = key === "notice.notFound" ? "customers.notFound" : key;
    }
  }

  private validate(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!this.name.trim()) errors.name = t(FIELD_TEXTS.name);
    if (!EMAIL.test(this.email.trim())) errors.email = t(FIELD_TEXTS.email);
    return errors;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const detail = this.detail;
    if (!detail || this.saving) return;
    this.saved = false;
    this.formError = "";
    this.errors = this.validate();
    if (Object.keys(this.errors).length > 0) return this.focusInvalid();
    this.saving = true;
    try {
      const patch = { name: this.name.trim(), email: this.email.trim() };
      const { customer } = await this.app.call(() => gestaoAccountApi.updateCustomer(detail.customer.id, patch));
      this.detail = { ...detail, customer };
      this.name = customer.name;
      this.email = customer.email;
      this.saved = true;
    } catch (error) {
      const failure = formFailure(error, FIELD_TEXTS);
      if (failure.field) this.errors = { [failure.field]: failure.text };
      else this.formError = failure.text;
    }
    this.saving = false;
    if (Object.keys(this.errors).length > 0) await this.focusInvalid();
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private async forget(): Promise<void> {
    const detail = this.detail;
    if (!detail || this.deleting) return;
    this.deleting = true;
    this.deleteError = "";
    try {
      await this.app.call(() => gestaoAccountApi.deleteCustomer(detail.customer.id));
      this.renderRoot.querySelector<AoConfirmAction>("ao-confirm-action")?.close();
      const name = detail.customer.name;
      this.dispatchEvent(new CustomEvent("ao-customer-deleted", { detail: { name }, bubbles: true, composed: true }));
    } catch (error) {
      this.deleteError = formFailure(error, {}).text;
    }
    this.deleting = false;
  }

  private input(field: Field, label: string, type: string) {
    const error = this.errors[field];
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        name=${field}
        type=${type}
        autocomplete="off"
        data-testid="customer-${field}"
        .value=${live(this[field])}
        aria-invalid=${error ? "true" : "false"}
        aria-describedby=${error ? `${field}-error` : nothing}
        @input=${(e: Event) => {
          this[field] = (e.target as HTMLInputElement).value;
          this.saved = false;
        }}
      />
      ${error ? html`<p id="${field}-error" class="error">${error}</p>` : nothing}
    </div>`;
  }

  private editForm() {
    return html`<form @submit=${this.save} novalidate aria-labelledby="edit-heading">
      <fieldset>
        <legend id="edit-heading">${t("customers.editHeading")}</legend>
        <div class="row">${this.input("name", t("customers.name"), "text")} ${this.input("email", t("customers.email"), "email")}</div>
        <p class="hint">${t("customers.emailHint")}</p>
        <div class="actions">
          <button type="submit" class="primary" data-testid="customer-save" ?disabled=${this.saving}>
            ${this.saving ? t("customize.saving") : t("customize.save")}
          </button>
          <span role="status" class="saved">${this.saved ? t("customers.saved") : ""}</span>
          <span role="alert" class="error" data-testid="customer-form-error">${this.formError}</span>
        </div>
      </fieldset>
    </form>`;
  }

  private dangerZone(email: string) {
    return html`<section aria-labelledby="forget-heading">
      <fieldset class="danger-zone">
        <legend id="forget-heading">${t("customers.forgetHeading")}</legend>
        <p>${t("customers.forgetIntro")}</p>
        <div class="actions">
          <button type="button" class="danger" data-testid="customer-delete" @click=${() => this.renderRoot.querySelector<AoConfirmAction>("ao-confirm-action")?.show()}>
            ${t("customers.forget")}
          </button>
        </div>
      </fieldset>
      <ao-confirm-action
        .app=${this.app}
        heading=${t("customers.forgetConfirmHeading")}
        confirm-label=${t("customers.forgetConfirm")}
        confirm-testid="customer-delete-confirm"
        .match=${email}
        match-label=${t("customers.forgetTypeEmail", { email })}
        match-testid="customer-delete-email"
        ?busy=${this.deleting}
        .error=${this.deleteError}
        @ao-confirm=${this.forget}
      >
        <p>${t("customers.forgetExplain")}</p>
        <p>${t("customers.forgetKept")}</p>
        <p><strong>${t("customers.forgetIrreversible")}</strong></p>
      </ao-confirm-action>
    </section>`;
  }

  override render() {
    const back = html`<a href="#/gestao/customers" data-testid="customer-back">${t("customers.back")}</a>`;
    if (this.loadError) return html`${back}<p class="error" role="alert">${t(this.loadError)}</p>`;
    if (!this.detail) return html`${back}<p class="muted" role="status">${t("page.loading")}</p>`;
    const { customer, chats, offlineMessages } = this.detail;
    const forgotten = customer.deletedAt !== null;
    const supervisor = this.myRole === "administrator" || this.myRole === "department_manager";
    return html`${back}
      <h1 data-testid="customer-heading">${customer.name || t("customers.noName")}</h1>
      <dl>
        <dt>${t("customers.email")}</dt>
        <dd>${customer.email || "—"}</dd>
        <dt>${t("customers.verified")}</dt>
        <dd>${customer.verified ? html`<span class="badge">${t("customers.verifiedBadge")}</span>` : t("customers.notVerified")}</dd>
        <dt>${t("customers.created")}</dt>
        <dd>${formatDateTime(customer.createdAt)}</dd>
        ${forgotten
          ? html`<dt>${t("customers.deletedAt")}</dt>
              <dd data-testid="customer-deleted-at">${formatDateTime(customer.deletedAt!)}</dd>`
          : nothing}
      </dl>
      ${supervisor && !forgotten ? this.editForm() : nothing}
      ${supervisor && !forgotten && customer.email
        ? html`<section><ao-customer-invite .app=${this.app} .customerId=${customer.id} .email=${customer.email}></ao-customer-invite></section>`
        : nothing}
      <section>${customerChats(chats)}</section>
      <section>${customerOfflineMessages(offlineMessages)}</section>
      ${this.myRole === "administrator" && !forgotten ? this.dangerZone(customer.email) : nothing}`;
  }
}
define("ao-customer-detail", AoCustomerDetail);
