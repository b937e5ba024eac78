/**
 * `<ao-account>`: Gestão › Configurações da Conta (administrators; GET/PATCH /api/account).
 * Company name, time zone, default language, the sites allowed to use the widget and data
 * retention, saved together, with refusals shown next to their field; the account's keys
 * (`<ao-account-keys>`); and the account's other settings pages, the coming ones listed without
 * links. A new public key is written to the store, so Integrar e Publicar shows the new snippet.
 */
import { css, html } from "lit";
import type { AccountView } from "../../worker/views-gestao";
import { filterTimeZones, parseOrigins, parseRetention, timeZoneLabel, timeZones } from "../account-form";
import { gestaoAccountApi, type AccountPatch } from "../api-gestao-account";
import { errorKey } from "../errors";
import { formFailure } from "../form-failure";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import {
  draftOf,
  localeField,
  nameField,
  originsField,
  retentionField,
  timeZoneField,
  type AccountDraft as Draft,
  type AccountField as Field,
  type FieldContext,
  type ZonePicker,
} from "./account-fields";
import { accountPages } from "./account-pages";
import { pageStyles } from "./page-styles";
import "./ao-account-keys";

/** The text of a server refusal about each field (its own message is for developers). */
const FIELD_TEXTS: Record<Field, MessageKey> = {
  name: "account.nameInvalid",
  timeZone: "account.timeZoneInvalid",
  locale: "account.localeInvalid",
  allowedOrigins: "account.originsInvalid",
  retentionDays: "account.retentionInvalid",
};

export class AoAccount extends AppElement {
  static override properties = {
    account: { state: true },
    loadError: { state: true },
    draft: { state: true },
    zoneFilter: { state: true },
    errors: { state: true },
    formError: { state: true },
    saving: { state: true },
    saved: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      :host {
        max-width: 56rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
      }
      .row > .field {
        flex: 1 1 14rem;
        min-width: 0;
        align-content: start;
      }
      input,
      select,
      textarea {
        width: 100%;
        min-width: 0;
      }
      input.days {
        width: 8rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.8rem;
        margin-top: 1rem;
      }
      .pages li {
        padding: 0.25rem 0;
      }
    `,
  ];

  declare account: AccountView | null;
  declare loadError: MessageKey | null;
  declare draft: Draft | null;
  declare zoneFilter: string;
  declare errors: Partial<Record<Field, string>>;
  declare formError: string;
  declare saving: boolean;
  declare saved: boolean;
  private zones: string[] = [];
  private readonly zoneLabels = new Map<string, string>();

  constructor() {
    super();
    this.account = null;
    this.loadError = null;
    this.draft = null;
    this.zoneFilter = "";
    this.errors = {};
    this.formError = "";
    this.saving = false;
    this.saved = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { account } = await this.app.call(() => gestaoAccountApi.account());
      this.zones = timeZones(account.timeZone);
      this.setAccount(account);
    } catch (error) {
      this.loadError = errorKey(error);
    }
  }

  /** Shows the stored account; `keepDraft` leaves unsaved edits alone (a new key changes no field). */
  private setAccount(account: AccountView, keepDraft = false): void {
    this.account = account;
    if (!keepDraft || !this.draft) this.draft = draftOf(account);
    const store = this.app.store;
    // The header and Integrar e Publicar read the account from the store.
    if (store.account) {
      store.account = { ...store.account, name: account.name, publicKey: account.publicKey };
      store.changed();
    }
  }

  private edit(patch: Partial<Draft>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch };
    this.saved = false;
  }

  /** The PATCH body, or the problems to show next to the fields. */
  private body(draft: Draft): { patch: AccountPatch } | { errors: Partial<Record<Field, string>> } {
    const errors: Partial<Record<Field, string>> = {};
    const origins = parseOrigins(draft.origins);
    const retention = parseRetention(draft.keep, draft.days);
    if (!draft.name.trim()) errors.name = t(FIELD_TEXTS.name);
    if (!origins.ok) errors.allowedOrigins = t(origins.problem.key, origins.problem.params);
    if (!retention.ok) errors.retentionDays = t(retention.problem.key, retention.problem.params);
    if (!origins.ok || !retention.ok || errors.name) return { errors };
    // Every field, the time zone included: saving confirms it (a step of the first-steps list).
    return {
      patch: { name: draft.name.trim(), timeZone: draft.timeZone, locale: draft.locale, allowedOrigins: origins.origins, retentionDays: retention.days },
    };
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || this.saving) return;
    this.saved = false;
    this.formError = "";
    const body = this.body(draft);
    this.errors = "errors" in body ? body.errors : {};
    if ("patch" in body) {
      this.saving = true;
      try {
        const { account } = await this.app.call(() => gestaoAccountApi.updateAccount(body.patch));
        this.setAccount(account);
        this.saved = true;
      } catch (error) {
        const failure = formFailure(error, FIELD_TEXTS);
        if (failure.field) this.errors = { [failure.field]: failure.text };
        else this.formError = failure.text;
      }
      this.saving = false;
    }
    if (Object.keys(this.errors).length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  private form(draft: Draft) {
    const fields: FieldContext = { draft, errors: this.errors, edit: (patch) => this.edit(patch) };
    const zones: ZonePicker = {
      shown: filterTimeZones(this.zones, this.zoneFilter, draft.timeZone),
      filter: this.zoneFilter,
      setFilter: (text) => (this.zoneFilter = text),
      label: (zone) => this.zoneLabel(zone),
    };
    return html`<form @submit=${this.save} novalidate aria-labelledby="account-form-heading">
      <fieldset>
        <legend id="account-form-heading">${t("account.formHeading")}</legend>
        <div class="row">${nameField(fields)} ${localeField(fields)}</div>
        ${timeZoneField(fields, zones)} ${originsField(fields)} ${retentionField(fields)}
        <div class="actions">
          <button type="submit" class="primary" data-testid="account-save" ?disabled=${this.saving}>
            ${this.saving ? t("customize.saving") : t("customize.save")}
          </button>
          <span role="status" class="saved" data-testid="account-saved">${this.saved ? t("customize.saved") : ""}</span>
          <span role="alert" class="error" data-testid="account-form-error">${this.formError}</span>
        </div>
      </fieldset>
    </form>`;
  }

  private zoneLabel(zone: string): string {
    let label = this.zoneLabels.get(zone);
    if (label === undefined) {
      label = timeZoneLabel(zone);
      this.zoneLabels.set(zone, label);
    }
    return label;
  }

  override render() {
    const heading = html`<h1>${t("gestao.account")}</h1>
      <p class="intro muted">${t("account.intro")}</p>`;
    if (this.loadError) return html`${heading}<p class="error" role="alert">${t(this.loadError)}</p>`;
    if (!this.account || !this.draft) return html`${heading}<p class="muted" role="status">${t("page.loading")}</p>`;
    return html`${heading} ${this.form(this.draft)}
      <ao-account-keys .app=${this.app} .account=${this.account} @ao-account-updated=${(e: CustomEvent<AccountView>) => this.setAccount(e.detail, true)}></ao-account-keys>
      ${accountPages()}`;
  }
}
define("ao-account", AoAccount);
