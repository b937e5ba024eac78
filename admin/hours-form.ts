/**
 * Horários de Atendimento's logic, without the DOM: the draft a shift form edits (a week of
 * time ranges per day, the exceptions), the body it sends, the checks made before sending,
 * where a server error about `intervals.3.end` goes in the form, the shifts grouped by scope,
 * and the "Aberto agora · fecha às 18:00" line read on the account's wall clock with Intl.
 */
import type { Me } from "../worker/views";
import type { DepartmentNow, Shift, ShiftBody, ShiftException, ShiftInterval, ShiftScope } from "./api-hours";
import type { MessageKey } from "./i18n";

export const SHIFT_NAME_MAX = 80;
/** The order the week editor shows the days in: Monday first (0 is Sunday, as in the API). */
export const WEEK_ORDER: readonly number[] = [1, 2, 3, 4, 5, 6, 0];
/** Monday to Friday. */
export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface TimeRange {
  start: string;
  end: string;
}

/** `closedDay`: closed all day; `closedRange`: closed in a range; `open`: special opening. */
export type ExceptionKind = "closedDay" | "closedRange" | "open";

export interface ExceptionDraft extends TimeRange {
  date: string;
  kind: ExceptionKind;
}

/** The fields of the shift form; `days[d]` are day d's ranges (0 Sunday … 6 Saturday). */
export interface ShiftDraft {
  name: string;
  scope: ShiftScope;
  days: TimeRange[][];
  exceptions: ExceptionDraft[];
}

/**
 * Errors by form control id: `shift-name`, `shift-scope`, `shift-days`,
 * `shift-day-<d>-start-<i>`, `shift-exception-<i>-date`, `shift-exception-<i>-start`…
 */
export type ShiftErrors = Record<string, MessageKey>;

/** A time input shows "24:00" as "00:00", which means the same as an end (midnight). */
const shown = (time: string | undefined): string => (time === "24:00" ? "00:00" : (time ?? ""));

function exceptionDraft(e: ShiftException): ExceptionDraft {
  const ranged = e.start !== undefined && e.end !== undefined;
  const kind: ExceptionKind = !e.closed ? "open" : ranged ? "closedRange" : "closedDay";
  return { date: e.date, kind, start: shown(e.start), end: shown(e.end) };
}

/** The draft of a shift, or an empty one (general, or the only scope offered) for a new shift. */
export function shiftDraft(shift?: Shift, scope: ShiftScope = "account"): ShiftDraft {
  const days: TimeRange[][] = Array.from({ length: 7 }, () => []);
  if (!shift) return { name: "", scope, days, exceptions: [] };
  for (const i of shift.intervals) days[i.day]?.push({ start: shown(i.start), end: shown(i.end) });
  return { name: shift.name, scope: shift.scope, days, exceptions: shift.exceptions.map(exceptionDraft) };
}

/** The intervals of the body, day by day from Sunday, each day's in the order typed. */
export function draftIntervals(draft: ShiftDraft): ShiftInterval[] {
  return draft.days.flatMap((ranges, day) => ranges.map((r) => ({ day, start: r.start, end: r.end })));
}

function exceptionBody(e: ExceptionDraft): ShiftException {
  if (e.kind === "closedDay") return { date: e.date, closed: true };
  return { date: e.date, closed: e.kind === "closedRange", start: e.start, end: e.end };
}

/** Body of POST /api/shifts and PUT /api/shifts/:id. */
export function shiftBody(draft: ShiftDraft): ShiftBody {
  return { name: draft.name.trim(), scope: draft.scope, intervals: draftIntervals(draft), exceptions: draft.exceptions.map(exceptionBody) };
}

/** Day `day`'s ranges replaced by `ranges` (a new draft). */
export function withDay(draft: ShiftDraft, day: number, ranges: TimeRange[]): ShiftDraft {
  return { ...draft, days: draft.days.map((r, d) => (d === day ? ranges : r)) };
}

/** "Copiar para dias úteis": Monday to Friday get copies of `from`'s ranges. */
export function copyToWeekdays(draft: ShiftDraft, from: number): ShiftDraft {
  const source = draft.days[from] ?? [];
  return { ...draft, days: draft.days.map((r, d) => (WEEKDAYS.includes(d) ? source.map((x) => ({ ...x })) : r)) };
}

/** A new range for a day: after the day's last one when there is one, else 09:00–18:00. */
export function nextRange(ranges: readonly TimeRange[]): TimeRange {
  const last = ranges.at(-1);
  return last ? { start: last.end, end: last.end } : { start: "09:00", end: "18:00" };
}

/** The id of a week editor time input (also its data-testid). */
export const dayInputId = (day: number, index: number, edge: "start" | "end"): string => `shift-day-${day}-${edge}-${index}`;
/** The id of an exception's control (also its data-testid). */
export const exceptionInputId = (index: number, part: "date" | "kind" | "start" | "end"): string => `shift-exception-${index}-${part}`;

/** The problems the server would refuse, found before sending. */
export function checkShift(draft: ShiftDraft): ShiftErrors {
  const errors: ShiftErrors = {};
  const name = draft.name.trim();
  if (name === "" || name.length > SHIFT_NAME_MAX) errors["shift-name"] = "hours.error.name";
  draft.days.forEach((ranges, day) =>
    ranges.forEach((r, i) => {
      if (!TIME.test(r.start)) errors[dayInputId(day, i, "start")] = "hours.error.time";
      if (!TIME.test(r.end)) errors[dayInputId(day, i, "end")] = "hours.error.time";
    }),
  );
  draft.exceptions.forEach((e, i) => {
    if (!DATE.test(e.date)) errors[exceptionInputId(i, "date")] = "hours.error.date";
    if (e.kind === "closedDay") return;
    if (!TIME.test(e.start)) errors[exceptionInputId(i, "start")] = "hours.error.time";
    if (!TIME.test(e.end)) errors[exceptionInputId(i, "end")] = "hours.error.time";
  });
  return errors;
}

/** Day and position in the draft of the body's interval number `index`. */
export function intervalAt(draft: ShiftDraft, index: number): { day: number; index: number } | null {
  let rest = index;
  for (let day = 0; day < 7; day++) {
    const count = draft.days[day]?.length ?? 0;
    if (rest < count) return { day, index: rest };
    rest -= count;
  }
  return null;
}

/**
 * The form control a server error's `field` is about (`intervals.3.end` → the end input of the
 * fourth interval sent), or null when the form has none (the error goes above Save).
 */
export function fieldTarget(draft: ShiftDraft, field: string | undefined): string | null {
  if (!field) return null;
  const [head, n, part] = field.split(".");
  if (head === "name") return "shift-name";
  if (head === "scope") return "shift-scope";
  if (head === "intervals") {
    const at = n === undefined ? null : intervalAt(draft, Number(n));
    if (!at) return draft.days.some((d) => d.length > 0) ? null : "shift-days";
    return dayInputId(at.day, at.index, part === "end" ? "end" : "start");
  }
  if (head === "exceptions" && n !== undefined && Number(n) < draft.exceptions.length) {
    const which = part === "start" || part === "end" ? part : "date";
    return exceptionInputId(Number(n), which);
  }
  return null;
}

/** The scopes `me` may give a shift: administrators the general one and every department; a manager their departments. */
export function scopeOptions(me: Pick<Me, "role" | "departments">, departments: readonly { id: string }[]): ShiftScope[] {
  if (me.role === "administrator") return ["account", ...departments.map((d) => d.id)];
  if (me.role !== "department_manager") return [];
  const managed = new Set(me.departments.filter((d) => d.supervises).map((d) => d.id));
  return departments.map((d) => d.id).filter((id) => managed.has(id));
}

/** Whether `me` may change (or delete) a shift of this scope. */
export function canEditShift(me: Pick<Me, "role" | "departments">, scope: ShiftScope): boolean {
  if (me.role === "administrator") return true;
  return me.role === "department_manager" && scope !== "account" && me.departments.some((d) => d.id === scope && d.supervises);
}

export interface ShiftGroup {
  scope: ShiftScope;
  /** The department's name; null for the general group. */
  name: string | null;
  shifts: Shift[];
}

/**
 * The shifts by scope: the general ones first (always, even empty), then each department
 * the answer tells about or that has shifts, by name. Shifts by name within a group.
 */
export function groupShifts(shifts: readonly Shift[], departments: readonly { id: string; name: string }[], now: Readonly<Record<string, DepartmentNow>>): ShiftGroup[] {
  const byName = (a: Shift, b: Shift) => a.name.localeCompare(b.name);
  const of = (scope: ShiftScope) => shifts.filter((s) => s.scope === scope).sort(byName);
  const shown = departments.filter((d) => d.id in now || shifts.some((s) => s.scope === d.id));
  return [
    { scope: "account", name: null, shifts: of("account") },
    ...[...shown].sort((a, b) => a.name.localeCompare(b.name)).map((d) => ({ scope: d.id, name: d.name, shifts: of(d.id) })),
  ];
}

/** A date's YYYY-MM-DD on the wall clock of `timeZone`. */
function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

/**
 * An instant as the console says it: "18:00" today, "seg. 09:00"-style parts within a week,
 * the short date beyond; on the wall clock of `timeZone` (the browser's when omitted).
 */
export function whenParts(at: number, nowMs: number, locale: string, timeZone?: string): { day: string | null; time: string } {
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit" }).format(at);
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (localDate(at, zone) === localDate(nowMs, zone)) return { day: null, time };
  const withinWeek = at - nowMs < 6 * 24 * 3600 * 1000;
  const day = new Intl.DateTimeFormat(locale, withinWeek ? { timeZone, weekday: "short" } : { timeZone, day: "2-digit", month: "2-digit" }).format(at);
  return { day, time };
}

/** The status line of a department: "Aberto agora · fecha às 18:00", "Fechado · abre seg. às 09:00". */
export function nowLabel(entry: DepartmentNow, nowMs: number, locale: string, timeZone: string): { key: MessageKey; params?: Record<string, string> } {
  if (entry.changesAt === null) return { key: entry.open ? "hours.openAlways" : "hours.closedNoOpening" };
  const { day, time } = whenParts(entry.changesAt, nowMs, locale, timeZone);
  if (entry.open) return day ? { key: "hours.openUntilDay", params: { day, time } } : { key: "hours.openUntil", params: { time } };
  return day ? { key: "hours.closedUntilDay", params: { day, time } } : { key: "hours.closedUntil", params: { time } };
}

/** "09:00", or "seg. 09:00" when not today: an instant in a notice, on the browser's clock. */
export function noticeTime(at: number, nowMs: number, locale: string): string {
  const { day, time } = whenParts(at, nowMs, locale);
  return day ? `${day} ${time}` : time;
}

/** The notice for `409 outside_shift`: from when the attendant may go online (`opensAt`, epoch ms or null). */
export function outsideShiftNotice(opensAt: unknown, nowMs: number, locale: string): { key: MessageKey; params?: Record<string, string> } {
  if (typeof opensAt !== "number") return { key: "notice.outsideShiftNever" };
  return { key: "notice.outsideShift", params: { time: noticeTime(opensAt, nowMs, locale) } };
}
