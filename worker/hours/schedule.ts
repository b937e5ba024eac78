/**
 * Horários de Atendimento as pure functions: whether a set of shifts is open at an instant, and
 * the next instant that changes it (a shift starts or ends, an exception, a daylight-saving jump).
 * Shifts are weekly intervals in the account's time zone plus dated exceptions, read on the
 * local wall clock: an interval 09:00–18:00 is open while the clock on the wall reads between
 * them, whatever the UTC offset that day. No shifts at all means open at every hour.
 *
 * `nextChange` only looks at candidate instants (every edge of every local day, each day's
 * midnight, each DST transition), because nothing else can change the answer; the property test
 * checks it against a minute-by-minute scan.
 */
import { addDays, DAY_MINUTES, dayOffsets, instantsOf, isoDate, wallClock, weekdayOf, type LocalDate } from "./zone";

/** Open every `day` (0 = Sunday) from `start` to `end` ("HH:MM"); `end` ≤ `start` runs past midnight. */
export interface WeeklyInterval {
  day: number;
  start: string;
  end: string;
}

/**
 * A dated exception: `closed` without a range closes the whole date (a holiday); `closed` with
 * `start`/`end` closes that range; not `closed` with a range opens it (a special opening).
 */
export interface DateException {
  date: string;
  closed: boolean;
  start?: string;
  end?: string;
}

export interface ShiftHours {
  intervals: readonly WeeklyInterval[];
  exceptions: readonly DateException[];
}

/** A half-open range of minutes of one local day, `[from, to)`. */
type Range = readonly [number, number];

/** Minutes of "HH:MM" ("24:00" is the end of the day). */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
}

/** Sorted, merged, without empty ranges. */
function merged(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function subtract(ranges: Range[], [cutFrom, cutTo]: Range): Range[] {
  return ranges.flatMap(([a, b]): Range[] => {
    if (cutTo <= a || cutFrom >= b) return [[a, b]];
    const parts: Range[] = [
      [a, Math.min(b, cutFrom)],
      [Math.max(a, cutTo), b],
    ];
    return parts.filter(([x, y]) => y > x);
  });
}

/** The open minutes of one shift on a local date: its weekday's intervals, the spill of the day before's, then the date's exceptions. */
function shiftRanges(shift: ShiftHours, date: LocalDate): Range[] {
  const weekday = weekdayOf(date);
  const previous = (weekday + 6) % 7;
  let ranges: Range[] = [];
  for (const interval of shift.intervals) {
    const start = minutesOf(interval.start);
    const end = minutesOf(interval.end);
    if (interval.day === weekday) ranges.push([start, end > start ? end : DAY_MINUTES]);
    if (interval.day === previous && end <= start && end > 0) ranges.push([0, end]);
  }
  const day = isoDate(date);
  const exceptions = shift.exceptions.filter((e) => e.date === day);
  for (const e of exceptions) {
    if (!e.closed) continue;
    ranges = e.start && e.end ? subtract(ranges, [minutesOf(e.start), minutesOf(e.end)]) : [];
  }
  for (const e of exceptions) {
    if (!e.closed && e.start && e.end) ranges.push([minutesOf(e.start), minutesOf(e.end)]);
  }
  return merged(ranges);
}

/** The open minutes of a local date under several shifts (open when any is). */
export function openRanges(shifts: readonly ShiftHours[], date: LocalDate): Range[] {
  return merged(shifts.flatMap((shift) => shiftRanges(shift, date)));
}

/** Whether the shifts are open at `instant` in `zone`. No shifts: always open. */
export function isOpenAt(shifts: readonly ShiftHours[], zone: string, instant: number): boolean {
  if (shifts.length === 0) return true;
  const wall = wallClock(instant, zone);
  return openRanges(shifts, wall).some(([a, b]) => wall.minute >= a && wall.minute < b);
}

/**
 * The first instant after `instant` at which {@link isOpenAt} changes, or null when it does not
 * change within `horizonDays` local days (no shifts; or never open again in that time).
 */
export function nextChange(shifts: readonly ShiftHours[], zone: string, instant: number, horizonDays = 370): number | null {
  if (shifts.length === 0) return null;
  const now = isOpenAt(shifts, zone, instant);
  const start = wallClock(instant, zone);
  for (let i = 0; i <= horizonDays; i++) {
    const date = addDays(start, i);
    const { offsets, transitions } = dayOffsets(date, zone);
    const edges = new Set<number>([0]);
    for (const [a, b] of openRanges(shifts, date)) {
      edges.add(a);
      if (b < DAY_MINUTES) edges.add(b);
    }
    // A transition found in this day's window may fall on the next local day: it is that day's candidate.
    const ownTransitions = transitions.filter((t) => isoDate(wallClock(t, zone)) === isoDate(date));
    const candidates = [...ownTransitions, ...[...edges].flatMap((minute) => instantsOf(date, minute, zone, offsets))]
      .filter((c) => c > instant)
      .sort((a, b) => a - b);
    for (const candidate of candidates) {
      if (isOpenAt(shifts, zone, candidate) !== now) return candidate;
    }
  }
  return null;
}

/** When a closed schedule opens next (null when open now, or not within the horizon). */
export function opensAt(shifts: readonly ShiftHours[], zone: string, instant: number): number | null {
  return isOpenAt(shifts, zone, instant) ? null : nextChange(shifts, zone, instant);
}
