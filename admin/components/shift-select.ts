/**
 * The "Turno" select of the attendant form: none, or one of the account's shifts (each named
 * with its scope). Outside their shift the attendant cannot go online.
 */
import { html } from "lit";
import type { Shift } from "../api-hours";
import { t, type MessageKey } from "../i18n";
import { describedBy, fieldError, invalid } from "./form-parts";

const NONE = "";

/** The select bound to `shiftId`; `departments` name the department-scoped shifts. */
export function shiftSelect(
  shifts: readonly Shift[],
  departments: readonly { id: string; name: string }[],
  shiftId: string | null,
  error: MessageKey | undefined,
  set: (shiftId: string | null) => void,
) {
  const scopeName = (s: Shift) => (s.scope === "account" ? t("hours.general") : (departments.find((d) => d.id === s.scope)?.name ?? ""));
  // A linked shift this attendant form cannot list (another manager's department) stays selected.
  const unknown = shiftId !== null && !shifts.some((s) => s.id === shiftId);
  return html`<div class="field">
    <label for="att-shift">${t("hours.shift")}</label>
    <select
      id="att-shift"
      name="shiftId"
      data-testid="attendant-shift"
      aria-invalid=${invalid(error)}
      aria-describedby=${describedBy("att-shift", error, "att-shift-hint")}
      @change=${(e: Event) => {
        const value = (e.target as HTMLSelectElement).value;
        set(value === NONE ? null : value);
      }}
    >
      <option value=${NONE} .selected=${shiftId === null}>${t("hours.noShift")}</option>
      ${unknown ? html`<option value=${shiftId} selected>${shiftId}</option>` : ""}
      ${shifts.map((s) => html`<option value=${s.id} .selected=${s.id === shiftId}>${s.name} (${scopeName(s)})</option>`)}
    </select>
    <p id="att-shift-hint" class="hint">${t("hours.shiftHint")}</p>
    ${fieldError("att-shift", error)}
  </div>`;
}
