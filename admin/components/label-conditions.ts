/**
 * The conditions editor of `<ao-label-form>` as a template: one fieldset per condition with
 * field → operator → a value input that fits the field (text, a department, an origin, days of
 * the week, a time range, yes/no), remove, and "Adicionar condição". It renders the draft and
 * hands every change back as a new draft. Every control has its own label and an id (also its
 * data-testid) so an error shows next to it.
 */
import { css, html, nothing } from "lit";
import type { RuleField } from "../api-labels";
import { t, type MessageKey } from "../i18n";
import { changeField, FIELD_OPERATORS, FIELDS, newRow, ORIGINS, type ConditionRow, type LabelDraft, type LabelErrors } from "../labels-form";
import { describedBy, fieldError, invalid } from "./form-parts";
import { dayName } from "./shift-editor";

type Change = (draft: LabelDraft) => void;
const WEEK = [1, 2, 3, 4, 5, 6, 0];

export const conditionStyles = css`
  .condition {
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    padding: 0.6rem 0.8rem;
    margin: 0 0 0.6rem;
  }
  .condition legend {
    font-weight: 600;
    padding: 0 0.3rem;
  }
  .cells {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.8rem;
    align-items: flex-end;
  }
  .cells .field {
    margin: 0;
    min-width: 9rem;
    flex: 1 1 9rem;
  }
  .cells .field.value {
    flex: 2 1 14rem;
  }
  .days {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 0.7rem;
    border: none;
    padding: 0;
    margin: 0;
  }
  .days label {
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
    font-weight: normal;
  }
`;

function withRow(draft: LabelDraft, index: number, row: ConditionRow): LabelDraft {
  return { ...draft, rows: draft.rows.map((r, i) => (i === index ? row : r)) };
}

const fieldName = (f: RuleField) => t(`labels.fieldName.${f}` as MessageKey);

function valueInput(row: ConditionRow, i: number, errors: LabelErrors, departments: { id: string; name: string }[], set: (row: ConditionRow) => void) {
  const id = `cond-${i}-value`;
  const error = errors[id];
  const select = (options: { value: string; label: string }[]) =>
    html`<select id=${id} data-testid=${id} aria-invalid=${invalid(error)} aria-describedby=${describedBy(id, error)} @change=${(e: Event) => set({ ...row, text: (e.target as HTMLSelectElement).value })}>
      ${options.map((o) => html`<option value=${o.value} .selected=${o.value === row.text}>${o.label}</option>`)}
    </select>`;
  switch (row.field) {
    case "department":
      return html`<label for=${id}>${t("labels.value")}</label>${select(departments.map((d) => ({ value: d.id, label: d.name })))}${fieldError(id, error)}`;
    case "origin":
      return html`<label for=${id}>${t("labels.value")}</label>${select(ORIGINS.map((o) => ({ value: o, label: t(`labels.origin.${o}` as MessageKey) })))}${fieldError(id, error)}`;
    case "verified": {
      const flagId = `cond-${i}-flag`;
      return html`<label for=${flagId}>${t("labels.value")}</label>
        <select id=${flagId} data-testid=${flagId} @change=${(e: Event) => set({ ...row, flag: (e.target as HTMLSelectElement).value === "true" })}>
          <option value="true" .selected=${row.flag}>${t("labels.yes")}</option>
          <option value="false" .selected=${!row.flag}>${t("labels.no")}</option>
        </select>`;
    }
    case "dayOfWeek":
      return daysInput(row, i, errors, set);
    case "timeOfDay":
      return nothing;
    default:
      return html`<label for=${id}>${t("labels.value")}</label>
        <input id=${id} data-testid=${id} maxlength="200" autocomplete="off" .value=${row.text} aria-invalid=${invalid(error)} aria-describedby=${describedBy(id, error)}
          @input=${(e: Event) => set({ ...row, text: (e.target as HTMLInputElement).value })} />
        ${fieldError(id, error)}`;
  }
}

function daysInput(row: ConditionRow, i: number, errors: LabelErrors, set: (row: ConditionRow) => void) {
  const id = `cond-${i}-days`;
  const error = errors[id];
  const toggle = (day: number, on: boolean) => set({ ...row, days: on ? [...row.days, day] : row.days.filter((d) => d !== day) });
  return html`<fieldset class="days" id=${id} data-testid=${id} tabindex="-1" aria-invalid=${invalid(error)} aria-describedby=${describedBy(id, error)}>
      <legend class="visually-hidden">${t("labels.value")}</legend>
      ${WEEK.map(
        (day) => html`<label><input type="checkbox" data-testid="cond-${i}-day-${day}" .checked=${row.days.includes(day)} @change=${(e: Event) => toggle(day, (e.target as HTMLInputElement).checked)} />${dayName(day)}</label>`,
      )}
    </fieldset>
    ${fieldError(id, error)}`;
}

function timeInputs(row: ConditionRow, i: number, errors: LabelErrors, set: (row: ConditionRow) => void) {
  const input = (which: "start" | "end") => {
    const id = `cond-${i}-${which}`;
    const error = errors[id];
    return html`<div class="field">
      <label for=${id}>${t(which === "start" ? "labels.start" : "labels.end")}</label>
      <input type="time" id=${id} data-testid=${id} required .value=${row[which]} aria-invalid=${invalid(error)} aria-describedby=${describedBy(id, error)}
        @input=${(e: Event) => set({ ...row, [which]: (e.target as HTMLInputElement).value })} />
      ${fieldError(id, error)}
    </div>`;
  };
  return html`${input("start")}${input("end")}`;
}

function conditionRow(draft: LabelDraft, i: number, errors: LabelErrors, departments: { id: string; name: string }[], change: Change) {
  const row = draft.rows[i]!;
  const set = (next: ConditionRow) => change(withRow(draft, i, next));
  const fieldId = `cond-${i}-field`;
  const opId = `cond-${i}-operator`;
  return html`<fieldset class="condition" data-testid="condition">
    <legend>${t("labels.rule", { n: i + 1 })}</legend>
    <div class="cells">
      <div class="field">
        <label for=${fieldId}>${t("labels.field")}</label>
        <select id=${fieldId} data-testid=${fieldId} aria-invalid=${invalid(errors[fieldId])} @change=${(e: Event) => set(changeField(row, (e.target as HTMLSelectElement).value as RuleField, departments[0]?.id))}>
          ${FIELDS.map((f) => html`<option value=${f} .selected=${f === row.field}>${fieldName(f)}</option>`)}
        </select>
        ${fieldError(fieldId, errors[fieldId])}
      </div>
      <div class="field">
        <label for=${opId}>${t("labels.operator")}</label>
        <select id=${opId} data-testid=${opId} aria-invalid=${invalid(errors[opId])} @change=${(e: Event) => set({ ...row, operator: (e.target as HTMLSelectElement).value })}>
          ${FIELD_OPERATORS[row.field].map((o) => html`<option value=${o} .selected=${o === row.operator}>${t(`labels.op.${o}` as MessageKey)}</option>`)}
        </select>
        ${fieldError(opId, errors[opId])}
      </div>
      ${row.field === "timeOfDay" ? timeInputs(row, i, errors, set) : html`<div class="field value">${valueInput(row, i, errors, departments, set)}</div>`}
      <button type="button" data-testid="cond-${i}-remove" aria-label=${t("labels.removeRule", { n: i + 1 })} @click=${() => change({ ...draft, rows: draft.rows.filter((_, j) => j !== i) })}>
        ${t("labels.removeRule", { n: i + 1 })}
      </button>
    </div>
  </fieldset>`;
}

/** The "Regras automáticas" fieldset. */
export function conditionsEditor(draft: LabelDraft, errors: LabelErrors, departments: { id: string; name: string }[], change: Change) {
  return html`<fieldset>
    <legend>${t("labels.rules")}</legend>
    <p class="hint" id="label-rules-hint">${t("labels.rulesHint")}</p>
    ${draft.rows.length === 0 ? html`<p class="muted">${t("labels.noConditions")}</p>` : nothing}
    ${draft.rows.map((_, i) => conditionRow(draft, i, errors, departments, change))}
    <button type="button" data-testid="cond-add" @click=${() => change({ ...draft, rows: [...draft.rows, newRow()] })}>${t("labels.addRule")}</button>
  </fieldset>`;
}
