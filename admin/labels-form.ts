/**
 * The pure logic of the Rótulos page: a label's editable draft, the conditions editor's rows
 * (a field change resets the operator and the value to ones that fit it), the body sent to the
 * server, the checks made before sending, where a server error goes (`conditions.2.value.end`
 * → that row's end input), and the readable text colour on a label's chip.
 */
import type { LabelBody, LabelView, RuleCondition, RuleField } from "./api-labels";
import type { MessageKey } from "./i18n";

/** The fields and their operators, in the order offered (the engine's RULE_OPERATORS, kept equal by a test). */
export const FIELD_OPERATORS: Readonly<Record<RuleField, readonly string[]>> = {
  department: ["is"],
  origin: ["is"],
  pageUrl: ["contains", "startsWith"],
  customerEmail: ["equals", "endsWith"],
  customerName: ["contains"],
  firstMessage: ["contains"],
  dayOfWeek: ["is"],
  timeOfDay: ["between"],
  verified: ["is"],
};
export const FIELDS = Object.keys(FIELD_OPERATORS) as RuleField[];
export const ORIGINS = ["widget", "popup", "customer_panel", "knowledge_base", "app"] as const;
export const NAME_MAX = 60;
export const DEFAULT_COLOR = "#1a7f5a";

/** One row of the conditions editor: every kind of value kept as the inputs hold it. */
export interface ConditionRow {
  field: RuleField;
  operator: string;
  text: string;
  days: number[];
  start: string;
  end: string;
  flag: boolean;
}

export interface LabelDraft {
  name: string;
  color: string;
  description: string;
  active: boolean;
  rows: ConditionRow[];
}

/** Errors by control id (`label-name`, `cond-2-value`, `cond-2-end`). */
export type LabelErrors = Record<string, MessageKey>;

/** A fresh row for `field`, with its first operator and an empty value (`text` default: a department, an origin). */
export function newRow(field: RuleField = "firstMessage", text = ""): ConditionRow {
  return { field, operator: FIELD_OPERATORS[field][0]!, text: field === "origin" ? "widget" : text, days: [], start: "08:00", end: "18:00", flag: true };
}

function rowOf(c: RuleCondition): ConditionRow {
  const row = newRow(c.field);
  row.operator = c.operator;
  if (c.field === "dayOfWeek") row.days = Array.isArray(c.value) ? [...c.value] : [c.value];
  else if (c.field === "timeOfDay") Object.assign(row, c.value);
  else if (c.field === "verified") row.flag = c.value;
  else row.text = c.value;
  return row;
}

export function labelDraft(label?: LabelView): LabelDraft {
  if (!label) return { name: "", color: DEFAULT_COLOR, description: "", active: true, rows: [] };
  return { name: label.name, color: label.color, description: label.description, active: label.active, rows: label.conditions.map(rowOf) };
}

/** The condition a row stands for, as the server takes it. */
export function conditionOf(row: ConditionRow): RuleCondition {
  switch (row.field) {
    case "dayOfWeek":
      return { field: "dayOfWeek", operator: "is", value: [...row.days].sort((a, b) => a - b) };
    case "timeOfDay":
      return { field: "timeOfDay", operator: "between", value: { start: row.start, end: row.end } };
    case "verified":
      return { field: "verified", operator: "is", value: row.flag };
    default:
      return { field: row.field, operator: row.operator, value: row.text.trim() } as RuleCondition;
  }
}

export function labelBody(draft: LabelDraft): LabelBody {
  return { name: draft.name.trim(), color: draft.color.toLowerCase(), description: draft.description.trim(), active: draft.active, conditions: draft.rows.map(conditionOf) };
}

export const isColor = (value: string): boolean => /^#[0-9a-fA-F]{6}$/.test(value);

/** What the console can tell before sending (the server checks everything again). */
export function checkLabel(draft: LabelDraft): LabelErrors {
  const errors: LabelErrors = {};
  if (!draft.name.trim()) errors["label-name"] = "labels.error.name";
  if (!isColor(draft.color)) errors["label-color-hex"] = "labels.error.color";
  draft.rows.forEach((row, i) => {
    if (row.field === "dayOfWeek" && row.days.length === 0) errors[`cond-${i}-days`] = "labels.error.days";
    else if (row.field === "timeOfDay" && row.start === row.end) errors[`cond-${i}-end`] = "labels.error.range";
    else if (!["dayOfWeek", "timeOfDay", "verified"].includes(row.field) && !row.text.trim()) errors[`cond-${i}-value`] = "labels.error.value";
  });
  return errors;
}

/** The control a server error's `field` names, or null (then the message goes above Save). */
export function fieldTarget(draft: LabelDraft, field: string | undefined): string | null {
  if (!field) return null;
  if (field === "name") return "label-name";
  if (field === "color") return "label-color-hex";
  if (field === "description") return "label-description";
  const match = /^conditions\.(\d+)(?:\.(\w+))?(?:\.(\w+))?/.exec(field);
  const row = match ? draft.rows[Number(match[1])] : undefined;
  if (!match || !row) return null;
  if (match[2] === "field") return `cond-${match[1]}-field`;
  if (match[2] === "operator") return `cond-${match[1]}-operator`;
  if (row.field === "timeOfDay") return `cond-${match[1]}-${match[3] === "start" ? "start" : "end"}`;
  if (row.field === "dayOfWeek") return `cond-${match[1]}-days`;
  if (row.field === "verified") return `cond-${match[1]}-flag`;
  return `cond-${match[1]}-value`;
}

/** The row after its field changed: operator and value start over for the new field. */
export function changeField(row: ConditionRow, field: RuleField, firstDepartment = ""): ConditionRow {
  return newRow(field, field === "department" ? firstDepartment : "");
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever reads better on `background` (WCAG contrast ratio); white for a bad colour. */
export function chipText(background: string): "#000000" | "#ffffff" {
  if (!isColor(background)) return "#ffffff";
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}
