/**
 * `<ms-login>`: the customer's login (e-mail and password, `POST /api/p/:key/login`), with
 * links to the Painel do Cliente's sign-up and password-reset pages. An error is shown under
 * the form and announced.
 */
import { html } from "lit";
import { ApiFailure, Offline } from "../api";
import { LightElement } from "../light-element";
import type { MsApp } from "./ms-app";

/** The Painel do Cliente's own pages for what the app does not do itself. */
export const panelPage = (key: string, page: "signup" | "forgot"): string => `/p/${encodeURIComponent(key)}/${page}`;

export class MsLogin extends LightElement {
  static override properties = { app: { attribute: false }, busy: { state: true }, error: { state: true } };
  declare app: MsApp;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.busy = false;
    this.error = "";
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.busy) return;
    const data = new FormData(form);
    const t = this.app.texts;
    this.busy = true;
    this.error = "";
    try {
      await this.app.client.login(String(data.get("email") ?? "").trim(), String(data.get("password") ?? ""));
      this.app.setMe(await this.app.client.me());
    } catch (error) {
      this.error =
        error instanceof Offline
          ? t.offline
          : error instanceof ApiFailure && error.code === "invalid_credentials"
            ? t.invalidCredentials
            : error instanceof ApiFailure && error.code === "rate_limited"
              ? t.rateLimited
              : t.genericError;
      form.querySelector<HTMLInputElement>("#ms-email")?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.app.texts;
    const key = this.app.getAttribute("account") ?? "";
    return html`<section class="ms-card ms-login" aria-labelledby="ms-login-title">
      <h2 id="ms-login-title">${t.loginTitle}</h2>
      <form @submit=${(event: SubmitEvent) => void this.#submit(event)} novalidate>
        <div class="ms-field">
          <label for="ms-email">${t.email}</label>
          <input id="ms-email" name="email" type="email" autocomplete="email" spellcheck="false" required maxlength="254"
            aria-describedby="ms-login-error" aria-invalid=${this.error ? "true" : "false"} />
        </div>
        <div class="ms-field">
          <label for="ms-password">${t.password}</label>
          <input id="ms-password" name="password" type="password" autocomplete="current-password" required maxlength="200" aria-describedby="ms-login-error" />
        </div>
        <p id="ms-login-error" class="ms-error" role="alert">${this.error}</p>
        <button type="submit" class="ms-primary" aria-disabled=${this.busy ? "true" : "false"}>${this.busy ? t.loggingIn : t.login}</button>
      </form>
      <p class="ms-links">
        <a href=${panelPage(key, "forgot")}>${t.forgot}</a>
        <span>${t.noAccount} <a href=${panelPage(key, "signup")}>${t.signUp}</a></span>
      </p>
    </section>`;
  }
}

if (!customElements.get("ms-login")) customElements.define("ms-login", MsLogin);
