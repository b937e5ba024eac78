/**
 * The shift form's two editors as templates: the week (one fieldset per day, Monday first,
 * each with zero or more start/end time inputs, add and remove, "copiar para dias úteis") and
 * the exceptions (date, kind, range). They render a draft and hand every change back as a new
 * draft; `<ao-shift-form>` owns the state. Every control has its own label and an id that is
 * also its data-testid, so errors can be placed next to it.
 */
import { css, html, nothing } from "lit";
import {
  WEEK_ORDER,
  copyToWeekdays,
  dayInputId,
  exceptionInputId,
  nextRange,
  withDay,
  type ExceptionDraft,
  type ExceptionKind,
  type ShiftDraft,
  type ShiftErrors,
  type TimeRange,
} from "../hours-form";
import { t, type MessageKey } from "../i18n";
import { describedBy, fieldError, invalid } from "./form-parts";

const KINDS: readonly ExceptionKind[] = ["closedDay", "closedRange", "open"];
const DAY_KEYS = ["hours.day.0", "hours.day.1", "hours.day.2", "hours.day.3", "hours.day.4", "hours.day.5", "hours.day.6"] as const;

/** A weekday's name in the console's language (0 Sunday). */
export const dayName = (day: number): string => t(DAY_KEYS[day] ?? "hours.day.0");

type Change = (draft: ShiftDraft) => void;

export const shiftEditorStyles = css`
  .day {
    display: grid;
    grid-template-columns: 7rem minmax(0, 1fr);
    gap: 0.4rem 0.8rem;
    align-items: start;
    border: none;
    border-top: 1px solid var(--ao-border);
    padding: 0.6rem 0;
    margin: 0;
  }
  .day legend {
    float: left;
    font-weight: 600;
    padding: 0.35rem 0 0;
  }
  .ranges {
    display: flex;
    flex-direction: column;
    gap: 0.4rem;
  }
  .range {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
  }
  .range input[type="time"],
  .range input[type="date"],
  .range select {
    width: auto;
  }
  .range .error {
    flex-basis: 100%;
    margin: 0;
  }
  .closed {
    color: var(--ao-muted);
    padding-top: 0.35rem;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .exception {
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    padding: 0.6rem;
    margin-bottom: 0.6rem;
  }
  @media (max-width: 560px) {
    .day {
      grid-template-columns: 1fr;
    }
  }
`;

/** One labelled time input bound to `value`. */
function timeInput(id: string, label: string, value: string, error: MessageKey | undefined, set: (value: string) => void) {
  return html`<input
      type="time"
      id=${id}
      data-testid=${id}
      required
      .value=${value}
      aria-label=${label}
      aria-invalid=${invalid(error)}
      aria-describedby=${describedBy(id, error)}
      @change=${(e: Event) => set((e.target as HTMLInputElement).value)}
    />${fieldError(id, error)}`;
}

function rangeRow(draft: ShiftDraft, errors: ShiftErrors, day: number, i: number, change: Change) {
  const ranges = draft.days[day] ?? [];
  const r = ranges[i]!;
  const name = dayName(day);
  const n = i + 1;
  const set = (patch: Partial<TimeRange>) => change(withDay(draft, day, ranges.map((x, j) => (j === i ? { ...x, ...patch } : x))));
  return html`<div class="range">
    ${timeInput(dayInputId(day, i, "start"), t("hours.startLabel", { day: name, n }), r.start, errors[dayInputId(day, i, "start")], (start) => set({ start }))}
    <span aria-hidden="true">–</span>
    ${timeInput(dayInputId(day, i, "end"), t("hours.endLabel", { day: name, n }), r.end, errors[dayInputId(day, i, "end")], (end) => set({ end }))}
    <button
      type="button"
      data-testid="shift-day-${day}-remove-${i}"
      aria-label=${t("hours.removeIntervalLabel", { day: name, n })}
      @click=${() => change(withDay(draft, day, ranges.filter((_, j) => j !== i)))}
    >
      ${t("hours.removeInterval")}
    </button>
  </div>`;
}

function dayRow(draft: ShiftDraft, errors: ShiftErrors, day: number, change: Change) {
  const ranges = draft.days[day] ?? [];
  return html`<fieldset class="day" data-testid="shift-day-${day}">
    <legend>${dayName(day)}</legend>
    <div class="ranges">
      ${ranges.length === 0 ? html`<span class="closed" data-testid="shift-day-${day}-closed">${t("hours.dayClosed")}</span>` : nothing}
      ${ranges.map((_, i) => rangeRow(draft, errors, day, i, change))}
      <div class="row-actions">
        <button
          type="button"
          data-testid="shift-day-${day}-add"
          aria-label=${t("hours.addIntervalLabel", { day: dayName(day) })}
          @click=${() => change(withDay(draft, day, [...ranges, nextRange(ranges)]))}
        >
          + ${t("hours.addInterval")}
        </button>
        ${day === 1
          ? html`<button type="button" data-testid="shift-copy-weekdays" @click=${() => change(copyToWeekdays(draft, 1))}>
              ${t("hours.copyWeekdays")}
            </button>`
          : nothing}
      </div>
    </div>
  </fieldset>`;
}

/** The week editor: a fieldset per day, Monday to Sunday. */
export function weekEditor(draft: ShiftDraft, errors: ShiftErrors, change: Change) {
  const error = errors["shift-days"];
  return html`<fieldset id="shift-days" aria-describedby=${describedBy("shift-days", error, "shift-week-hint")}>
    <legend>${t("hours.week")}</legend>
    <p id="shift-week-hint" class="hint">${t("hours.weekHint")}</p>
    ${fieldError("shift-days", error)} ${WEEK_ORDER.map((day) => dayRow(draft, errors, day, change))}
  </fieldset>`;
}

function exceptionRow(draft: ShiftDraft, errors: ShiftErrors, i: number, change: Change) {
  const e = draft.exceptions[i]!;
  const n = i + 1;
  const set = (patch: Partial<ExceptionDraft>) => change({ ...draft, exceptions: draft.exceptions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const dateId = exceptionInputId(i, "date");
  const kindId = exceptionInputId(i, "kind");
  const legend = t("hours.exceptionLegend", { n });
  return html`<fieldset class="exception" data-testid="shift-exception-${i}">
    <legend>${legend}</legend>
    <div class="range">
      <label for=${dateId}>${t("hours.exceptionDate")}</label>
      <input
        type="date"
        id=${dateId}
        data-testid=${dateId}
        required
        .value=${e.date}
        aria-invalid=${invalid(errors[dateId])}
        aria-describedby=${describedBy(dateId, errors[dateId])}
        @change=${(ev: Event) => set({ date: (ev.target as HTMLInputElement).value })}
      />
      ${fieldError(dateId, errors[dateId])}
      <label for=${kindId}>${t("hours.exceptionKind")}</label>
      <select id=${kindId} data-testid=${kindId} @change=${(ev: Event) => set({ kind: KINDS.find((k) => k === (ev.target as HTMLSelectElement).value) ?? "closedDay" })}>
        ${KINDS.map((k) => html`<option value=${k} .selected=${k === e.kind}>${t(`hours.kind.${k}`)}</option>`)}
      </select>
    </div>
    ${e.kind === "closedDay"
      ? nothing
      : html`<div class="range">
          ${timeInput(exceptionInputId(i, "start"), `${legend}, ${t("hours.start")}`, e.start, errors[exceptionInputId(i, "start")], (start) => set({ start }))}
          <span aria-hidden="true">–</span>
          ${timeInput(exceptionInputId(i, "end"), `${legend}, ${t("hours.end")}`, e.end, errors[exceptionInputId(i, "end")], (end) => set({ end }))}
        </div>`}
    <button
      type="button"
      data-testid="shift-exception-${i}-remove"
      @click=${() => change({ ...draft, exceptions: draft.exceptions.filter((_, j) => j !== i) })}
    >
      ${t("hours.removeException", { n })}
    </button>
  </fieldset>`;
}

/** The exceptions editor: one fieldset per exception, and "Adicionar exceção". */
export function exceptionsEditor(draft: ShiftDraft, errors: ShiftErrors, change: Change) {
  const blank: ExceptionDraft = { date: "", kind: "closedDay", start: "09:00", end: "18:00" };
  return html`<fieldset aria-describedby="shift-exceptions-hint">
    <legend>${t("hours.exceptions")}</legend>
    <p id="shift-exceptions-hint" class="hint">${t("hours.exceptionsHint")}</p>
    ${draft.exceptions.length === 0 ? html`<p class="muted">${t("hours.noExceptions")}</p>` : nothing}
    ${draft.exceptions.map((_, i) => exceptionRow(draft, errors, i, change))}
    <button type="button" data-testid="shift-exception-add" @click=${() => change({ ...draft, exceptions: [...draft.exceptions, blank] })}>
      + ${t("hours.addException")}
    </button>
  </fieldset>`;
}
