/**
 * `<ao-email>`: Gestão › E-mail (administrators; docs/API.md "E-mail"). The account's SMTP
 * server and sender, saved together, with refusals shown next to their field; the password is
 * write-only (the page only knows whether one is set); a test e-mail sent directly, whose
 * outcome is the SMTP server's own answer; and the outbox (`<ao-outbox>`).
 */
import { css, html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import type { EmailSettingsView } from "../../worker/views-email";
import { ApiError } from "../api";
import { emailApi } from "../api-email";
import { DEFAULT_PORTS, emailBody, emailDraft, emailField, EMAIL_ERROR_KEYS, SECURITY_MODES, testOutcome, type EmailDraft, type EmailErrors, type EmailField } from "../email-form";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import "./ao-outbox";

/** The outcome of the last test, as a text (key and parameters) and whether it went through. */
type TestState = { kind: "idle" } | { kind: "sending" } | { kind: "done"; ok: boolean; key: MessageKey; params: Record<string, string> };

const STAGES = new Set(["connect", "greeting", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "settings"]);

export class AoEmail extends AppElement {
  static override properties = {
    view: { state: true },
    draft: { state: true },
    errors: { state: true },
    formError: { state: true },
    saving: { state: true },
    saved: { state: true },
    testTo: { state: true },
    test: { state: true },
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
      .row > .field.narrow {
        flex: 0 1 8rem;
      }
      input,
      select {
        width: 100%;
        min-width: 0;
      }
      .check input {
        width: auto;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.8rem;
        margin-top: 1rem;
      }
      /* --ao-online is too light for small text on white; this green reads at 5.9:1. */
      .saved,
      .ok {
        color: #137333;
      }
      .outcome {
        margin: 0.6rem 0 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare view: EmailSettingsView | null;
  declare draft: EmailDraft | null;
  declare errors: EmailErrors;
  declare formError: string;
  declare saving: boolean;
  declare saved: boolean;
  declare testTo: string;
  declare test: TestState;
  private loadError: MessageKey | null = null;

  constructor() {
    super();
    this.view = null;
    this.draft = null;
    this.errors = {};
    this.formError = "";
    this.saving = false;
    this.saved = false;
    this.testTo = "";
    this.test = { kind: "idle" };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.setView(await this.app.call(() => emailApi.settings()));
    } catch (error) {
      this.loadError = errorKey(error);
      this.requestUpdate();
    }
  }

  private setView(view: EmailSettingsView): void {
    this.view = view;
    this.draft = emailDraft(view);
  }

  private edit(patch: Partial<EmailDraft>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch };
    this.saved = false;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.draft || this.saving) return;
    this.saved = false;
    this.formError = "";
    const checked = emailBody(this.draft);
    this.errors = "errors" in checked ? checked.errors : {};
    if ("body" in checked) {
      this.saving = true;
      try {
        this.setView(await this.app.call(() => emailApi.saveSettings(checked.body)));
        this.saved = true;
      } catch (error) {
        this.refused(error);
      }
      this.saving = false;
    }
    await this.updateComplete;
    focusFirstInvalid(this.renderRoot);
  }

  private refused(error: unknown): void {
    const field = error instanceof ApiError && error.status === 400 ? emailField(error.field) : null;
    if (field) this.errors = { [field]: EMAIL_ERROR_KEYS[field] };
    else if (error instanceof ApiError && error.code === "email_secret_missing") this.formError = t("email.error.secretMissing");
    else if (error instanceof ApiError && error.status === 400) this.formError = t("form.rejected", { message: error.message });
    else this.formError = t(errorKey(error));
  }

  private async sendTest(): Promise<void> {
    if (this.test.kind === "sending") return;
    this.test = { kind: "sending" };
    try {
      const answer = await this.app.call(() => emailApi.sendTest(this.testTo.trim() || undefined));
      const { key, params } = testOutcome(answer);
      const stage = params.stage;
      if (stage && STAGES.has(stage)) params.stage = t(`email.stage.${stage}` as MessageKey);
      this.test = { kind: "done", ok: answer.sent, key, params };
    } catch (error) {
      const key: MessageKey =
        error instanceof ApiError && error.code === "email_not_configured"
          ? "email.test.notConfigured"
          : error instanceof ApiError && error.status === 400
            ? "email.error.fromAddress"
            : errorKey(error);
      this.test = { kind: "done", ok: false, key, params: {} };
    }
  }

  private field(id: EmailField, label: MessageKey, control: unknown, hint?: string) {
    const error = this.errors[id];
    const hintId = hint ? `email-${id}-hint` : undefined;
    return html`<div class="field ${id === "port" ? "narrow" : ""}">
      <label for="email-${id}">${t(label)}</label>
      ${control} ${hint ? html`<p id=${hintId!} class="hint">${hint}</p>` : nothing} ${fieldError(`email-${id}`, error)}
    </div>`;
  }

  private input(id: EmailField, draft: EmailDraft, type = "text", extra: { autocomplete?: string; hint?: boolean } = {}) {
    const error = this.errors[id];
    const value = id === "password" ? draft.password : (draft[id] as string);
    return html`<input
      id="email-${id}"
      name=${id}
      type=${type}
      data-testid="email-${id}"
      autocomplete=${extra.autocomplete ?? "off"}
      .value=${live(value)}
      aria-invalid=${invalid(error)}
      aria-describedby=${describedBy(`email-${id}`, error, extra.hint ? `email-${id}-hint` : undefined)}
      @input=${(e: Event) => this.edit({ [id]: (e.target as HTMLInputElement).value })}
    />`;
  }

  private securitySelect(draft: EmailDraft) {
    return html`<select
      id="email-security"
      name="security"
      data-testid="email-security"
      aria-describedby=${describedBy("email-security", this.errors.security, "email-security-hint")}
      aria-invalid=${invalid(this.errors.security)}
      @change=${(e: Event) => {
        const security = SECURITY_MODES.find((m) => m === (e.target as HTMLSelectElement).value);
        // The usual port comes with the mode, unless the administrator typed another one.
        const usual = Object.values(DEFAULT_PORTS).map(String).includes(draft.port.trim()) || draft.port.trim() === "";
        if (security) this.edit(usual ? { security, port: String(DEFAULT_PORTS[security]) } : { security });
      }}
    >
      ${SECURITY_MODES.map((m) => html`<option value=${m} .selected=${m === draft.security}>${t(`email.security.${m}`)}</option>`)}
    </select>`;
  }

  private form(draft: EmailDraft, view: EmailSettingsView) {
    return html`<form novalidate @submit=${this.save} data-testid="email-form">
      <fieldset>
        <legend>${t("email.settingsHeading")}</legend>
        <div class="row">
          ${this.field("host", "email.host", this.input("host", draft, "text", { hint: true }), t("email.hostHint"))}
          ${this.field("port", "email.port", this.input("port", draft, "text"))}
        </div>
        ${this.field("security", "email.security", this.securitySelect(draft), t("email.securityHint"))}
        <div class="row">
          ${this.field("username", "email.username", this.input("username", draft, "text", { autocomplete: "username" }))}
          ${this.field(
            "password",
            "email.password",
            this.input("password", draft, "password", { autocomplete: "new-password", hint: true }),
            view.passwordSet ? t("email.passwordSet") : t("email.passwordUnset"),
          )}
        </div>
        ${view.passwordSet
          ? html`<div class="check">
              <input
                id="email-remove-password"
                type="checkbox"
                data-testid="email-remove-password"
                .checked=${live(draft.removePassword)}
                @change=${(e: Event) => this.edit({ removePassword: (e.target as HTMLInputElement).checked })}
              />
              <label for="email-remove-password">${t("email.removePassword")}</label>
            </div>`
          : nothing}
        <div class="row">
          ${this.field("fromName", "email.fromName", this.input("fromName", draft))}
          ${this.field("fromAddress", "email.fromAddress", this.input("fromAddress", draft, "email", { hint: true }), t("email.fromAddressHint"))}
        </div>
        <div class="actions">
          <button type="submit" class="primary" data-testid="email-save" ?disabled=${this.saving}>
            ${this.saving ? t("customize.saving") : t("customize.save")}
          </button>
          <span role="status" class="saved" data-testid="email-saved">${this.saved ? t("customize.saved") : ""}</span>
          <span role="alert" class="error" data-testid="email-form-error">${this.formError}</span>
        </div>
      </fieldset>
    </form>`;
  }

  private testSection() {
    const test = this.test;
    const me = this.app.store.me;
    return html`<fieldset data-testid="email-test">
      <legend>${t("email.test.heading")}</legend>
      <div class="field">
        <label for="email-test-to">${t("email.test.to")}</label>
        <input
          id="email-test-to"
          type="email"
          data-testid="email-test-to"
          aria-describedby="email-test-to-hint"
          .value=${live(this.testTo)}
          @input=${(e: Event) => (this.testTo = (e.target as HTMLInputElement).value)}
        />
        <p id="email-test-to-hint" class="hint">${t("email.test.toHint", { email: me?.email ?? "" })}</p>
      </div>
      <div class="actions">
        <button type="button" data-testid="email-test-send" ?disabled=${test.kind === "sending"} @click=${() => void this.sendTest()}>
          ${test.kind === "sending" ? t("email.test.sending") : t("email.test.send")}
        </button>
      </div>
      <div role="status" aria-live="polite">
        ${test.kind === "done"
          ? html`<p class="outcome ${test.ok ? "ok" : "error"}" data-testid="email-test-outcome" data-ok=${String(test.ok)}>${t(test.key, test.params)}</p>`
          : nothing}
      </div>
    </fieldset>`;
  }

  override render() {
    const heading = html`<h1>${t("email.heading")}</h1>
      <p class="intro muted">${t("email.intro")}</p>`;
    if (this.loadError) return html`${heading}<p class="error" role="alert">${t(this.loadError)}</p>`;
    if (!this.view || !this.draft) return html`${heading}<p class="muted" role="status">${t("page.loading")}</p>`;
    return html`${heading} ${this.form(this.draft, this.view)} ${this.testSection()}
      <ao-outbox .app=${this.app}></ao-outbox>`;
  }
}
define("ao-email", AoEmail);
