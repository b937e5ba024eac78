/**
 * `<ao-identity>`: how the host site identifies a customer who is signed in to it
 * (`data-name`, `data-email`, `data-customer-hash`), with a Node.js example. Administrators
 * also see the account's identity secret, masked until they ask to reveal it; nobody else
 * receives it from the server.
 */
import { css, html, nothing } from "lit";
import { t } from "../i18n";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";
import "./ao-copy-field";

export class AoIdentity extends AppElement {
  static override properties = {
    secret: { attribute: false },
    example: { attribute: false },
    revealed: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      :host {
        padding: 0;
        max-width: none;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.3rem 0.8rem;
        margin: 0.4rem 0 0.8rem;
      }
      dd {
        margin: 0;
      }
      .secret {
        display: flex;
        gap: 0.4rem;
      }
      .secret input {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      }
      ao-copy-field {
        margin-top: 0.8rem;
      }
    `,
  ];

  /** The identity secret; undefined when this person may not see it. */
  declare secret: string | undefined;
  declare example: string;
  declare revealed: boolean;

  constructor() {
    super();
    this.example = "";
    this.revealed = false;
  }

  private secretField() {
    if (this.secret === undefined) return html`<p class="hint">${t("identity.askAdmin")}</p>`;
    return html`<div class="field">
      <label for="secret">${t("identity.secret")}</label>
      <div class="secret">
        <input
          id="secret"
          name="identitySecret"
          data-testid="identity-secret"
          readonly
          autocomplete="off"
          spellcheck="false"
          type=${this.revealed ? "text" : "password"}
          .value=${this.secret}
          aria-describedby="secret-hint"
        />
        <button
          type="button"
          data-testid="reveal-secret"
          aria-controls="secret"
          aria-pressed=${this.revealed ? "true" : "false"}
          @click=${() => (this.revealed = !this.revealed)}
        >
          ${this.revealed ? t("identity.hide") : t("identity.reveal")}
        </button>
      </div>
      <p id="secret-hint" class="hint">${t("identity.secretHint")}</p>
    </div>`;
  }

  override render() {
    return html`<fieldset>
      <legend>${t("identity.heading")}</legend>
      <p>${t("identity.intro")}</p>
      <dl>
        <dt><code>data-name</code></dt>
        <dd>${t("identity.name")}</dd>
        <dt><code>data-email</code></dt>
        <dd>${t("identity.email")}</dd>
        <dt><code>data-customer-hash</code></dt>
        <dd>${t("identity.hash")}</dd>
      </dl>
      <p class="hint">${t("identity.why")}</p>
      ${this.secretField()}
      ${this.example
        ? html`<ao-copy-field
            .app=${this.app}
            label=${t("identity.example")}
            .value=${this.example}
            rows="14"
            field-testid="identity-example"
            copy-testid="copy-identity-example"
          ></ao-copy-field>`
        : nothing}
    </fieldset>`;
  }
}
define("ao-identity", AoIdentity);
