/**
 * `<ao-attendant-form>`: one attendant in Gestão › Atendentes, or a new one when `attendant` is
 * null. Name, e-mail, role, the departments they attend, the ones they manage (department
 * managers only), their chat status on login and, when editing, the active switch
 * (deactivating asks first: their active chats go back to the queue), and their shift ("Turno"). Below it, the invitation
 * (`<ao-attendant-invitation>`). A department manager offers only the departments they manage
 * and keeps the attendant's other departments as they are.
 *
 * @fires ao-attendant-saved - `detail: AttendantSaved` (with the invitation link after a create)
 */
import { css, html, nothing, type PropertyValues } from "lit";
import type { PresenceStatus, Role } from "../../worker/db/schema";
import type { AttendantView, DepartmentView, InvitationLink } from "../../worker/views-gestao";
import { peopleApi } from "../api-gestao-people";
import { hoursApi, type Shift } from "../api-hours";
import {
  ALL_ROLES,
  ATTENDANT_NAME_MAX,
  assignableDepartments,
  attendantCreateBody,
  attendantDraft,
  attendantPatchBody,
  canEditAttendant,
  checkAttendant,
  deactivatesAttendant,
  roleOptions,
  toggleId,
  type AttendantDraft,
  type AttendantErrors,
  type AttendantField,
} from "../attendant-form";
import { t, type MessageKey } from "../i18n";
import { problemFor } from "../people-errors";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import type { AttendantSaved } from "./ao-attendants";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";
import { shiftSelect } from "./shift-select";
import "./ao-attendant-invitation";
import "./ao-confirm";

const FIELDS: readonly AttendantField[] = ["name", "email", "role", "departmentIds", "managedDepartmentIds", "chatStatusOnLogin", "active", "shiftId", "maxChats", "kbEditor"];
const STATUSES: readonly PresenceStatus[] = ["online", "offline"];

export class AoAttendantForm extends AppElement {
  static override properties = {
    attendant: { attribute: false },
    departments: { attribute: false },
    invitation: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
    saved: { state: true },
    shifts: { state: true },
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
    `,
  ];

  declare attendant: AttendantView | null;
  declare departments: DepartmentView[];
  declare invitation: InvitationLink | null;
  declare draft: AttendantDraft;
  declare errors: AttendantErrors;
  declare formError: MessageKey | null;
  declare busy: boolean;
  declare saved: boolean;
  /** The account's shifts for the "Turno" select (empty until loaded, or when they cannot be read). */
  declare shifts: Shift[];

  constructor() {
    super();
    this.attendant = null;
    this.departments = [];
    this.invitation = null;
    this.draft = attendantDraft();
    this.errors = {};
    this.formError = null;
    this.busy = false;
    this.saved = false;
    this.shifts = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadShifts();
  }

  private async loadShifts(): Promise<void> {
    try {
      this.shifts = (await this.app.call(() => hoursApi.shifts())).shifts;
    } catch {
      // Without the list the select offers only "none" and the current link; saving still works.
      this.shifts = [];
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("attendant") && changed.get("attendant")?.id !== this.attendant?.id) {
      this.draft = attendantDraft(this.attendant ?? undefined);
      this.errors = {};
      this.formError = null;
      this.saved = false;
    }
  }

  private edit(change: Partial<AttendantDraft>): void {
    this.draft = { ...this.draft, ...change };
    this.saved = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.errors = checkAttendant(this.draft);
    this.formError = null;
    this.saved = false;
    if (Object.keys(this.errors).length > 0) return this.showErrors();
    if (deactivatesAttendant(this.attendant, this.draft) && !(await this.confirmDeactivate())) return;
    this.busy = true;
    try {
      const detail = await this.send();
      this.draft = attendantDraft(detail.attendant);
      this.saved = true;
      this.dispatchEvent(new CustomEvent("ao-attendant-saved", { detail, bubbles: true, composed: true }));
    } catch (error) {
      const problem = problemFor(error, FIELDS);
      // The server's 400 on maxChats has no people-wide text: the field's own says the bounds.
      if (problem.field) this.errors = { [problem.field]: problem.field === "maxChats" ? "policies.error.attMaxChats" : problem.key };
      else this.formError = problem.key;
      void this.showErrors();
    } finally {
      this.busy = false;
    }
  }

  private async send(): Promise<AttendantSaved> {
    const original = this.attendant;
    if (!original) return this.app.call(() => peopleApi.createAttendant(attendantCreateBody(this.draft)));
    const body = attendantPatchBody(original, this.draft);
    if (Object.keys(body).length === 0) return { attendant: original };
    return this.app.call(() => peopleApi.patchAttendant(original.id, body));
  }

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    focusFirstInvalid(this.renderRoot);
  }

  private confirmDeactivate(): Promise<boolean> {
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    if (!confirm) return Promise.resolve(false);
    return confirm.ask({
      heading: t("att.deactivateHeading", { name: this.attendant?.name ?? "" }),
      message: t("att.deactivateMessage"),
      confirm: t("att.deactivateConfirm"),
    });
  }

  private text(field: "name" | "email", type: "text" | "email") {
    const id = `att-${field}`;
    const error = this.errors[field];
    return html`<div class="field">
      <label for=${id}>${t(`att.${field}`)}</label>
      <input
        id=${id}
        name=${field}
        type=${type}
        data-testid="attendant-${field}"
        required
        maxlength=${field === "name" ? ATTENDANT_NAME_MAX : 254}
        autocomplete="off"
        spellcheck="false"
        .value=${this.draft[field]}
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy(id, error)}
        @input=${(e: Event) => this.edit({ [field]: (e.target as HTMLInputElement).value })}
      />
      ${fieldError(id, error)}
    </div>`;
  }

  private roleField(roles: Role[]) {
    const error = this.errors.role;
    const options = roles.includes(this.draft.role) ? roles : [this.draft.role, ...roles];
    return html`<div class="field">
      <label for="att-role">${t("att.role")}</label>
      <select
        id="att-role"
        name="role"
        data-testid="attendant-role"
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy("att-role", error, "att-role-hint")}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          const role = ALL_ROLES.find((r) => r === value);
          if (role) this.edit({ role });
        }}
      >
        ${options.map((r) => html`<option value=${r} .selected=${r === this.draft.role}>${t(`role.${r}`)}</option>`)}
      </select>
      <p id="att-role-hint" class="hint">${t(`att.roleHint.${this.draft.role}`)}</p>
      ${fieldError("att-role", error)}
    </div>`;
  }

  /** A group of department checkboxes bound to `departmentIds` or `managedDepartmentIds`. */
  private departmentGroup(field: "departmentIds" | "managedDepartmentIds", offered: DepartmentView[]) {
    const error = this.errors[field];
    const prefix = field === "departmentIds" ? "department" : "manages";
    const id = `att-${prefix}`;
    // The group's error is on each box, so that focus lands on the first one and reads it.
    return html`<fieldset>
      <legend>${t(field === "departmentIds" ? "att.departments" : "att.managed")}</legend>
      ${offered.length === 0 ? html`<p class="hint">${t("att.noDepartments")}</p>` : nothing}
      <div class="choices">
        ${offered.map(
          (d) => html`<label>
            <input
              type="checkbox"
              name=${field}
              value=${d.id}
              data-testid="attendant-${prefix}-${d.id}"
              .checked=${this.draft[field].includes(d.id)}
              aria-invalid=${invalid(error)}
              aria-describedby=${describedBy(id, error)}
              @change=${(e: Event) => this.edit({ [field]: toggleId(this.draft[field], d.id, (e.target as HTMLInputElement).checked) })}
            />
            ${d.active ? d.name : t("att.inactiveDepartment", { name: d.name })}
          </label>`,
        )}
      </div>
      ${fieldError(id, error)}
    </fieldset>`;
  }

  private statusField() {
    return html`<fieldset>
      <legend>${t("att.statusOnLogin")}</legend>
      <div class="choices">
        ${STATUSES.map(
          (s) => html`<label>
            <input
              type="radio"
              name="chatStatusOnLogin"
              value=${s}
              data-testid="attendant-status-${s}"
              .checked=${this.draft.chatStatusOnLogin === s}
              @change=${() => this.edit({ chatStatusOnLogin: s })}
            />
            ${t(`status.${s}`)}
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  /** "Máximo de atendimentos simultâneos": their own limit over the account's default. */
  private maxChatsField() {
    const error = this.errors.maxChats;
    return html`<div class="field">
      <label for="att-max-chats">${t("policies.attMaxChats")}</label>
      <input
        id="att-max-chats"
        name="maxChats"
        type="number"
        inputmode="numeric"
        min="1"
        max="100"
        step="1"
        data-testid="attendant-max-chats"
        placeholder=${t("policies.none")}
        .value=${this.draft.maxChats}
        aria-invalid=${invalid(error)}
        aria-describedby=${describedBy("att-max-chats", error, "att-max-chats-hint")}
        @input=${(e: Event) => this.edit({ maxChats: (e.target as HTMLInputElement).value })}
      />
      <p id="att-max-chats-hint" class="hint">${t("policies.attMaxChatsHint")}</p>
      ${fieldError("att-max-chats", error)}
    </div>`;
  }

  private activeField() {
    return html`<div class="field">
      <label class="check">
        <input
          type="checkbox"
          role="switch"
          name="active"
          data-testid="attendant-active"
          .checked=${this.draft.active}
          aria-describedby="att-active-hint"
          @change=${(e: Event) => this.edit({ active: (e.target as HTMLInputElement).checked })}
        />
        ${t("att.activeSwitch")}
      </label>
      <p id="att-active-hint" class="hint">${t("att.activeHint")}</p>
    </div>`;
  }

  /** "Escreve na Base de Conhecimento": administrators give it to anyone who is not one (they always may). */
  private kbEditorField() {
    return html`<div class="field">
      <label class="check">
        <input
          type="checkbox"
          name="kbEditor"
          data-testid="attendant-kb-editor"
          .checked=${this.draft.kbEditor}
          aria-describedby="att-kb-editor-hint"
          @change=${(e: Event) => this.edit({ kbEditor: (e.target as HTMLInputElement).checked })}
        />
        ${t("kb.editorSwitch")}
      </label>
      <p id="att-kb-editor-hint" class="hint">${t("kb.editorHint")}</p>
    </div>`;
  }

  override render() {
    const me = this.app.store.me;
    const a = this.attendant;
    if (!me) return html``;
    const heading = a ? t("att.editHeading", { name: a.name }) : t("att.new");
    if (a && !canEditAttendant(me, a)) return html`<h1>${heading}</h1><p class="muted">${t("att.readOnly")}</p>`;
    const offered = assignableDepartments(me, this.departments);
    return html`<h1>${heading}</h1>
      ${a ? html`<ao-attendant-invitation .app=${this.app} .attendant=${a} .link=${this.invitation}></ao-attendant-invitation>` : nothing}
      ${a ? nothing : html`<p class="muted">${t("att.newIntro")}</p>`}
      <form novalidate @submit=${this.submit}>
        <fieldset>
          <legend>${t("att.details")}</legend>
          ${this.text("name", "text")} ${this.text("email", "email")} ${this.roleField(roleOptions(me.role))}
        </fieldset>
        ${this.departmentGroup("departmentIds", offered)}
        ${this.draft.role === "department_manager" ? this.departmentGroup("managedDepartmentIds", offered) : nothing}
        ${this.statusField()}
        ${a ? shiftSelect(this.shifts, this.departments, this.draft.shiftId, this.errors.shiftId, (shiftId) => this.edit({ shiftId })) : nothing}
        ${a ? this.maxChatsField() : nothing} ${a && me.role === "administrator" && this.draft.role !== "administrator" ? this.kbEditorField() : nothing}
        ${a ? this.activeField() : nothing}
        <div class="actions">
          <button type="submit" class="primary" data-testid="attendant-save" ?disabled=${this.busy}>
            ${this.busy ? t("people.saving") : a ? t("people.save") : t("att.create")}
          </button>
          <p class="form-message saved" role="status" data-testid="attendant-saved">${this.saved && a ? t("people.saved") : ""}</p>
        </div>
        <p class="form-message error" role="alert" data-testid="attendant-error">${this.formError ? t(this.formError) : ""}</p>
      </form>
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-attendant-form", AoAttendantForm);
