/**
 * The reads of `GET /api/widget/config` in one D1 round trip. Every visitor's page view polls
 * this route, so it is the hottest read of the product: as four drizzle queries it cost about
 * 9 ms of the worker's CPU per poll, a fifth of it building the same SQL text again each time
 * and most of the rest the four round trips to D1. Here the four statements have constant SQL
 * (D1 keeps them prepared), are keyed by the public key itself (no wait for the account's id)
 * and go in one `batch`. The rows are mapped to the shapes the drizzle queries returned, so the
 * route's logic is unchanged; the schema's column names are repeated below: keep them in step
 * with worker/db/schema.ts (the widget-config tests read every field back).
 */
import type { StoredSettings } from "../settings/store";
import { settingsFromRows } from "../settings/store";
import type { ShiftRow } from "../hours/shifts";

/** More departments than a customer could choose from; the list stays bounded. */
const MAX_DEPARTMENTS = 200;

const ACCOUNT_SQL =
  "SELECT id, name, time_zone, locale, allowed_origins, widget_seen_at FROM accounts WHERE public_key = ?1";

const DEPARTMENTS_SQL = `SELECT d.id, d.name, d.initial_message, p.online, p.busy
  FROM accounts a JOIN departments d ON d.account_id = a.id
  LEFT JOIN department_presence p ON p.department_id = d.id AND p.account_id = d.account_id
  WHERE a.public_key = ?1 AND d.active = 1 AND (?2 IS NULL OR d.id = ?2)
  ORDER BY d.name LIMIT ${MAX_DEPARTMENTS}`;

const SETTINGS_SQL = `SELECT s.department_id, s.data FROM accounts a JOIN settings s ON s.account_id = a.id
  WHERE a.public_key = ?1 LIMIT 1000`;

const SHIFTS_SQL = `SELECT sh.id, sh.account_id, sh.department_id, sh.name, sh.intervals, sh.exceptions, sh.created_at, sh.updated_at
  FROM accounts a JOIN shifts sh ON sh.account_id = a.id WHERE a.public_key = ?1 ORDER BY sh.name, sh.id`;

/** The account's columns the config needs. */
export interface ConfigAccount {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  allowedOrigins: string[];
  widgetSeenAt: number | null;
}

/** A department with its presence summary (null: the room never published one). */
export interface ConfigDepartment {
  id: string;
  name: string;
  initialMessage: string;
  online: boolean | null;
  busy: boolean | null;
}

/** Everything the config answer is built from; `account` undefined for an unknown key. */
export interface ConfigReads {
  account: ConfigAccount | undefined;
  departments: ConfigDepartment[];
  settings: StoredSettings;
  shifts: ShiftRow[];
}

type Row = Record<string, unknown>;

/** A JSON column as drizzle's `mode: "json"` reads it. */
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** An integer boolean column (null stays null: no presence summary). */
function flag(value: unknown): boolean | null {
  return value === null || value === undefined ? null : value === 1 || value === true;
}

function accountOf(row: Row | undefined): ConfigAccount | undefined {
  if (!row) return undefined;
  return {
    id: row.id as string,
    name: row.name as string,
    timeZone: row.time_zone as string,
    locale: row.locale as string,
    allowedOrigins: json<string[]>(row.allowed_origins),
    widgetSeenAt: (row.widget_seen_at as number | null) ?? null,
  };
}

function shiftOf(row: Row): ShiftRow {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    departmentId: (row.department_id as string | null) ?? null,
    name: row.name as string,
    intervals: json(row.intervals),
    exceptions: json(row.exceptions),
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  };
}

/**
 * The account of `publicKey`, its active departments (only `departmentId` when given) with
 * their presence, its settings documents and its shifts: one D1 batch.
 */
export async function readConfig(db: D1Database, publicKey: string, departmentId: string | null): Promise<ConfigReads> {
  const [account, departments, settings, shifts] = await db.batch<Row>([
    db.prepare(ACCOUNT_SQL).bind(publicKey),
    db.prepare(DEPARTMENTS_SQL).bind(publicKey, departmentId),
    db.prepare(SETTINGS_SQL).bind(publicKey),
    db.prepare(SHIFTS_SQL).bind(publicKey),
  ]);
  const found = accountOf(account?.results[0]);
  return {
    account: found,
    departments: (departments?.results ?? []).map((row) => ({
      id: row.id as string,
      name: row.name as string,
      initialMessage: row.initial_message as string,
      online: flag(row.online),
      busy: flag(row.busy),
    })),
    settings: settingsFromRows(
      found?.id ?? "",
      (settings?.results ?? []).map((row) => ({ departmentId: row.department_id as string, data: json<Record<string, unknown>>(row.data) })),
    ),
    shifts: (shifts?.results ?? []).map(shiftOf),
  };
}
