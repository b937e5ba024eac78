import { afterEach, describe, expect, it } from "vitest";
import type { Shift } from "../../admin/api-hours";
import { attendantDraft, attendantPatchBody, type AttendantWithShift } from "../../admin/attendant-form";
import {
  checkShift,
  copyToWeekdays,
  fieldTarget,
  groupShifts,
  nowLabel,
  outsideShiftNotice,
  scopeOptions,
  shiftBody,
  shiftDraft,
  withDay,
} from "../../admin/hours-form";
import { setLocale, t } from "../../admin/i18n";
import { applyFrame } from "../../admin/live-frames";
import { Store } from "../../admin/store";
import { session } from "./fixtures";

const shift = (overrides: Partial<Shift> = {}): Shift => ({
  id: "sh-1",
  name: "Comercial",
  scope: "account",
  intervals: [
    { day: 1, start: "09:00", end: "12:00" },
    { day: 1, start: "13:00", end: "18:00" },
    { day: 5, start: "22:00", end: "24:00" },
  ],
  exceptions: [
    { date: "2025-12-25", closed: true },
    { date: "2025-12-24", closed: true, start: "14:00", end: "24:00" },
    { date: "2025-12-28", closed: false, start: "10:00", end: "14:00" },
  ],
  createdAt: 1,
  updatedAt: 1,
  ...overrides,
});

// Monday 2025-06-02 12:00 in São Paulo (UTC-3) is 15:00 UTC.
const MONDAY_NOON_SP = Date.UTC(2025, 5, 2, 15, 0);
const SP = "America/Sao_Paulo";

afterEach(() => setLocale("pt-BR"));

describe("shift form ↔ body", () => {
  it("round-trips a shift's intervals and every kind of exception", () => {
    const draft = shiftDraft(shift());
    expect(draft.days[1]).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ]);
    // A time input cannot show 24:00: midnight as an end is 00:00, which means the same.
    expect(draft.days[5]).toEqual([{ start: "22:00", end: "00:00" }]);
    expect(draft.exceptions.map((e) => e.kind)).toEqual(["closedDay", "closedRange", "open"]);
    expect(shiftBody({ ...draft, name: "  Comercial " })).toEqual({
      name: "Comercial",
      scope: "account",
      intervals: [
        { day: 1, start: "09:00", end: "12:00" },
        { day: 1, start: "13:00", end: "18:00" },
        { day: 5, start: "22:00", end: "00:00" },
      ],
      exceptions: [
        { date: "2025-12-25", closed: true },
        { date: "2025-12-24", closed: true, start: "14:00", end: "00:00" },
        { date: "2025-12-28", closed: false, start: "10:00", end: "14:00" },
      ],
    });
  });

  it("copies Monday to the weekdays and leaves the weekend alone", () => {
    const draft = withDay(withDay(shiftDraft(), 1, [{ start: "08:00", end: "17:00" }]), 6, [{ start: "09:00", end: "13:00" }]);
    const copied = copyToWeekdays(draft, 1);
    expect(copied.days.map((d) => d.length)).toEqual([0, 1, 1, 1, 1, 1, 1]);
    expect(copied.days[4]).toEqual([{ start: "08:00", end: "17:00" }]);
    expect(copied.days[6]).toEqual([{ start: "09:00", end: "13:00" }]);
    expect(copied.days[2]).not.toBe(copied.days[1]);
  });

  it("finds empty names, times and dates before sending", () => {
    const draft = { ...withDay(shiftDraft(), 3, [{ start: "", end: "18:00" }]), exceptions: [{ date: "", kind: "open" as const, start: "10:00", end: "" }] };
    expect(checkShift(draft)).toEqual({
      "shift-name": "hours.error.name",
      "shift-day-3-start-0": "hours.error.time",
      "shift-exception-0-date": "hours.error.date",
      "shift-exception-0-end": "hours.error.time",
    });
  });

  it("puts a server error on the control it names (intervals.N counts from Sunday)", () => {
    const draft = shiftDraft(shift());
    expect(fieldTarget(draft, "intervals.1.end")).toBe("shift-day-1-end-1");
    expect(fieldTarget(draft, "intervals.2.start")).toBe("shift-day-5-start-0");
    expect(fieldTarget(draft, "exceptions.1.start")).toBe("shift-exception-1-start");
    expect(fieldTarget(draft, "name")).toBe("shift-name");
    expect(fieldTarget(shiftDraft(), "intervals")).toBe("shift-days");
    expect(fieldTarget(draft, "intervals.9.end")).toBeNull();
    expect(fieldTarget(draft, undefined)).toBeNull();
  });
});

describe("who may shape which shifts", () => {
  it("offers administrators the general scope and managers only their departments", () => {
    const departments = [{ id: "dep-1" }, { id: "dep-2" }];
    expect(scopeOptions(session("administrator").attendant, departments)).toEqual(["account", "dep-1", "dep-2"]);
    expect(scopeOptions(session("department_manager").attendant, departments)).toEqual(["dep-1"]);
    expect(scopeOptions(session("attendant").attendant, departments)).toEqual([]);
  });
});

describe("the hours page", () => {
  it("groups the general shifts first, then the departments by name", () => {
    const groups = groupShifts(
      [shift({ id: "b", name: "B" }), shift({ id: "a", name: "A" }), shift({ id: "s", scope: "dep-2" })],
      [
        { id: "dep-2", name: "Vendas" },
        { id: "dep-1", name: "Suporte" },
        { id: "dep-3", name: "Oculto" },
      ],
      { "dep-1": { open: true, changesAt: null }, "dep-2": { open: false, changesAt: null } },
    );
    expect(groups.map((g) => [g.scope, g.shifts.map((s) => s.id)])).toEqual([
      ["account", ["a", "b"]],
      ["dep-1", []],
      ["dep-2", ["s"]],
    ]);
  });

  it("says when a department closes or opens, on the account's clock", () => {
    const closesToday = nowLabel({ open: true, changesAt: Date.UTC(2025, 5, 2, 21, 0) }, MONDAY_NOON_SP, "pt-BR", SP);
    expect(t(closesToday.key, closesToday.params)).toBe("Aberto agora · fecha às 18:00");
    const opensTuesday = nowLabel({ open: false, changesAt: Date.UTC(2025, 5, 3, 12, 0) }, MONDAY_NOON_SP, "pt-BR", SP);
    expect(t(opensTuesday.key, opensTuesday.params)).toBe("Fechado · abre ter. às 09:00");
    expect(nowLabel({ open: true, changesAt: null }, MONDAY_NOON_SP, "pt-BR", SP).key).toBe("hours.openAlways");
    // 23:30 in São Paulo is already Tuesday in UTC: "today" is the account's date, not UTC's.
    const late = nowLabel({ open: false, changesAt: Date.UTC(2025, 5, 3, 2, 30) }, MONDAY_NOON_SP, "pt-BR", SP);
    expect(t(late.key, late.params)).toBe("Fechado · abre às 23:30");
  });
});

describe("shift notices", () => {
  it("tells an attendant outside their shift from when they may go online", () => {
    expect(outsideShiftNotice(null, MONDAY_NOON_SP, "pt-BR")).toEqual({ key: "notice.outsideShiftNever" });
    const notice = outsideShiftNotice(MONDAY_NOON_SP + 3600_000, MONDAY_NOON_SP, "pt-BR");
    expect(notice.key).toBe("notice.outsideShift");
    expect(notice.params?.time).toMatch(/^\d\d:\d\d$/);
  });

  it("sets the attendant offline at their shift's end and says so once, however many rooms send it", () => {
    const store = new Store();
    store.signIn(session());
    const at = Date.now();
    applyFrame(store, "dep-1", { type: "attendant.status", status: "offline", reason: "shift_ended", at });
    applyFrame(store, "dep-2", { type: "attendant.status", status: "offline", reason: "shift_ended", at });
    expect(store.me?.chatStatus).toBe("offline");
    expect(store.notices.map((n) => n.key)).toEqual(["notice.shiftEnded"]);
    expect(t("notice.shiftEnded", store.notices[0]?.params)).toMatch(/^Seu turno terminou às \d\d:\d\d\. Seus atendimentos abertos continuam\.$/);
  });

  it("sets the attendant offline without a notice when their sockets were gone too long", () => {
    const store = new Store();
    store.signIn(session());
    applyFrame(store, "dep-1", { type: "attendant.status", status: "offline", reason: "grace_expired", at: Date.now() });
    expect(store.me?.chatStatus).toBe("offline");
    expect(store.notices).toEqual([]);
  });
});

describe("the attendant's shift", () => {
  const caio: AttendantWithShift = {
    id: "att-9",
    name: "Caio",
    email: "caio@example.com",
    role: "attendant",
    departmentIds: ["dep-1"],
    managedDepartmentIds: [],
    chatStatusOnLogin: "offline",
    chatStatus: "offline",
    active: true,
    invitation: null,
    createdAt: 1,
    shiftId: "sh-1",
  };

  it("sends shiftId only when the link changed, null to unlink", () => {
    expect(attendantPatchBody(caio, attendantDraft(caio))).toEqual({});
    expect(attendantPatchBody(caio, { ...attendantDraft(caio), shiftId: null })).toEqual({ shiftId: null });
    const unlinked = { ...caio, shiftId: null };
    expect(attendantDraft(unlinked).shiftId).toBeNull();
    expect(attendantPatchBody(unlinked, { ...attendantDraft(unlinked), shiftId: "sh-2" })).toEqual({ shiftId: "sh-2" });
  });
});
