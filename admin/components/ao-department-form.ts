/**
 * `<ao-department-form>`: one department's form in Gestão › Departamentos, or "Novo
 * departamento" when `department` is null. Administrators edit the name, the initial message
 * and the active switch; a manager of the department the initial message only (and the logos
 * and its chat assignment, `<ao-department-routing>`, which has its own Save).
 * Deactivating asks first. Problems found here or by the server show next to their field.
 *
 * @fires ao-department-saved - `detail: { department, created }`, after a save or a logo change
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { DepartmentView } from "../../worker/views-gestao";
import { peopleApi } from "../api-gestao-people";
import {
  DEPARTMENT_NAME_MAX,
  INITIAL_MESSAGE_MAX,
  checkDepartment,
  deactivates,
  departmentCreateBody,
  departmentDraft,
  departmentPatchBody,
  departmentScope,
  type DepartmentDraft,
  type DepartmentErrors,
  type DepartmentField,
  type DepartmentScope,
} from "../department-form";
import { t, type MessageKey } from "../i18n";
import { problemFor } from "../people-errors";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-confirm";
import "./ao-department-logos";
import "./ao-department-routing";
import "./ao-offline-ticket-policy";

const FIELDS: readonly DepartmentField[] = ["name", "initialMessage", "active"];

export class AoDepartmentForm extends AppElement {
  static override properties = {
    department: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
    saved: { state: true },
    created: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    peopleStyles,
    css`
      :host {
        padding: 0;
        max-width: 48rem;
        margin: 0;
      }
      textarea {
        resize: vertical;
      }
    `,
  ];

  declare department: DepartmentView | null;
  declare draft: DepartmentDraft;
  declare errors: DepartmentErrors;
  declare formError: MessageKey | null;
  declare busy: boolean;
  declare saved: boolean;
  /** The last save created this department (the line says so, and that logos can follow). */
  declare created: boolean;

  constructor() {
    super();
    this.department = null;
    this.draft = departmentDraft();
    this.errors = {};
    this.formError = null;
    this.busy = false;
    this.saved = false;
    this.created = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new department resets the form; the same one coming back (a logo change) keeps the typing.
    if (changed.has("department") && changed.get("department")?.id !== this.department?.id) {
      // "Novo departamento" turning into the department just created keeps its "created" line.
      const created = changed.get("department") === null && this.saved;
      this.draft = departmentDraft(this.department ?? undefined);
      this.errors = {};
      this.formError = null;
      this.saved = created;
      this.created = created;
    }
  }

  private get scope(): DepartmentScope {
    const me = this.app.store.me;
    if (!me) return "none";
    return this.department ? departmentScope(me, this.department.id) : me.role === "administrator" ? "all" : "none";
  }

  private edit(change: Partial<DepartmentDraft>): void {
    this.draft = { ...this.draft, ...change };
    this.saved = false;
    this.created = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const scope = this.scope;
    this.errors = checkDepartment(this.draft, scope);
    this.formError = null;
    this.saved = false;
    this.created = false;
    if (Object.keys(this.errors).length > 0) return this.showErrors();
    if (deactivates(this.department, this.draft) && !(await this.confirmDeactivate())) return;
    this.busy = true;
    try {
      const original = this.department;
      const { department } = original
        ? await this.app.call(() => peopleApi.patchDepartment(original.id, departmentPatchBody(original, this.draft, scope)))
        : await this.app.call(() => peopleApi.createDepartment(departmentCreateBody(this.draft)));
      this.draft = departmentDraft(department);
      this.saved = true;
      this.emitSaved(department, original === null);
    } catch (error) {
      const problem = problemFor(error, FIELDS);
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

  private confirmDeactivate(): Promise<boolean> {
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    if (!confirm) return Promise.resolve(false);
    return confirm.ask({
      heading: t("dept.deactivateHeading", { name: this.department?.name ?? "" }),
      message: t("dept.deactivateMessage"),
      confirm: t("dept.deactivateConfirm"),
    });
  }

  private emitSaved(department: DepartmentView, created: boolean): void {
    this.dispatchEvent(new CustomEvent("ao-department-saved", { detail: { department, created }, bubbles: true, composed: true }));
  }

  private nameField() {
    const error = this.errors.name;
    return html`<div class="field">
      <label for="dept-name">${t("dept.name")}</label>
      <input
        id="dept-name"
        name="name"
        data-testid="department-name"
        required
        maxlength=${DEPARTMENT_NAME_MAX}
        autocomplete="off"
        .value=${this.draft.name}
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy("dept-name", error)}
        @input=${(e: Event) => this.edit({ name: (e.target as HTMLInputElement).value })}
      />
      ${fieldError("dept-name", error)}
    </div>`;
  }

  private messageField() {
    const error = this.errors.initialMessage;
    return html`<div class="field">
      <label for="dept-message">${t("dept.initialMessage")}</label>
      <textarea
        id="dept-message"
        name="initialMessage"
        data-testid="department-message"
        rows="4"
        maxlength=${INITIAL_MESSAGE_MAX}
        .value=${this.draft.initialMessage}
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy("dept-message", error, "dept-message-hint")}
        @input=${(e: Event) => this.edit({ initialMessage: (e.target as HTMLTextAreaElement).value })}
      ></textarea>
      <p id="dept-message-hint" class="hint">${t("dept.initialMessageHint", { max: INITIAL_MESSAGE_MAX })}</p>
      ${fieldError("dept-message", error)}
    </div>`;
  }

  private activeField() {
    return html`<div class="field">
      <label class="check">
        <input
          type="checkbox"
          role="switch"
          name="active"
          data-testid="department-active"
          .checked=${this.draft.active}
          aria-describedby="dept-active-hint"
          @change=${(e: Event) => this.edit({ active: (e.target as HTMLInputElement).checked })}
        />
        ${t("dept.activeSwitch")}
      </label>
      <p id="dept-active-hint" class="hint">${t("dept.activeHint")}</p>
    </div>`;
  }

  override render() {
    const scope = this.scope;
    const d = this.department;
    const heading = d ? t("dept.editHeading", { name: d.name }) : t("dept.new");
    if (scope === "none") return html`<h1>${heading}</h1><p class="muted">${t("dept.readOnly")}</p>`;
    return html`<h1>${heading}</h1>
      ${scope === "message" ? html`<p class="muted">${t("dept.managerNote")}</p>` : nothing}
      <form novalidate @submit=${this.submit}>
        <fieldset>
          <legend>${t("dept.details")}</legend>
          ${scope === "all" ? this.nameField() : nothing} ${this.messageField()} ${scope === "all" ? this.activeField() : nothing}
          ${d && scope !== "all" ? html`<p class="hint">${t("dept.statusLine", { status: t(d.active ? "dept.active" : "dept.inactive") })}</p>` : nothing}
          <div class="actions">
            <button type="submit" class="primary" data-testid="department-save" ?disabled=${this.busy}>
              ${this.busy ? t("people.saving") : d ? t("people.save") : t("dept.create")}
            </button>
            <p class="form-message saved" role="status" data-testid="department-saved">${this.saved ? t(this.created ? "dept.created" : "people.saved") : ""}</p>
          </div>
          <p class="form-message error" role="alert" data-testid="department-error">${this.formError ? t(this.formError) : ""}</p>
        </fieldset>
      </form>
      ${d ? html`<ao-department-routing .app=${this.app} department-id=${d.id}></ao-department-routing>` : nothing}
      ${d ? html`<ao-offline-ticket-policy .app=${this.app} department-id=${d.id}></ao-offline-ticket-policy>` : nothing}
      ${d
        ? html`<ao-department-logos
            .app=${this.app}
            .department=${d}
            @ao-logo-changed=${(e: CustomEvent<DepartmentView>) => this.emitSaved(e.detail, false)}
          ></ao-department-logos>`
        : html`<p class="hint">${t("dept.logosAfterCreate")}</p>`}
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-department-form", AoDepartmentForm);

declare global {
  interface HTMLElementEventMap {
    "ao-department-saved": CustomEvent<{ department: DepartmentView; created: boolean }>;
  }
}
