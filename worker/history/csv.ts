/**
 * The history as CSV (RFC 4180: every cell quoted, `"` doubled, CRLF between rows), written for
 * spreadsheets: a UTF-8 byte order mark so Excel reads accents, and formula injection guarded —
 * a cell that starts with `=`, `+`, `-`, `@`, a tab or a CR is prefixed with `'` so that no
 * spreadsheet runs what a customer typed as their name (OWASP "CSV Injection").
 * The header is in English: the export is a data file, read by tools as much as by people.
 */
import { wallClock } from "../hours/zone";
import type { HistoryChat } from "../views-history";

/** Excel needs it to read UTF-8. */
export const CSV_BOM = "\uFEFF";

export const CSV_HEADER = [
  "number",
  "status",
  "created_at",
  "closed_at",
  "department",
  "attendant",
  "customer_name",
  "customer_email",
  "origin",
  "page_url",
  "messages",
  "labels",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: quoted, with a formula's first character neutralised. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One row, CRLF-terminated. */
export function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** `YYYY-MM-DD HH:mm` in the account's time zone: what a person filtering by day expects to read. */
export function localTime(instant: number | null, zone: string): string | null {
  if (instant === null) return null;
  const w = wallClock(instant, zone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(Math.floor(w.minute / 60))}:${pad(w.minute % 60)}`;
}

/** A history chat as a CSV row, in {@link CSV_HEADER}'s order; labels by name, `; `-separated. */
export function chatCsvRow(chat: HistoryChat, zone: string): string {
  return csvRow([
    chat.number,
    chat.status,
    localTime(chat.createdAt, zone),
    localTime(chat.closedAt, zone),
    chat.departmentName,
    chat.attendant?.name ?? null,
    chat.customer.name,
    chat.customer.email,
    chat.origin,
    chat.pageUrl,
    chat.messageCount,
    chat.labels.map((l) => l.name).join("; "),
  ]);
}
