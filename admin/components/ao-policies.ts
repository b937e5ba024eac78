/**
 * `<ao-policies>`: "Políticas de Atendimento Online" (administrators): whether customers are
 * asked for the "Pesquisa de satisfação" when a chat ends. Each change is saved at once by the
 * page, which reports the outcome next to its Save button.
 *
 * @fires ao-policy-change - `detail: { surveyEnabled: boolean }`
 */
import { css, html } from "lit";
import { live } from "lit/directives/live.js";
import { t } from "../i18n";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";

export class AoPolicies extends AppElement {
  static override properties = {
    surveyEnabled: { type: Boolean, attribute: "survey-enabled" },
    busy: { type: Boolean },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      :host {
        padding: 0;
        max-width: none;
      }
    `,
  ];

  declare surveyEnabled: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.surveyEnabled = false;
    this.busy = false;
  }

  private change(event: Event): void {
    const surveyEnabled = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new CustomEvent("ao-policy-change", { detail: { surveyEnabled }, bubbles: true, composed: true }));
  }

  override render() {
    return html`<fieldset>
      <legend>${t("policies.heading")}</legend>
      <div class="check">
        <input
          id="survey"
          type="checkbox"
          name="policies.surveyEnabled"
          aria-describedby="survey-hint"
          .checked=${live(this.surveyEnabled)}
          ?disabled=${this.busy}
          @change=${this.change}
        />
        <div>
          <label for="survey">${t("policies.survey")}</label>
          <p id="survey-hint" class="hint">${t("policies.surveyHint")}</p>
        </div>
      </div>
    </fieldset>`;
  }
}
define("ao-policies", AoPolicies);

declare global {
  interface HTMLElementEventMap {
    "ao-policy-change": CustomEvent<{ surveyEnabled: boolean }>;
  }
}
