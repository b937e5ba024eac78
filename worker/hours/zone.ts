/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl` (no library, no data of
 * our own): the local date and minute of an instant, the zone's UTC offset at an instant, and the
 * instants at which a local wall time occurs (none in a spring-forward gap, two in a fall-back
 * overlap). Minute precision, like the shifts that use it.
 */

/** A local calendar date, `month` 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The local date of an instant, its weekday (0 = Sunday) and minute of the day (0–1439). */
export interface WallClock extends LocalDate {
  weekday: number;
  minute: number;
}

export const MINUTE_MS = 60_000;
export const DAY_MINUTES = 1440;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(zone, found);
  }
  return found;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `zone` at `instant` (epoch ms), to the minute (seconds are dropped). */
export function wallClock(instant: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const date = { year: parts.year!, month: parts.month!, day: parts.day! };
  return { ...date, weekday: weekdayOf(date), minute: (parts.hour! % 24) * 60 + parts.minute! };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The date `days` after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `YYYY-MM-DD`, the form exceptions are written in. */
export function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** Minutes the zone is ahead of UTC at `instant` (−180 for São Paulo). */
export function offsetMinutes(instant: number, zone: string): number {
  const floored = Math.floor(instant / MINUTE_MS) * MINUTE_MS;
  const wall = wallClock(floored, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day) + wall.minute * MINUTE_MS;
  return Math.round((asUtc - floored) / MINUTE_MS);
}

/** The instant `minute` of `date` would be if the zone were at `offset`. */
function instantAt(date: LocalDate, minute: number, offset: number): number {
  return Date.UTC(date.year, date.month - 1, date.day) + (minute - offset) * MINUTE_MS;
}

/**
 * Every instant whose wall clock in `zone` reads `minute` of `date`, earliest first: one
 * normally, none inside a spring-forward gap, two inside a fall-back overlap. `offsets` are the
 * zone's offsets around that day (see {@link dayOffsets}).
 */
export function instantsOf(date: LocalDate, minute: number, zone: string, offsets: readonly number[]): number[] {
  const found = new Set<number>();
  for (const offset of offsets) {
    const instant = instantAt(date, minute, offset);
    const wall = wallClock(instant, zone);
    if (wall.year === date.year && wall.month === date.month && wall.day === date.day && wall.minute === minute) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The offsets in force during a local day and the instants at which the offset changes in it
 * (a DST transition), found to the minute by bisection. A day has at most one transition in
 * every zone we know of; the search looks at the day's start and end and one bisection.
 */
export function dayOffsets(date: LocalDate, zone: string): { offsets: number[]; transitions: number[] } {
  // The UTC span that surely covers the local day in any zone (offsets are within ±14 h).
  const from = Date.UTC(date.year, date.month - 1, date.day) - 15 * 60 * MINUTE_MS;
  const to = from + (24 + 30) * 60 * MINUTE_MS;
  const first = offsetMinutes(from, zone);
  const last = offsetMinutes(to, zone);
  if (first === last) return { offsets: [first], transitions: [] };
  let low = from;
  let high = to;
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMinutes(middle, zone) === first) low = middle;
    else high = middle;
  }
  return { offsets: [first, last], transitions: [high] };
}
