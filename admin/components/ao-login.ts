/**
 * `<ao-login>`: the e-mail and password form. Shows why a sign-in failed (wrong credentials,
 * too many attempts, no connection) in an alert region.
 */
import { css, html } from "lit";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import "./ao-language";

export class AoLogin extends AppElement {
  static override properties = {
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: 1rem;
      }
      form {
        display: grid;
        gap: 0.9rem;
        width: min(100%, 22rem);
        padding: 1.5rem;
        border: 1px solid var(--ao-border);
        border-radius: calc(2 * var(--ao-radius));
        background: var(--ao-surface);
      }
      h1 {
        font-size: 1.3rem;
      }
      label {
        display: grid;
        gap: 0.25rem;
      }
      .error {
        color: var(--ao-danger);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
    `,
  ];

  declare error: MessageKey | null;
  declare busy: boolean;

  constructor() {
    super();
    this.error = null;
    this.busy = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = null;
    this.error = await this.app.login(String(data.get("email") ?? ""), String(data.get("password") ?? ""));
    this.busy = false;
  }

  override render() {
    const message = this.error ?? this.app.store.loginNotice;
    return html`<form @submit=${this.submit} aria-describedby="login-error">
      <div class="top">
        <h1>${t("app.title")}</h1>
        <ao-language .app=${this.app}></ao-language>
      </div>
      <p class="muted">${t("login.heading")}</p>
      <label>
        ${t("login.email")}
        <input name="email" type="email" autocomplete="username" required />
      </label>
      <label>
        ${t("login.password")}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <p id="login-error" class="error" role="alert">${message ? t(message) : ""}</p>
      <button type="submit" class="primary" ?disabled=${this.busy}>
        ${this.busy ? t("login.submitting") : t("login.submit")}
      </button>
    </form>`;
  }
}
define("ao-login", AoLogin);
