/**
 * The history search's query string, parsed once for the list and the CSV export: which chats
 * (labels, department, attendant, status, dates, customer, protocol number, text in the
 * messages) and which page. An empty parameter (`departmentId=`) counts as absent, so a form
 * can send every field; anything else that does not parse is a 400 naming the field.
 */
import * as z from "zod";
import { CHAT_STATUSES } from "../db/schema";
import { badRequest } from "../errors";
import { addDays, dayOffsets, instantsOf, type LocalDate } from "../hours/zone";
import { idParam } from "../validate";

/** Most labels one search may name (`labelId=a&labelId=b…`). */
export const MAX_LABEL_FILTERS = 20;

const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());

/** `YYYY-MM-DD` (a day in the account's time zone) or epoch milliseconds. */
const DayOrInstant = z.union([
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Expected YYYY-MM-DD or epoch milliseconds")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "No such date"),
  z.string().regex(/^\d{1,15}$/, "Expected YYYY-MM-DD or epoch milliseconds"),
]);

const HistoryQuery = z.object({
  labelId: z.array(idParam).max(MAX_LABEL_FILTERS).default([]),
  departmentId: optional(idParam),
  attendantId: optional(idParam),
  status: optional(z.enum(CHAT_STATUSES)),
  from: optional(DayOrInstant),
  to: optional(DayOrInstant),
  customer: optional(z.string().trim().min(1).max(100)),
  number: optional(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER)),
  q: optional(z.string().trim().min(1).max(200)),
  page: optional(z.coerce.number().int().min(1).max(10_000)),
  limit: optional(z.coerce.number().int().min(1).max(100)),
});

/** The filters as the search runs them; `from`/`to` still as written (see {@link resolveRange}). */
export interface HistoryFilters {
  labelIds: string[];
  departmentId?: string;
  attendantId?: string;
  status?: (typeof CHAT_STATUSES)[number];
  from?: string;
  to?: string;
  customer?: string;
  number?: number;
  q?: string;
  page: number;
  limit: number;
}

/** Every parameter of the URL: `labelId` may repeat, the others count once (the first). */
function rawParams(url: URL): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    if (key !== "labelId" && !(key in raw)) raw[key] = value;
  }
  raw.labelId = url.searchParams.getAll("labelId").filter((id) => id !== "");
  return raw;
}

/** Parses the history's query string; a bad value is a 400 with `field` set to its name. */
export function parseHistoryQuery(url: URL): HistoryFilters {
  const result = HistoryQuery.safeParse(rawParams(url));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = String(issue.path[0] ?? "query");
    throw badRequest(`${field}: ${issue.message}`, field);
  }
  const { labelId, page, limit, ...rest } = result.data;
  const filters: HistoryFilters = { ...rest, labelIds: [...new Set(labelId)], page: page ?? 1, limit: limit ?? 20 };
  if (filters.from && filters.to && /^\d+$/.test(filters.from) === /^\d+$/.test(filters.to) && compare(filters.from, filters.to) > 0) {
    throw badRequest("to: must not be before from", "to");
  }
  return filters;
}

function compare(a: string, b: string): number {
  return /^\d+$/.test(a) ? Number(a) - Number(b) : a.localeCompare(b);
}

/** The first instant of a local day in `zone` (midnight, or the DST change when midnight is skipped). */
function startOfDay(date: LocalDate, zone: string): number {
  const { offsets, transitions } = dayOffsets(date, zone);
  return instantsOf(date, 0, zone, offsets)[0] ?? transitions[0]!;
}

function localDate(day: string): LocalDate {
  const [year, month, dayOfMonth] = day.split("-").map(Number);
  return { year: year!, month: month!, day: dayOfMonth! };
}

/**
 * The filters' date range as epoch ms, `[from, to)`. A day (`YYYY-MM-DD`) is a whole day in the
 * account's time zone, `to` included; epoch ms are instants, both included.
 */
export function resolveRange(filters: Pick<HistoryFilters, "from" | "to">, zone: string): { from?: number; to?: number } {
  const range: { from?: number; to?: number } = {};
  if (filters.from) range.from = /^\d+$/.test(filters.from) ? Number(filters.from) : startOfDay(localDate(filters.from), zone);
  if (filters.to) range.to = /^\d+$/.test(filters.to) ? Number(filters.to) + 1 : startOfDay(addDays(localDate(filters.to), 1), zone);
  if (range.from !== undefined && range.to !== undefined && range.to <= range.from) throw badRequest("to: must not be before from", "to");
  return range;
}

/**
 * The user's text as one FTS5 phrase: inside double quotes FTS5 reads no operator (`OR`, `*`,
 * `NEAR`, `-`, `:`), and a `"` is written twice. Null when the text has no letter or digit: the
 * tokenizer would leave an empty phrase, which matches nothing.
 */
export function ftsPhrase(text: string): string | null {
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  return `"${text.replaceAll('"', '""')}"`;
}

/** `text` for a LIKE … ESCAPE '\' pattern: `%`, `_` and `\` match themselves. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
