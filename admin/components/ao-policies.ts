/**
 * `<ao-policies>`: "Políticas de Atendimento Online" (administrators). The survey switch is
 * saved at once by the page; the queue controls (routing, default most chats per attendant,
 * grace period, inactivity close) are a small form checked here with the server's bounds and
 * saved by the page, which hands back the outcome in `queueStatus` (a refused field shows
 * under that field).
 *
 * @fires ao-policy-change - `detail: { surveyEnabled: boolean }` or `{ transcriptByEmail: boolean }` (one switch each)
 * @fires ao-policies-save - `detail: { policies }` the account's policies after the queue form
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { live } from "lit/directives/live.js";
import { t, type MessageKey } from "../i18n";
import {
  BOUNDS,
  DEFAULT_GRACE_SECONDS,
  ROUTING_MODES,
  policiesDraft,
  policiesFromDraft,
  type NumberField,
  type Policies,
  type PoliciesDraft,
  type PoliciesErrors,
  type PoliciesField,
} from "../policies-form";
import { AppElement, define } from "./app-element";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";

/** One switch of the page, flipped: saved at once by the page. */
export type PolicySwitch = { surveyEnabled: boolean } | { transcriptByEmail: boolean };

/** The outcome of the last queue save, from the page. */
export type QueueStatus = { kind: "saved" } | { kind: "error"; field: PoliciesField | null; key: MessageKey };

const NUMBER_LABELS: Record<NumberField, { label: MessageKey; hint: MessageKey }> = {
  maxChatsPerAttendant: { label: "policies.maxChats", hint: "policies.maxChatsHint" },
  offlineGraceSeconds: { label: "policies.grace", hint: "policies.graceHint" },
  inactivityCloseMinutes: { label: "policies.inactivity", hint: "policies.inactivityHint" },
  abandonAfterMinutes: { label: "policies.abandon", hint: "policies.abandonHint" },
};

export class AoPolicies extends AppElement {
  static override properties = {
    surveyEnabled: { type: Boolean, attribute: "survey-enabled" },
    busy: { type: Boolean },
    policies: { attribute: false },
    queueBusy: { type: Boolean, attribute: "queue-busy" },
    queueStatus: { attribute: false },
    draft: { state: true },
    errors: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      :host {
        padding: 0;
        max-width: none;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 0 1.2rem;
        align-items: start;
      }
      /* A label wrapping on two lines in one column must not stretch the controls of the others. */
      .grid > .field {
        align-content: start;
      }
      input[type="number"] {
        max-width: 10rem;
      }
      .actions {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 0.8rem;
        margin-top: 0.9rem;
      }
      .actions p {
        margin: 0;
      }
      /* --ao-online is too light for small text on white (axe: 4.1:1); this green reads at 5.9:1. */
      .saved {
        color: #137333;
      }
    `,
  ];

  declare surveyEnabled: boolean;
  declare busy: boolean;
  /** The stored policies (the form starts from them and comes back to them after a save). */
  declare policies: Policies;
  declare queueBusy: boolean;
  declare queueStatus: QueueStatus | null;
  declare draft: PoliciesDraft;
  declare errors: PoliciesErrors;

  constructor() {
    super();
    this.surveyEnabled = false;
    this.busy = false;
    this.policies = {};
    this.queueBusy = false;
    this.queueStatus = null;
    this.draft = policiesDraft({});
    this.errors = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("policies")) this.draft = policiesDraft(this.policies);
    if (changed.has("queueStatus")) {
      const status = this.queueStatus;
      this.errors = status?.kind === "error" && status.field ? { [status.field]: status.key } : {};
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("queueStatus") && this.queueStatus?.kind === "error") focusFirstInvalid(this.renderRoot);
  }

  private change(event: Event): void {
    const surveyEnabled = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new CustomEvent("ao-policy-change", { detail: { surveyEnabled }, bubbles: true, composed: true }));
  }

  /** The transcript switch as flipped, shown while the page saves it (the stored value comes back after). */
  private transcriptWanted = false;

  private changeTranscript(event: Event): void {
    const transcriptByEmail = (event.target as HTMLInputElement).checked;
    this.transcriptWanted = transcriptByEmail;
    this.dispatchEvent(new CustomEvent("ao-policy-change", { detail: { transcriptByEmail }, bubbles: true, composed: true }));
  }

  private edit(change: Partial<PoliciesDraft>): void {
    this.draft = { ...this.draft, ...change };
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.queueBusy) return;
    const { policies, errors } = policiesFromDraft(this.policies, this.draft);
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      await this.updateComplete;
      focusFirstInvalid(this.renderRoot);
      return;
    }
    this.dispatchEvent(new CustomEvent("ao-policies-save", { detail: { policies }, bubbles: true, composed: true }));
  }

  private routingField() {
    const error = this.errors.routing;
    return html`<div class="field">
      <label for="pol-routing">${t("policies.routing")}</label>
      <select
        id="pol-routing"
        name="routing"
        data-testid="policies-routing"
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy("pol-routing", error, "pol-routing-hint")}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          const mode = ROUTING_MODES.find((m) => m === value);
          if (mode) this.edit({ routing: mode });
        }}
      >
        ${ROUTING_MODES.map((m) => html`<option value=${m} .selected=${m === this.draft.routing}>${t(`policies.routing.${m}`)}</option>`)}
      </select>
      <p id="pol-routing-hint" class="hint">${t(`policies.routingHint.${this.draft.routing}`)}</p>
      ${fieldError("pol-routing", error)}
    </div>`;
  }

  private numberField(field: NumberField) {
    const id = `pol-${field}`;
    const error = this.errors[field];
    const { label, hint } = NUMBER_LABELS[field];
    const { min, max } = BOUNDS[field];
    return html`<div class="field">
      <label for=${id}>${t(label)}</label>
      <input
        id=${id}
        name=${field}
        type="number"
        inputmode="numeric"
        data-testid="policies-${field}"
        min=${min}
        max=${max}
        step="1"
        placeholder=${field === "offlineGraceSeconds" ? String(DEFAULT_GRACE_SECONDS) : t("policies.none")}
        .value=${live(this.draft[field])}
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy(id, error, `${id}-hint`)}
        @input=${(e: Event) => this.edit({ [field]: (e.target as HTMLInputElement).value })}
      />
      <p id="${id}-hint" class="hint">${t(hint, { min, max })}</p>
      ${fieldError(id, error)}
    </div>`;
  }

  private queueForm() {
    const status = this.queueStatus;
    return html`<form novalidate @submit=${this.submit} data-testid="policies-queue">
      <fieldset>
        <legend>${t("policies.queue")}</legend>
        <div class="grid">
          ${this.routingField()} ${this.numberField("maxChatsPerAttendant")} ${this.numberField("offlineGraceSeconds")}
          ${this.numberField("inactivityCloseMinutes")} ${this.numberField("abandonAfterMinutes")}
        </div>
        <div class="actions">
          <button type="submit" class="primary" data-testid="policies-save" ?disabled=${this.queueBusy}>
            ${this.queueBusy ? t("customize.saving") : t("customize.save")}
          </button>
          <div role="status" aria-live="polite">
            ${status?.kind === "saved" ? html`<p class="saved" data-testid="policies-saved">${t("customize.saved")}</p>` : nothing}
            ${status?.kind === "error" && !status.field ? html`<p class="error" data-testid="policies-error">${t(status.key)}</p>` : nothing}
          </div>
        </div>
      </fieldset>
    </form>`;
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
        <div class="check">
          <input
            id="transcript"
            type="checkbox"
            name="policies.transcriptByEmail"
            data-testid="policies-transcript"
            aria-describedby="transcript-hint"
            .checked=${live(this.busy ? this.transcriptWanted : (this.policies.transcriptByEmail ?? false))}
            ?disabled=${this.busy}
            @change=${this.changeTranscript}
          />
          <div>
            <label for="transcript">${t("policies.transcript")}</label>
            <p id="transcript-hint" class="hint">${t("policies.transcriptHint")}</p>
          </div>
        </div>
      </fieldset>
      ${this.queueForm()}`;
  }
}
define("ao-policies", AoPolicies);

declare global {
  interface HTMLElementEventMap {
    "ao-policy-change": CustomEvent<PolicySwitch>;
    "ao-policies-save": CustomEvent<{ policies: Policies }>;
  }
}
