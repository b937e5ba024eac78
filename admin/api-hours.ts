/**
 * The console's client for Horários de Atendimento (docs/API.md "Horários de Atendimento and
 * attendance"): the account's shifts, each one's week of intervals and its exceptions. Every
 * call goes through {@link request}, so failures are {@link ApiError}s with the server's `code`
 * and `field` (`intervals.3.end`).
 *
 * The answer types are written here from the contract: the console imports no runtime code from
 * worker/, and the Worker's own types for these answers are built in parallel.
 */
import { request } from "./api";

/** `"account"`: the general shifts, for every department without shifts of its own. */
export type ShiftScope = "account" | (string & {});

/** One opening on a weekday (0 Sunday … 6 Saturday); `end` ≤ `start` runs past midnight. */
export interface ShiftInterval {
  day: number;
  start: string;
  end: string;
}

/**
 * One date's exception: `closed` without a range closes the whole date, `closed` with a range
 * closes that range, not `closed` with a range opens it (special opening).
 */
export interface ShiftException {
  date: string;
  closed: boolean;
  start?: string;
  end?: string;
}

export interface Shift {
  id: string;
  name: string;
  scope: ShiftScope;
  intervals: ShiftInterval[];
  exceptions: ShiftException[];
  createdAt: number;
  updatedAt: number;
}

/** Whether a department is inside its hours now, and when that changes (epoch ms, null: never). */
export interface DepartmentNow {
  open: boolean;
  changesAt: number | null;
}

/** Answer of GET /api/shifts. */
export interface ShiftsResponse {
  shifts: Shift[];
  /** The account's IANA time zone: every shift is read on its wall clock. */
  timeZone: string;
  now: Record<string, DepartmentNow>;
}

/** Body of POST /api/shifts and PUT /api/shifts/:id. */
export interface ShiftBody {
  name: string;
  scope: ShiftScope;
  intervals: ShiftInterval[];
  exceptions: ShiftException[];
}

const shiftPath = (id: string) => `/api/shifts/${encodeURIComponent(id)}`;

/** The endpoints of Horários de Atendimento. */
export const hoursApi = {
  shifts: () => request<ShiftsResponse>("GET", "/api/shifts"),
  shift: (id: string) => request<{ shift: Shift }>("GET", shiftPath(id)),
  createShift: (body: ShiftBody) => request<{ shift: Shift }>("POST", "/api/shifts", body),
  updateShift: (id: string, body: ShiftBody) => request<{ shift: Shift }>("PUT", shiftPath(id), body),
  /** Attendants linked to it are unlinked by the server. */
  deleteShift: (id: string) => request<void>("DELETE", shiftPath(id)),
};
