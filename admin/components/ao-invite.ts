/**
 * `<ao-invite>`: the invitation page (`/admin/invite/<token>`, no session). Shows who invited
 * whom (company, the attendant's name and e-mail), then a password form (at least 10
 * characters, typed twice). On success the server opens a session and the console starts.
 * An unknown, used or revoked link and an expired one each get their own explanation.
 */
import { css, html, nothing } from "lit";
import type { InvitationInfoResponse } from "../../worker/views-gestao";
import { ApiError } from "../api";
import { peopleApi } from "../api-gestao-people";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { PASSWORD_MIN, passwordProblems, problemFor } from "../people-errors";
import { AppElement, define } from "./app-element";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { peopleStyles } from "./people-styles";
import "./ao-language";

/** Why the link cannot be used: it gets a page of its own, not a form error. */
function deadLink(error: unknown): MessageKey | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === "invitation_expired" || error.status === 410) return "invite.expired";
  if (error.code === "invitation_invalid" || error.status === 404) return "invite.invalid";
  return null;
}

export class AoInvite extends AppElement {
  static override properties = {
    info: { state: true },
    dead: { state: true },
    loadError: { state: true },
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    peopleStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: 1rem;
      }
      .card {
        display: grid;
        gap: 0.9rem;
        width: min(100%, 26rem);
        padding: 1.5rem;
        border: 1px solid var(--ao-border);
        border-radius: calc(2 * var(--ao-radius));
        background: var(--ao-surface);
      }
      h1 {
        font-size: 1.3rem;
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .field {
        display: grid;
        gap: 0.25rem;
      }
      .hint {
        font-size: 0.85rem;
        color: var(--ao-muted);
      }
      .error {
        color: var(--ao-danger);
      }
      input {
        width: 100%;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2rem 0.8rem;
        margin: 0;
      }
      dt {
        color: var(--ao-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare info: InvitationInfoResponse | null;
  declare dead: MessageKey | null;
  declare loadError: MessageKey | null;
  declare errors: { password?: MessageKey; confirmation?: MessageKey };
  declare formError: MessageKey | null;
  declare busy: boolean;

  constructor() {
    super();
    this.info = null;
    this.dead = null;
    this.loadError = null;
    this.errors = {};
    this.formError = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get token(): string {
    return this.app.store.inviteToken ?? "";
  }

  private async load(): Promise<void> {
    this.loadError = null;
    try {
      this.info = await peopleApi.invitation(this.token);
    } catch (error) {
      this.dead = deadLink(error);
      if (!this.dead) this.loadError = problemFor(error, []).key;
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get("password") ?? "");
    this.errors = passwordProblems(password, String(data.get("confirmation") ?? ""));
    this.formError = null;
    if (Object.keys(this.errors).length > 0) {
      await this.updateComplete;
      focusFirstInvalid(this.renderRoot);
      return;
    }
    this.busy = true;
    try {
      const session = await peopleApi.acceptInvitation(this.token, password);
      this.app.enterWith(session);
    } catch (error) {
      this.dead = deadLink(error);
      const problem = problemFor(error, ["password"]);
      if (problem.field === "password") this.errors = { password: problem.key };
      else this.formError = problem.key;
    } finally {
      this.busy = false;
    }
  }

  private head() {
    return html`<div class="head">
      <h1>${t("app.title")}</h1>
      <ao-language .app=${this.app}></ao-language>
    </div>`;
  }

  private passwordField(name: "password" | "confirmation", error: MessageKey | undefined) {
    const id = `invite-${name}`;
    return html`<div class="field">
      <label for=${id}>${t(name === "password" ? "invite.password" : "invite.confirmation")}</label>
      <input
        id=${id}
        name=${name}
        type="password"
        autocomplete="new-password"
        required
        minlength=${PASSWORD_MIN}
        data-testid=${name === "password" ? "invite-password" : "invite-password-confirm"}
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy(id, error, name === "password" ? "invite-password-hint" : undefined)}
      />
      ${name === "password" ? html`<p id="invite-password-hint" class="hint">${t("invite.passwordHint", { n: PASSWORD_MIN })}</p>` : nothing}
      ${fieldError(id, error)}
    </div>`;
  }

  private form(info: InvitationInfoResponse) {
    return html`<form class="card" novalidate @submit=${this.submit}>
      ${this.head()}
      <p>${t("invite.intro", { company: info.account.name })}</p>
      <dl>
        <dt>${t("invite.name")}</dt>
        <dd data-testid="invite-name">${info.attendant.name}</dd>
        <dt>${t("invite.email")}</dt>
        <dd data-testid="invite-email">${info.attendant.email}</dd>
      </dl>
      <h2 class="visually-hidden">${t("invite.heading")}</h2>
      <input type="email" name="username" autocomplete="username" .value=${info.attendant.email} hidden />
      ${this.passwordField("password", this.errors.password)} ${this.passwordField("confirmation", this.errors.confirmation)}
      <p class="hint">${t("invite.expires", { date: formatDateTime(info.expiresAt) })}</p>
      <p class="error" role="alert" data-testid="invite-error">${this.formError ? t(this.formError) : ""}</p>
      <button type="submit" class="primary" data-testid="invite-submit" ?disabled=${this.busy}>
        ${this.busy ? t("invite.submitting") : t("invite.submit")}
      </button>
    </form>`;
  }

  override render() {
    if (this.dead) {
      return html`<div class="card">
        ${this.head()}
        <p class="error" role="alert" data-testid="invite-dead">${t(this.dead)}</p>
        <p>${t("invite.askAgain")}</p>
        <a href="/admin/" data-testid="invite-login">${t("invite.toLogin")}</a>
      </div>`;
    }
    if (this.loadError) {
      return html`<div class="card">
        ${this.head()}
        <p class="error" role="alert">${t(this.loadError)}</p>
        <button type="button" @click=${() => this.load()}>${t("invite.retry")}</button>
      </div>`;
    }
    if (!this.info) return html`<p class="muted" role="status">${t("app.loading")}</p>`;
    return this.form(this.info);
  }
}
define("ao-invite", AoInvite);
