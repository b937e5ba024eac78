/**
 * `<ao-profile-password>`: "Alterar senha" in Meu perfil. The current password, the new one
 * (at least 10 characters) and its confirmation; a wrong current password shows next to its
 * field. The server ends the attendant's other sessions, which the success message says.
 */
import { css, html } from "lit";
import { peopleApi } from "../api-gestao-people";
import { t, type MessageKey } from "../i18n";
import { PASSWORD_MIN, passwordProblems, problemFor } from "../people-errors";
import { AppElement, define } from "./app-element";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";

type PasswordField = "currentPassword" | "newPassword" | "confirmation";

const FIELDS: { name: PasswordField; label: MessageKey; autocomplete: string; testId: string }[] = [
  { name: "currentPassword", label: "profile.currentPassword", autocomplete: "current-password", testId: "profile-current-password" },
  { name: "newPassword", label: "profile.newPassword", autocomplete: "new-password", testId: "profile-new-password" },
  { name: "confirmation", label: "profile.confirmPassword", autocomplete: "new-password", testId: "profile-confirm-password" },
];

export class AoProfilePassword extends AppElement {
  static override properties = {
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
    saved: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    peopleStyles,
    css`
      :host {
        padding: 0;
        margin: 0;
      }
    `,
  ];

  declare errors: Partial<Record<PasswordField, MessageKey>>;
  declare formError: MessageKey | null;
  declare busy: boolean;
  declare saved: boolean;

  constructor() {
    super();
    this.errors = {};
    this.formError = null;
    this.busy = false;
    this.saved = false;
  }

  private check(data: FormData): Partial<Record<PasswordField, MessageKey>> {
    const current = String(data.get("currentPassword") ?? "");
    const problems = passwordProblems(String(data.get("newPassword") ?? ""), String(data.get("confirmation") ?? ""));
    return {
      ...(current === "" ? { currentPassword: "people.error.currentPassword" as const } : {}),
      ...(problems.password ? { newPassword: problems.password } : {}),
      ...(problems.confirmation ? { confirmation: problems.confirmation } : {}),
    };
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.errors = this.check(data);
    this.formError = null;
    this.saved = false;
    if (Object.keys(this.errors).length > 0) return this.showErrors();
    this.busy = true;
    try {
      await this.app.call(() => peopleApi.changePassword(String(data.get("currentPassword")), String(data.get("newPassword"))));
      form.reset();
      this.saved = true;
    } catch (error) {
      const problem = problemFor(error, ["currentPassword", "newPassword"]);
      if (problem.field) this.errors = { [problem.field]: problem.key };
      else this.formError = problem.key;
      void this.showErrors();
    } finally {
      this.busy = false;
    }
  }

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    focusFirstInvalid(this.renderRoot);
  }

  override render() {
    return html`<form novalidate @submit=${this.submit}>
      <fieldset>
        <legend>${t("profile.password")}</legend>
        ${FIELDS.map((f) => {
          const id = `password-${f.name}`;
          const error = this.errors[f.name];
          const hint = f.name === "newPassword" ? "password-hint" : undefined;
          return html`<div class="field">
            <label for=${id}>${t(f.label)}</label>
            <input
              id=${id}
              name=${f.name}
              type="password"
              required
              autocomplete=${f.autocomplete}
              data-testid=${f.testId}
              aria-invalid=${invalid(error)}
              aria-describedby=${describedBy(id, error, hint)}
            />
            ${hint ? html`<p id=${hint} class="hint">${t("invite.passwordHint", { n: PASSWORD_MIN })}</p>` : ""}
            ${fieldError(id, error)}
          </div>`;
        })}
        <div class="actions">
          <button type="submit" class="primary" data-testid="profile-password-save" ?disabled=${this.busy}>${t("profile.changePassword")}</button>
          <p class="form-message saved" role="status" data-testid="profile-password-saved">${this.saved ? t("profile.passwordChanged") : ""}</p>
        </div>
        <p class="form-message error" role="alert" data-testid="profile-password-error">${this.formError ? t(this.formError) : ""}</p>
      </fieldset>
    </form>`;
  }
}
define("ao-profile-password", AoProfilePassword);
