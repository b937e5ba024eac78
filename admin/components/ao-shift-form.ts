/**
 * `<ao-shift-form>`: one shift in Gestão › Horários de Atendimento, or "Novo turno" when `shift`
 * is null. Name, scope (general or a department), the week editor and the exceptions; delete
 * asks first. Problems found here or by the server (`error.field`, e.g. `intervals.3.end`) show
 * next to their control. Administrators edit any shift; a department manager their
 * departments' shifts; the others see it read-only.
 *
 * @fires ao-shift-saved - `detail: { shift, created }`
 * @fires ao-shift-deleted - `detail: { id }`
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { ApiError } from "../api";
import { hoursApi, type Shift, type ShiftScope } from "../api-hours";
import { errorKey } from "../errors";
import { SHIFT_NAME_MAX, canEditShift, checkShift, fieldTarget, scopeOptions, shiftBody, shiftDraft, type ShiftDraft, type ShiftErrors } from "../hours-form";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";
import { exceptionsEditor, shiftEditorStyles, weekEditor } from "./shift-editor";
import "./ao-confirm";

export class AoShiftForm extends AppElement {
  static override properties = {
    shift: { attribute: false },
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
    shiftEditorStyles,
    css`
      :host {
        padding: 0;
        max-width: 52rem;
        margin: 0;
      }
    `,
  ];

  declare shift: Shift | null;
  declare departments: { id: string; name: string }[];
  declare draft: ShiftDraft;
  declare errors: ShiftErrors;
  declare formError: MessageKey | null;
  declare busy: boolean;
  declare saved: boolean;

  constructor() {
    super();
    this.shift = null;
    this.departments = [];
    this.draft = shiftDraft();
    this.errors = {};
    this.formError = null;
    this.busy = false;
    this.saved = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const previous = changed.get("shift");
    if (changed.has("shift") && previous?.id !== this.shift?.id) {
      this.draft = shiftDraft(this.shift ?? undefined, this.scopes[0] ?? "account");
      this.errors = {};
      this.formError = null;
      // A shift just created comes back as its own page: "Salvo" stays to say it worked.
      this.saved = this.saved && !previous;
    }
    // A new shift starts on a scope this attendant may give (a manager has no general one).
    const scopes = this.scopes;
    if (!this.shift && scopes.length > 0 && !scopes.includes(this.draft.scope)) this.draft = { ...this.draft, scope: scopes[0]! };
  }

  private get scopes(): ShiftScope[] {
    const me = this.app.store.me;
    return me ? scopeOptions(me, this.departments) : [];
  }

  private edit(draft: ShiftDraft): void {
    this.draft = draft;
    this.saved = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.errors = checkShift(this.draft);
    this.formError = null;
    this.saved = false;
    if (Object.keys(this.errors).length > 0) return this.showErrors();
    this.busy = true;
    try {
      const original = this.shift;
      const body = shiftBody(this.draft);
      const { shift } = await this.app.call(() => (original ? hoursApi.updateShift(original.id, body) : hoursApi.createShift(body)));
      this.saved = true;
      this.dispatchEvent(new CustomEvent("ao-shift-saved", { detail: { shift, created: original === null }, bubbles: true, composed: true }));
    } catch (error) {
      this.refused(error);
    } finally {
      this.busy = false;
    }
  }

  /** Puts the server's refusal next to the control it names, or above Save. */
  private refused(error: unknown): void {
    const target = error instanceof ApiError && error.status === 400 ? fieldTarget(this.draft, error.field) : null;
    if (target) this.errors = { [target]: target === "shift-days" ? "hours.error.days" : "hours.error.field" };
    else this.formError = error instanceof ApiError && error.status === 400 ? "people.error.invalid" : errorKey(error);
    void this.showErrors();
  }

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    focusFirstInvalid(this.renderRoot);
  }

  private async deleteShift(): Promise<void> {
    const shift = this.shift;
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    if (!shift || !confirm || this.busy) return;
    const ok = await confirm.ask({
      heading: t("hours.deleteHeading", { name: shift.name }),
      message: t("hours.deleteMessage"),
      confirm: t("hours.deleteConfirm"),
    });
    if (!ok) return;
    this.busy = true;
    try {
      await this.app.call(() => hoursApi.deleteShift(shift.id));
      this.dispatchEvent(new CustomEvent("ao-shift-deleted", { detail: { id: shift.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.formError = errorKey(error);
    } finally {
      this.busy = false;
    }
  }

  private scopeLabel(scope: ShiftScope): string {
    return scope === "account" ? t("hours.general") : (this.departments.find((d) => d.id === scope)?.name ?? scope);
  }

  private detailFields(scopes: ShiftScope[]) {
    const nameError = this.errors["shift-name"];
    const scopeError = this.errors["shift-scope"];
    const options = scopes.includes(this.draft.scope) ? scopes : [this.draft.scope, ...scopes];
    return html`<fieldset>
      <legend>${t("hours.details")}</legend>
      <div class="field">
        <label for="shift-name">${t("hours.name")}</label>
        <input
          id="shift-name"
          data-testid="shift-name"
          required
          maxlength=${SHIFT_NAME_MAX}
          autocomplete="off"
          .value=${this.draft.name}
          aria-invalid=${invalid(nameError)}
          aria-describedby=${describedBy("shift-name", nameError)}
          @input=${(e: Event) => this.edit({ ...this.draft, name: (e.target as HTMLInputElement).value })}
        />
        ${fieldError("shift-name", nameError)}
      </div>
      <div class="field">
        <label for="shift-scope">${t("hours.scope")}</label>
        <select
          id="shift-scope"
          data-testid="shift-scope"
          aria-invalid=${invalid(scopeError)}
          aria-describedby=${describedBy("shift-scope", scopeError, "shift-scope-hint")}
          @change=${(e: Event) => this.edit({ ...this.draft, scope: (e.target as HTMLSelectElement).value })}
        >
          ${options.map((s) => html`<option value=${s} .selected=${s === this.draft.scope}>${this.scopeLabel(s)}</option>`)}
        </select>
        <p id="shift-scope-hint" class="hint">${t("hours.scopeHint")}</p>
        ${fieldError("shift-scope", scopeError)}
      </div>
    </fieldset>`;
  }

  override render() {
    const me = this.app.store.me;
    const s = this.shift;
    if (!me) return html``;
    const heading = s ? t("hours.editHeading", { name: s.name }) : t("hours.new");
    const scopes = this.scopes;
    if ((s && !canEditShift(me, s.scope)) || (!s && scopes.length === 0)) {
      return html`<h1>${heading}</h1><p class="muted">${t("hours.readOnly")}</p>`;
    }
    const change = (draft: ShiftDraft) => this.edit(draft);
    return html`<h1>${heading}</h1>
      <form novalidate @submit=${this.submit}>
        ${this.detailFields(scopes)} ${weekEditor(this.draft, this.errors, change)} ${exceptionsEditor(this.draft, this.errors, change)}
        <div class="actions">
          <button type="submit" class="primary" data-testid="shift-save" ?disabled=${this.busy}>
            ${this.busy ? t("people.saving") : s ? t("people.save") : t("hours.create")}
          </button>
          ${s
            ? html`<button type="button" class="danger" data-testid="shift-delete" ?disabled=${this.busy} @click=${() => void this.deleteShift()}>
                ${t("hours.delete")}
              </button>`
            : nothing}
          <p class="form-message saved" role="status" data-testid="shift-saved">${this.saved ? t("people.saved") : ""}</p>
        </div>
        <p class="form-message error" role="alert" data-testid="shift-error">${this.formError ? t(this.formError) : ""}</p>
      </form>
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-shift-form", AoShiftForm);

declare global {
  interface HTMLElementEventMap {
    "ao-shift-saved": CustomEvent<{ shift: Shift; created: boolean }>;
    "ao-shift-deleted": CustomEvent<{ id: string }>;
  }
}
