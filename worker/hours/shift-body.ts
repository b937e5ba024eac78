/**
 * The body of POST and PUT /api/shifts, validated whole: a bad field is a 400 naming it
 * (`intervals.2.end`, `exceptions.0.date`) and nothing is saved. Times are "HH:MM" on the
 * account's wall clock; an interval's `end` may be "24:00" and may be ≤ `start` (past midnight),
 * but not equal to it (an empty or a 24-hour interval would be ambiguous).
 */
import * as z from "zod";
import { minutesOf } from "./schedule";

/** Most intervals and exceptions per shift: a week of split shifts, a few years of holidays. */
export const MAX_INTERVALS = 50;
export const MAX_EXCEPTIONS = 200;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM between 00:00 and 23:59");
const endTime = z.union([time, z.literal("24:00")], { error: "must be HH:MM between 00:00 and 24:00" });

/** "YYYY-MM-DD" naming a day that exists (no 2025-02-30). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, "is not a calendar date");

const Interval = z
  .object({ day: z.number().int().min(0).max(6), start: time, end: endTime })
  .refine((i) => minutesOf(i.start) !== minutesOf(i.end), {
    message: "must differ from start",
    path: ["end"],
  });

const Exception = z
  .object({ date: calendarDate, closed: z.boolean(), start: time.optional(), end: endTime.optional() })
  .superRefine((e, ctx) => {
    if ((e.start === undefined) !== (e.end === undefined)) {
      ctx.addIssue({ code: "custom", message: "start and end go together", path: [e.start === undefined ? "start" : "end"] });
    } else if (e.start !== undefined && minutesOf(e.start) >= minutesOf(e.end!)) {
      ctx.addIssue({ code: "custom", message: "must be after start", path: ["end"] });
    } else if (e.start === undefined && !e.closed) {
      ctx.addIssue({ code: "custom", message: "a special opening needs start and end", path: ["start"] });
    }
  });

export const ShiftBody = z.object({
  name: z.string().trim().min(1).max(80),
  /** "account" for a general shift, or a department id of the same account (checked against D1). */
  scope: z.string().min(1).max(64),
  intervals: z.array(Interval).max(MAX_INTERVALS),
  exceptions: z.array(Exception).max(MAX_EXCEPTIONS).default([]),
});
export type ShiftBody = z.infer<typeof ShiftBody>;
