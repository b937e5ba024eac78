/**
 * The zod schema of a label's conditions and of its body (POST / PATCH /api/labels). A condition
 * that could never match is refused when saved, with the path of the problem
 * (`conditions.2.value`) so the console shows it next to that row: unknown fields and operators,
 * empty values, an origin that does not exist, a day outside 0–6, a time range whose start equals
 * its end. Whether a `department` value is a department of the account needs D1: the route
 * checks it (`departmentProblem`).
 */
import * as z from "zod";
import { fold, minuteOf, RULE_FIELDS, RULE_OPERATORS, RULE_ORIGINS, type RuleCondition } from "./rules";

/** Most conditions per label and labels per account: enough for any help desk, small enough to evaluate in microseconds. */
export const MAX_CONDITIONS = 20;
export const MAX_LABELS = 200;
const MAX_TEXT = 200;

const text = z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);
/** Text that still says something once folded (not only accents or spaces). */
const foldedText = text.refine((v) => v.length === 0 || fold(v).length > 0, "must not be empty");
const time = z.string({ error: "must be HH:MM" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM between 00:00 and 23:59");
const day = z.number({ error: "must be a day from 0 (Sunday) to 6 (Saturday)" }).int().min(0, "must be 0 (Sunday) to 6 (Saturday)").max(6, "must be 0 (Sunday) to 6 (Saturday)");

function operator<const T extends readonly [string, ...string[]]>(ops: T) {
  return z.enum(ops, { error: `must be ${ops.map((o) => `"${o}"`).join(" or ")}` });
}

const TimeRange = z.strictObject({ start: time, end: time }).refine((r) => minuteOf(r.start) !== minuteOf(r.end), {
  message: "end must differ from start (a range with start = end never matches)",
  path: ["end"],
});

const Days = z
  .array(day)
  .min(1, "must name at least one day")
  .max(7)
  .refine((days) => new Set(days).size === days.length, "must not repeat a day");

const variants = [
  z.strictObject({ field: z.literal("department"), operator: operator(["is"]), value: z.string({ error: "must be a department id" }).min(1, "must not be empty").max(64) }),
  z.strictObject({ field: z.literal("origin"), operator: operator(["is"]), value: z.enum(RULE_ORIGINS, { error: `must be one of ${RULE_ORIGINS.join(", ")}` }) }),
  z.strictObject({ field: z.literal("pageUrl"), operator: operator(["contains", "startsWith"]), value: foldedText }),
  z.strictObject({ field: z.literal("customerEmail"), operator: operator(["equals", "endsWith"]), value: foldedText }),
  z.strictObject({ field: z.literal("customerName"), operator: operator(["contains"]), value: foldedText }),
  z.strictObject({ field: z.literal("firstMessage"), operator: operator(["contains"]), value: foldedText }),
  z.strictObject({ field: z.literal("dayOfWeek"), operator: operator(["is"]), value: z.union([day, Days], { error: "must be a day from 0 (Sunday) to 6 (Saturday) or a list of days" }) }),
  z.strictObject({ field: z.literal("timeOfDay"), operator: operator(["between"]), value: TimeRange }),
  z.strictObject({ field: z.literal("verified"), operator: operator(["is"]), value: z.boolean({ error: "must be true or false" }) }),
] as const;

/** One condition; an unknown `field` is refused at `field` naming the known ones. */
export const Condition = z.discriminatedUnion("field", variants, {
  error: (issue) => (issue.code === "invalid_union" ? `must be one of ${RULE_FIELDS.join(", ")}` : undefined),
});

// The schema and the engine's type must describe the same conditions.
type SameAs<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameConditions: SameAs<z.infer<typeof Condition>, RuleCondition> = true;
void _sameConditions;
void RULE_OPERATORS;

export const Conditions = z.array(Condition).max(MAX_CONDITIONS, `at most ${MAX_CONDITIONS} conditions`);

const color = z
  .string({ error: "must be a colour like #1a7f5a" })
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1a7f5a")
  .transform((c) => c.toLowerCase());
const name = z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(60, "must be at most 60 characters").refine((n) => fold(n).length > 0, "must not be empty");
const description = z.string({ error: "must be text" }).trim().max(300, "must be at most 300 characters");

/** POST /api/labels. */
export const LabelBody = z.strictObject({
  name,
  color,
  description: description.default(""),
  active: z.boolean().default(true),
  conditions: Conditions.default([]),
});
export type LabelBody = z.infer<typeof LabelBody>;

/** PATCH /api/labels/:id: any subset of the fields. */
export const LabelPatch = z.strictObject({
  name: name.optional(),
  color: color.optional(),
  description: description.optional(),
  active: z.boolean().optional(),
  conditions: Conditions.optional(),
});
export type LabelPatch = z.infer<typeof LabelPatch>;

/** The path of the first `department` condition naming a department not in `departmentIds`, or null. */
export function departmentProblem(conditions: readonly RuleCondition[], departmentIds: ReadonlySet<string>): string | null {
  const index = conditions.findIndex((c) => c.field === "department" && !departmentIds.has(c.value));
  return index < 0 ? null : `conditions.${index}.value`;
}
