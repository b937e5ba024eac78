/**
 * `<ao-account-keys>`: the account's keys on Configurações da Conta. The public key (the one in
 * the widget snippet) with a copy button and "Gerar nova chave"; the identity-verification
 * secret's "Gerar novo segredo", whose answer is shown here once, with a copy button. Each
 * regeneration is confirmed first: the old key stops opening new chats, the old secret's hashes
 * fail.
 *
 * @fires ao-account-updated - `detail: AccountView` after a new public key
 */
import { css, html, nothing } from "lit";
import type { AccountView } from "../../worker/views-gestao";
import { gestaoAccountApi } from "../api-gestao-account";
import { formFailure } from "../form-failure";
import { t } from "../i18n";
import { AppElement, define } from "./app-element";
import type { AoConfirmAction } from "./ao-confirm-action";
import { pageStyles } from "./page-styles";
import "./ao-confirm-action";
import "./ao-copy-field";

type Which = "key" | "secret";

export class AoAccountKeys extends AppElement {
  static override properties = {
    account: { attribute: false },
    busy: { state: true },
    error: { state: true },
    newSecret: { state: true },
    keyChanged: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      :host {
        padding: 0;
        max-width: none;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.8rem;
        margin-top: 0.6rem;
      }
      .secret {
        margin-top: 0.8rem;
        padding: 0.6rem 0.8rem;
        border: 1px solid var(--ao-border-strong);
        border-radius: var(--ao-radius);
        background: var(--ao-warning-bg);
      }
      ao-copy-field + p {
        margin-top: 0.4rem;
      }
    `,
  ];

  declare account: AccountView;
  declare busy: Which | null;
  declare error: string;
  /** The secret just generated: shown until the page is left or dismissed. */
  declare newSecret: string;
  declare keyChanged: boolean;

  constructor() {
    super();
    this.busy = null;
    this.error = "";
    this.newSecret = "";
    this.keyChanged = false;
  }

  private confirm(which: Which): AoConfirmAction | null {
    return this.renderRoot.querySelector<AoConfirmAction>(`ao-confirm-action[data-which="${which}"]`);
  }

  private ask(which: Which): void {
    this.error = "";
    void this.confirm(which)?.show();
  }

  private async regenerate(which: Which): Promise<void> {
    if (this.busy) return;
    this.busy = which;
    this.error = "";
    try {
      if (which === "key") {
        const { account } = await this.app.call(() => gestaoAccountApi.regeneratePublicKey());
        this.keyChanged = true;
        this.dispatchEvent(new CustomEvent("ao-account-updated", { detail: account, bubbles: true, composed: true }));
      } else {
        const { secret } = await this.app.call(() => gestaoAccountApi.regenerateSecret());
        this.newSecret = secret;
      }
      this.confirm(which)?.close();
    } catch (error) {
      this.error = formFailure(error, {}).text;
    }
    this.busy = null;
  }

  private dialogs() {
    return html`<ao-confirm-action
        data-which="key"
        .app=${this.app}
        heading=${t("account.keyConfirmHeading")}
        confirm-label=${t("account.keyConfirm")}
        confirm-testid="account-regenerate-key-confirm"
        ?busy=${this.busy === "key"}
        .error=${this.error}
        @ao-confirm=${() => this.regenerate("key")}
      >
        <p>${t("account.keyConfirmOld")}</p>
        <p>${t("account.keyConfirmSnippet")}</p>
      </ao-confirm-action>
      <ao-confirm-action
        data-which="secret"
        .app=${this.app}
        heading=${t("account.secretConfirmHeading")}
        confirm-label=${t("account.secretConfirm")}
        confirm-testid="account-regenerate-secret-confirm"
        ?busy=${this.busy === "secret"}
        .error=${this.error}
        @ao-confirm=${() => this.regenerate("secret")}
      >
        <p>${t("account.secretConfirmOld")}</p>
        <p>${t("account.secretConfirmOnce")}</p>
      </ao-confirm-action>`;
  }

  private secretPart() {
    return html`<fieldset data-testid="account-secret-section">
      <legend>${t("account.secretHeading")}</legend>
      <p class="hint">${t("account.secretIntro")}</p>
      ${this.newSecret
        ? html`<div class="secret" data-testid="account-new-secret-box">
            <ao-copy-field
              .app=${this.app}
              label=${t("account.newSecret")}
              .value=${this.newSecret}
              rows="2"
              field-testid="account-new-secret"
              copy-testid="account-copy-secret"
            ></ao-copy-field>
            <p role="status">${t("account.newSecretOnce")}</p>
            <div class="actions">
              <button type="button" data-testid="account-secret-done" @click=${() => (this.newSecret = "")}>${t("account.newSecretDone")}</button>
            </div>
          </div>`
        : nothing}
      <div class="actions">
        <button type="button" class="danger" data-testid="account-regenerate-secret" @click=${() => this.ask("secret")}>
          ${t("account.secretRegenerate")}
        </button>
      </div>
    </fieldset>`;
  }

  override render() {
    return html`<fieldset data-testid="account-key-section">
        <legend>${t("account.keyHeading")}</legend>
        <p class="hint">${t("account.keyIntro")}</p>
        <ao-copy-field
          .app=${this.app}
          label=${t("account.publicKey")}
          .value=${this.account.publicKey}
          rows="1"
          field-testid="account-public-key"
          copy-testid="account-copy-key"
        ></ao-copy-field>
        <p role="status" class="saved">
          ${this.keyChanged ? html`${t("account.keyChanged")} <a href="#/publish">${t("nav.publish")}</a>` : ""}
        </p>
        <div class="actions">
          <button type="button" class="danger" data-testid="account-regenerate-key" @click=${() => this.ask("key")}>
            ${t("account.keyRegenerate")}
          </button>
        </div>
      </fieldset>
      ${this.secretPart()} ${this.dialogs()}`;
  }
}
define("ao-account-keys", AoAccountKeys);

declare global {
  interface HTMLElementEventMap {
    "ao-account-updated": CustomEvent<AccountView>;
  }
}
