import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isOpenAt, nextChange, opensAt, type ShiftHours } from "../../worker/hours/schedule";
import { offsetMinutes } from "../../worker/hours/zone";

const MINUTE = 60_000;
const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]) => days.map((day) => ({ day, start, end }));
const business: ShiftHours = { intervals: weekdays("09:00", "18:00"), exceptions: [] };
/** An instant from a local ISO time with an explicit offset. */
const at = (iso: string) => Date.parse(iso);

describe("shift arithmetic (Horários de Atendimento)", () => {
  it("no shifts means open at every hour, and nothing ever changes", () => {
    expect(isOpenAt([], "America/Sao_Paulo", at("2026-12-06T03:00:00-03:00"))).toBe(true);
    expect(nextChange([], "America/Sao_Paulo", Date.now())).toBeNull();
  });

  it("Mon–Fri 09:00–18:00 in São Paulo: open on Monday at 10:00, closed at 18:00, opens again Tuesday 09:00", () => {
    const zone = "America/Sao_Paulo";
    expect(isOpenAt([business], zone, at("2026-12-07T10:00:00-03:00"))).toBe(true);
    expect(isOpenAt([business], zone, at("2026-12-07T18:00:00-03:00"))).toBe(false);
    expect(isOpenAt([business], zone, at("2026-12-07T08:59:00-03:00"))).toBe(false);
    expect(nextChange([business], zone, at("2026-12-07T10:00:00-03:00"))).toBe(at("2026-12-07T18:00:00-03:00"));
    expect(opensAt([business], zone, at("2026-12-07T19:00:00-03:00"))).toBe(at("2026-12-08T09:00:00-03:00"));
    // Friday evening: back on Monday.
    expect(opensAt([business], zone, at("2026-12-11T18:30:00-03:00"))).toBe(at("2026-12-14T09:00:00-03:00"));
  });

  it("an interval crossing midnight is open on both sides of it", () => {
    const night: ShiftHours = { intervals: [{ day: 5, start: "22:00", end: "02:00" }], exceptions: [] };
    const zone = "America/Sao_Paulo";
    expect(isOpenAt([night], zone, at("2026-12-11T23:00:00-03:00"))).toBe(true); // Friday
    expect(isOpenAt([night], zone, at("2026-12-12T01:59:00-03:00"))).toBe(true); // Saturday
    expect(isOpenAt([night], zone, at("2026-12-12T02:00:00-03:00"))).toBe(false);
    expect(nextChange([night], zone, at("2026-12-11T23:00:00-03:00"))).toBe(at("2026-12-12T02:00:00-03:00"));
  });

  it("exceptions: a holiday closes the day, a range closes part of it, a special opening opens a Sunday", () => {
    const zone = "America/Sao_Paulo";
    const shift: ShiftHours = {
      intervals: weekdays("09:00", "18:00"),
      exceptions: [
        { date: "2026-12-25", closed: true },
        { date: "2026-12-24", closed: true, start: "13:00", end: "18:00" },
        { date: "2026-12-20", closed: false, start: "10:00", end: "14:00" },
      ],
    };
    expect(isOpenAt([shift], zone, at("2026-12-25T10:00:00-03:00"))).toBe(false);
    expect(isOpenAt([shift], zone, at("2026-12-24T12:59:00-03:00"))).toBe(true);
    expect(isOpenAt([shift], zone, at("2026-12-24T13:00:00-03:00"))).toBe(false);
    expect(isOpenAt([shift], zone, at("2026-12-20T11:00:00-03:00"))).toBe(true);
    expect(opensAt([shift], zone, at("2026-12-24T15:00:00-03:00"))).toBe(at("2026-12-28T09:00:00-03:00"));
  });

  it("several shifts are open when any of them is", () => {
    const morning: ShiftHours = { intervals: weekdays("08:00", "12:00"), exceptions: [] };
    const afternoon: ShiftHours = { intervals: weekdays("13:00", "17:00"), exceptions: [] };
    const zone = "Europe/Lisbon";
    expect(isOpenAt([morning, afternoon], zone, at("2026-12-07T12:30:00Z"))).toBe(false);
    expect(isOpenAt([morning, afternoon], zone, at("2026-12-07T13:30:00Z"))).toBe(true);
    expect(nextChange([morning, afternoon], zone, at("2026-12-07T12:30:00Z"))).toBe(at("2026-12-07T13:00:00Z"));
  });

  it("daylight saving in New York: 09:00 local is 14:00 UTC before the change and 13:00 UTC after it", () => {
    const zone = "America/New_York";
    // DST began on Sunday 2026-03-08 at 02:00 local.
    expect(opensAt([business], zone, at("2026-03-06T23:30:00Z"))).toBe(at("2026-03-09T13:00:00Z"));
    expect(opensAt([business], zone, at("2026-03-05T23:30:00Z"))).toBe(at("2026-03-06T14:00:00Z"));
  });

  it("a shift inside the spring-forward gap opens at the jump; one inside the fall-back overlap follows the wall clock", () => {
    const zone = "America/New_York";
    const early: ShiftHours = { intervals: [{ day: 0, start: "02:30", end: "05:00" }], exceptions: [] };
    // 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00 UTC): 02:30 never happens; at the jump the wall reads 03:00, past 02:30.
    expect(opensAt([early], zone, at("2026-03-08T05:00:00Z"))).toBe(at("2026-03-08T07:00:00Z"));
    // 2026-11-01 02:00 EDT falls back to 01:00 EST (06:00 UTC). An interval 01:30–01:45 happens twice.
    const twice: ShiftHours = { intervals: [{ day: 0, start: "01:30", end: "01:45" }], exceptions: [] };
    const first = opensAt([twice], zone, at("2026-11-01T04:00:00Z"));
    expect(first).toBe(at("2026-11-01T05:30:00Z"));
    expect(nextChange([twice], zone, first!)).toBe(at("2026-11-01T05:45:00Z"));
    expect(opensAt([twice], zone, at("2026-11-01T05:50:00Z"))).toBe(at("2026-11-01T06:30:00Z"));
  });

  it("Lisbon's change: a shift 00:30–01:30 on the night the clocks go forward lasts half an hour", () => {
    const zone = "Europe/Lisbon";
    // 2026-03-29 01:00 WET jumps to 02:00 WEST.
    const shift: ShiftHours = { intervals: [{ day: 0, start: "00:30", end: "01:30" }], exceptions: [] };
    const open = opensAt([shift], zone, at("2026-03-28T23:00:00Z"));
    expect(open).toBe(at("2026-03-29T00:30:00Z"));
    expect(nextChange([shift], zone, open!)).toBe(at("2026-03-29T01:00:00Z"));
  });
});

// ------------------------------------------------------------------ property: against a minute-by-minute oracle

const ZONES = ["America/Sao_Paulo", "America/New_York", "Europe/Lisbon", "Asia/Kolkata", "Australia/Lord_Howe"];
const time = fc.integer({ min: 0, max: 1440 / 15 - 1 }).map((q) => q * 15).map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
const interval = fc.record({ day: fc.integer({ min: 0, max: 6 }), start: time, end: time });
const dateIn2026 = fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
const exception = fc.oneof(
  fc.record({ date: dateIn2026, closed: fc.constant(true) }),
  fc.record({ date: dateIn2026, closed: fc.boolean(), start: time, end: time }).filter((e) => e.start < e.end),
);
const shift = fc.record({ intervals: fc.array(interval, { minLength: 1, maxLength: 4 }), exceptions: fc.array(exception, { maxLength: 3 }) });

/** The oracle: step minute by minute until the answer changes (bounded). */
function scan(shifts: ShiftHours[], zone: string, instant: number, days: number): number | null {
  const now = isOpenAt(shifts, zone, instant);
  let t = Math.floor(instant / MINUTE) * MINUTE + MINUTE;
  for (const end = instant + days * 1440 * MINUTE; t <= end; t += MINUTE) {
    if (isOpenAt(shifts, zone, t) !== now) return t;
  }
  return null;
}

/** An independent reading of "open at t": the wall clock from Date arithmetic with the zone's offset. */
function openByOffset(shifts: ShiftHours[], zone: string, instant: number): boolean {
  const local = new Date(Math.floor(instant / MINUTE) * MINUTE + offsetMinutes(instant, zone) * MINUTE);
  const date = local.toISOString().slice(0, 10);
  const weekday = local.getUTCDay();
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  return shifts.some((s) => {
    const exceptions = s.exceptions.filter((e) => e.date === date);
    if (exceptions.some((e) => !e.closed && e.start && e.end && minute >= m(e.start) && minute < m(e.end))) return true;
    if (exceptions.some((e) => e.closed && (!e.start || (minute >= m(e.start) && minute < m(e.end!))))) return false;
    return s.intervals.some((i) => {
      const a = m(i.start);
      const b = m(i.end);
      if (i.day === weekday && minute >= a && (b > a ? minute < b : true)) return true;
      return (i.day + 1) % 7 === weekday && b <= a && minute < b;
    });
  });
}

describe("shift arithmetic, property-based", () => {
  it("isOpenAt agrees with an independent reading of the wall clock", () => {
    fc.assert(
      fc.property(fc.array(shift, { minLength: 1, maxLength: 2 }), fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }), (shifts, zone, instant) => {
        expect(isOpenAt(shifts, zone, instant)).toBe(openByOffset(shifts, zone, instant));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("nextChange is the first minute at which a minute-by-minute scan sees the answer change", () => {
    fc.assert(
      fc.property(fc.array(shift, { minLength: 1, maxLength: 2 }), fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 20) }), (shifts, zone, instant) => {
        const oracle = scan(shifts, zone, instant, 3);
        const found = nextChange(shifts, zone, instant);
        if (oracle === null) expect(found === null || found > instant + 3 * 1440 * MINUTE).toBe(true);
        else expect(found).toBe(oracle);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
