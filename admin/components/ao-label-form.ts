/**
 * `<ao-label-form>`: one label in Gestão › Rótulos, or "Novo rótulo" when `label` is null:
 * name, colour (picker and hex, kept in step), description, active, and the automatic rules
 * (label-conditions.ts). Problems found here or by the server (`error.field`, e.g.
 * `conditions.2.value`) show next to their control; delete asks first.
 *
 * @fires ao-label-saved - `detail: { label, created }`
 * @fires ao-label-deleted - `detail: { id }`
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { ApiError } from "../api";
import { labelsApi, type LabelView } from "../api-labels";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { checkLabel, chipText, fieldTarget, isColor, labelBody, labelDraft, NAME_MAX, type LabelDraft, type LabelErrors } from "../labels-form";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import { forgetLabelCatalog } from "./ao-chat-labels";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { conditionsEditor, conditionStyles } from "./label-conditions";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-confirm";

export class AoLabelForm extends AppElement {
  static override properties = {
    label: { attribute: false },
    departments: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
    saved: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    peopleStyles,
    conditionStyles,
    css`
      :host {
        padding: 0;
        max-width: 52rem;
        margin: 0;
      }
      .color {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        flex-wrap: wrap;
      }
      .field .color input[type="color"] {
        width: 3rem;
        height: 2.3rem;
        padding: 0.1rem;
      }
      .field .color input[type="text"] {
        width: 8rem;
      }
      .preview {
        border-radius: 999px;
        padding: 0.15rem 0.7rem;
        font-size: 0.85rem;
      }
    `,
  ];

  declare label: LabelView | null;
  declare departments: { id: string; name: string }[];
  declare draft: LabelDraft;
  declare errors: LabelErrors;
  declare formError: MessageKey | null;
  declare busy: boolean;
  declare saved: boolean;

  constructor() {
    super();
    this.label = null;
    this.departments = [];
    this.draft = labelDraft();
    this.errors = {};
    this.formError = null;
    this.busy = false;
    this.saved = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const previous = changed.get("label");
    if (changed.has("label") && previous?.id !== this.label?.id) {
      this.draft = labelDraft(this.label ?? undefined);
      this.errors = {};
      this.formError = null;
      // A label just created comes back as its own page: "Salvo" stays to say it worked.
      this.saved = this.saved && !previous;
    }
  }

  private edit(draft: LabelDraft): void {
    this.draft = draft;
    this.saved = false;
    // An error shown goes once its control is fixed; new ones wait for Save.
    const now = checkLabel(draft);
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([id, key]) => now[id] === key || key === "labels.error.nameTaken" || key === "labels.error.field"));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.errors = checkLabel(this.draft);
    this.formError = null;
    this.saved = false;
    if (Object.keys(this.errors).length > 0) return this.showErrors();
    this.busy = true;
    try {
      const original = this.label;
      const body = labelBody(this.draft);
      const { label } = await this.app.call(() => (original ? labelsApi.update(original.id, body) : labelsApi.create(body)));
      forgetLabelCatalog();
      this.saved = true;
      this.dispatchEvent(new CustomEvent("ao-label-saved", { detail: { label, created: original === null }, bubbles: true, composed: true }));
    } catch (error) {
      this.refused(error);
    } finally {
      this.busy = false;
    }
  }

  /** Puts the server's refusal next to the control it names, or above Save. */
  private refused(error: unknown): void {
    if (error instanceof ApiError && error.code === "label_name_taken") {
      this.errors = { "label-name": "labels.error.nameTaken" };
    } else {
      const target = error instanceof ApiError && error.status === 400 ? fieldTarget(this.draft, error.field) : null;
      if (target) this.errors = { [target]: target === "label-color-hex" ? "labels.error.color" : "labels.error.field" };
      else this.formError = error instanceof ApiError && error.status === 400 ? "people.error.invalid" : errorKey(error);
    }
    void this.showErrors();
  }

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    focusFirstInvalid(this.renderRoot);
  }

  private async deleteLabel(): Promise<void> {
    const label = this.label;
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    if (!label || !confirm || this.busy) return;
    const ok = await confirm.ask({ heading: t("labels.deleteHeading", { name: label.name }), message: t("labels.deleteMessage"), confirm: t("labels.deleteConfirm") });
    if (!ok) return;
    this.busy = true;
    try {
      await this.app.call(() => labelsApi.remove(label.id));
      forgetLabelCatalog();
      this.dispatchEvent(new CustomEvent("ao-label-deleted", { detail: { id: label.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.formError = errorKey(error);
    } finally {
      this.busy = false;
    }
  }

  private colorField() {
    const error = this.errors["label-color-hex"];
    const color = isColor(this.draft.color) ? this.draft.color : "#000000";
    return html`<div class="field">
      <span id="label-color-legend">${t("labels.color")}</span>
      <div class="color" role="group" aria-labelledby="label-color-legend">
        <input type="color" id="label-color" data-testid="label-color" aria-label=${t("labels.color")} .value=${color.toLowerCase()} @input=${(e: Event) => this.edit({ ...this.draft, color: (e.target as HTMLInputElement).value })} />
        <label class="visually-hidden" for="label-color-hex">${t("labels.colorHex")}</label>
        <input type="text" id="label-color-hex" data-testid="label-color-hex" maxlength="7" autocomplete="off" spellcheck="false" .value=${this.draft.color}
          aria-invalid=${invalid(error)} aria-describedby=${describedBy("label-color-hex", error)}
          @input=${(e: Event) => this.edit({ ...this.draft, color: (e.target as HTMLInputElement).value.trim() })} />
        <span class="preview" data-testid="label-preview" style="background:${color};color:${chipText(color)}">${this.draft.name.trim() || t("labels.name")}</span>
      </div>
      ${fieldError("label-color-hex", error)}
    </div>`;
  }

  private detailFields() {
    const nameError = this.errors["label-name"];
    return html`<fieldset>
      <legend>${t("labels.details")}</legend>
      <div class="field">
        <label for="label-name">${t("labels.name")}</label>
        <input id="label-name" data-testid="label-name" required maxlength=${NAME_MAX} autocomplete="off" .value=${this.draft.name}
          aria-invalid=${invalid(nameError)} aria-describedby=${describedBy("label-name", nameError)}
          @input=${(e: Event) => this.edit({ ...this.draft, name: (e.target as HTMLInputElement).value })} />
        ${fieldError("label-name", nameError)}
      </div>
      ${this.colorField()}
      <div class="field">
        <label for="label-description">${t("labels.description")}</label>
        <textarea id="label-description" data-testid="label-description" maxlength="300" rows="2" .value=${this.draft.description}
          @input=${(e: Event) => this.edit({ ...this.draft, description: (e.target as HTMLTextAreaElement).value })}></textarea>
      </div>
      <label class="check"><input type="checkbox" data-testid="label-active" .checked=${this.draft.active} @change=${(e: Event) => this.edit({ ...this.draft, active: (e.target as HTMLInputElement).checked })} />${t("labels.active")}</label>
    </fieldset>`;
  }

  override render() {
    const l = this.label;
    const heading = l ? t("labels.editLabel", { name: l.name }) : t("labels.new");
    return html`<h1>${heading}</h1>
      <form novalidate @submit=${this.submit}>
        ${this.detailFields()} ${conditionsEditor(this.draft, this.errors, this.departments, (d) => this.edit(d))}
        <div class="actions">
          <button type="submit" class="primary" data-testid="label-save" ?disabled=${this.busy}>${this.busy ? t("people.saving") : l ? t("people.save") : t("labels.create")}</button>
          ${l ? html`<button type="button" class="danger" data-testid="label-delete" ?disabled=${this.busy} @click=${() => void this.deleteLabel()}>${t("labels.delete")}</button>` : nothing}
          <p class="form-message saved" role="status" data-testid="label-saved">${this.saved ? t("people.saved") : ""}</p>
        </div>
        <p class="form-message error" role="alert" data-testid="label-error">${this.formError ? t(this.formError) : ""}</p>
      </form>
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-label-form", AoLabelForm);

declare global {
  interface HTMLElementEventMap {
    "ao-label-saved": CustomEvent<{ label: LabelView; created: boolean }>;
    "ao-label-deleted": CustomEvent<{ id: string }>;
  }
}
