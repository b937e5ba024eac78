import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ShiftResponse, ShiftsResponse } from "../../worker/views-hours";
import { audits } from "./gestao-helpers";
import { api, createAccount, expectError, json, login, type TestAccount } from "./helpers";

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

function shiftBody(scope: string, overrides: Record<string, unknown> = {}) {
  return { name: "Comercial", scope, intervals: weekdays("09:00", "18:00"), exceptions: [{ date: "2025-12-25", closed: true }], ...overrides };
}

async function create(cookie: string, body: unknown) {
  const res = await api("/api/shifts", { cookie, body });
  expect(res.status).toBe(201);
  return (await json<ShiftResponse>(res)).shift;
}

const shiftCount = async (account: TestAccount) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM shifts WHERE account_id = ?").bind(account.id).first<{ n: number }>())!.n;

describe("shifts CRUD", () => {
  it("creates, reads, lists with the time zone and per-department hours, updates and deletes, with audit entries", async () => {
    const account = await createAccount("shift-crud");
    const admin = await login(account.attendants.admin.email);
    const created = await create(admin, shiftBody(account.departments.sales));
    expect(created).toEqual({
      id: expect.any(String),
      name: "Comercial",
      scope: account.departments.sales,
      intervals: weekdays("09:00", "18:00"),
      exceptions: [{ date: "2025-12-25", closed: true }],
      createdAt: expect.any(Number),
      updatedAt: created.createdAt,
    });
    expect((await json<ShiftResponse>(await api(`/api/shifts/${created.id}`, { cookie: admin }))).shift).toEqual(created);

    const list = await json<ShiftsResponse>(await api("/api/shifts", { cookie: admin }));
    expect(list.shifts).toEqual([created]);
    expect(list.timeZone).toBe("America/Sao_Paulo");
    // Suporte has no shift of its own and there is no general one: always open.
    expect(list.now[account.departments.support]).toEqual({ open: true, changesAt: null });
    expect(list.now[account.departments.sales]!.changesAt).toBeGreaterThan(Date.now());

    const put = await api(`/api/shifts/${created.id}`, { method: "PUT", cookie: admin, body: shiftBody("account", { name: "Geral", exceptions: [] }) });
    expect(put.status).toBe(200);
    const updated = (await json<ShiftResponse>(put)).shift;
    expect(updated).toMatchObject({ id: created.id, name: "Geral", scope: "account", exceptions: [] });
    const after = await json<ShiftsResponse>(await api("/api/shifts", { cookie: admin }));
    // A general shift applies to every department without shifts of its own.
    expect(after.now[account.departments.support]!.changesAt).not.toBeNull();

    expect((await api(`/api/shifts/${created.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    await expectError(await api(`/api/shifts/${created.id}`, { cookie: admin }), 404, "not_found");
    expect((await audits(account.id, "shift.created")).map((a) => a.target_id)).toEqual([created.id]);
    expect(JSON.parse((await audits(account.id, "shift.updated"))[0]!.detail!)).toMatchObject({ name: "Geral", scope: "account" });
    expect((await audits(account.id, "shift.deleted")).map((a) => a.actor_id)).toEqual([account.attendants.admin.id]);
  });

  it("deleting a shift unlinks its attendants; PATCH /api/attendants/:id links and unlinks a shift of the account only", async () => {
    const account = await createAccount("shift-link");
    const other = await createAccount("shift-link-other");
    const admin = await login(account.attendants.admin.email);
    const shift = await create(admin, shiftBody("account"));
    const foreign = await create(await login(other.attendants.admin.email), shiftBody("account"));
    const target = account.attendants.support1.id;
    const shiftOf = async () =>
      (await env.DB.prepare("SELECT shift_id FROM attendants WHERE id = ?").bind(target).first<{ shift_id: string | null }>())!.shift_id;

    const bad = await api(`/api/attendants/${target}`, { method: "PATCH", cookie: admin, body: { shiftId: foreign.id } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.field).toBe("shiftId");
    expect(await shiftOf()).toBeNull();

    expect((await api(`/api/attendants/${target}`, { method: "PATCH", cookie: admin, body: { shiftId: shift.id } })).status).toBe(200);
    expect(await shiftOf()).toBe(shift.id);
    expect((await api(`/api/attendants/${target}`, { method: "PATCH", cookie: admin, body: { shiftId: null } })).status).toBe(200);
    expect(await shiftOf()).toBeNull();

    await api(`/api/attendants/${target}`, { method: "PATCH", cookie: admin, body: { shiftId: shift.id } });
    expect((await api(`/api/shifts/${shift.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect(await shiftOf()).toBeNull();
  });
});

describe("shift validation", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["an empty name", { name: " " }, "name"],
    ["a name over 80 characters", { name: "x".repeat(81) }, "name"],
    ["a day out of 0..6", { intervals: [{ day: 7, start: "09:00", end: "10:00" }] }, "intervals.0.day"],
    ["a start of 24:00", { intervals: [{ day: 1, start: "24:00", end: "10:00" }] }, "intervals.0.start"],
    ["a malformed time", { intervals: [{ day: 1, start: "9:00", end: "10:00" }] }, "intervals.0.start"],
    ["an end of 24:30", { intervals: [{ day: 1, start: "09:00", end: "24:30" }] }, "intervals.0.end"],
    ["start equal to end", { intervals: [{ day: 1, start: "09:00", end: "09:00" }] }, "intervals.0.end"],
    ["more than 50 intervals", { intervals: Array.from({ length: 51 }, () => ({ day: 1, start: "09:00", end: "10:00" })) }, "intervals"],
    ["a date that does not exist", { exceptions: [{ date: "2025-02-30", closed: true }] }, "exceptions.0.date"],
    ["a range ending before it starts", { exceptions: [{ date: "2025-03-01", closed: true, start: "12:00", end: "11:00" }] }, "exceptions.0.end"],
    ["a start without an end", { exceptions: [{ date: "2025-03-01", closed: false, start: "12:00" }] }, "exceptions.0.end"],
    ["more than 200 exceptions", { exceptions: Array.from({ length: 201 }, () => ({ date: "2025-03-01", closed: true })) }, "exceptions"],
    ["an unknown scope", { scope: "no-such-department" }, "scope"],
  ];

  it.each(cases)("refuses %s with 400 naming the field, and saves nothing", async (_label, overrides, field) => {
    const account = await createAccount(`shift-bad-${field}`);
    const admin = await login(account.attendants.admin.email);
    const res = await api("/api/shifts", { cookie: admin, body: shiftBody("account", overrides) });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error).toMatchObject({ code: "bad_request", field });
    expect(await shiftCount(account)).toBe(0);
  });

  it("accepts an overnight interval and one ending at 24:00", async () => {
    const account = await createAccount("shift-night");
    const admin = await login(account.attendants.admin.email);
    const intervals = [{ day: 5, start: "22:00", end: "06:00" }, { day: 6, start: "18:00", end: "24:00" }];
    expect((await create(admin, shiftBody("account", { intervals }))).intervals).toEqual(intervals);
  });

  it("refuses another account's department as scope, and a PUT with a bad body changes nothing", async () => {
    const account = await createAccount("shift-scope");
    const other = await createAccount("shift-scope-other");
    const admin = await login(account.attendants.admin.email);
    const res = await api("/api/shifts", { cookie: admin, body: shiftBody(other.departments.sales) });
    expect((await json(res)).error.field).toBe("scope");
    const shift = await create(admin, shiftBody("account"));
    const put = await api(`/api/shifts/${shift.id}`, { method: "PUT", cookie: admin, body: shiftBody("account", { name: "" }) });
    expect(put.status).toBe(400);
    expect((await json<ShiftResponse>(await api(`/api/shifts/${shift.id}`, { cookie: admin }))).shift).toEqual(shift);
  });
});

describe("who may manage shifts", () => {
  it("a manager reads general shifts and manages only their departments'; attendants 403; another account 404", async () => {
    const account = await createAccount("shift-roles");
    const other = await createAccount("shift-roles-other");
    const admin = await login(account.attendants.admin.email);
    const manager = await login(account.attendants.manager.email);
    const attendant = await login(account.attendants.support1.email);
    const general = await create(admin, shiftBody("account"));
    const sales = await create(admin, shiftBody(account.departments.sales));

    // Manager of support.
    const mine = await create(manager, shiftBody(account.departments.support));
    await expectError(await api("/api/shifts", { cookie: manager, body: shiftBody(account.departments.sales) }), 403, "forbidden");
    await expectError(await api("/api/shifts", { cookie: manager, body: shiftBody("account") }), 403, "forbidden");
    const listed = await json<ShiftsResponse>(await api("/api/shifts", { cookie: manager }));
    expect(listed.shifts.map((s) => s.id).sort()).toEqual([general.id, mine.id].sort());
    expect(Object.keys(listed.now)).toEqual([account.departments.support]);
    expect((await api(`/api/shifts/${general.id}`, { cookie: manager })).status).toBe(200);
    await expectError(await api(`/api/shifts/${sales.id}`, { cookie: manager }), 403, "forbidden");
    await expectError(await api(`/api/shifts/${general.id}`, { method: "PUT", cookie: manager, body: shiftBody(account.departments.support) }), 403, "forbidden");
    await expectError(await api(`/api/shifts/${general.id}`, { method: "DELETE", cookie: manager }), 403, "forbidden");
    await expectError(await api(`/api/shifts/${mine.id}`, { method: "PUT", cookie: manager, body: shiftBody(account.departments.sales) }), 403, "forbidden");
    expect((await api(`/api/shifts/${mine.id}`, { method: "PUT", cookie: manager, body: shiftBody(account.departments.support, { name: "Suporte" }) })).status).toBe(200);
    expect((await api(`/api/shifts/${mine.id}`, { method: "DELETE", cookie: manager })).status).toBe(204);

    await expectError(await api("/api/shifts", { cookie: attendant }), 403, "forbidden");
    await expectError(await api("/api/shifts", { cookie: attendant, body: shiftBody(account.departments.support) }), 403, "forbidden");
    await expectError(await api(`/api/shifts/${general.id}`, { cookie: attendant }), 403, "forbidden");

    const stranger = await login(other.attendants.admin.email);
    await expectError(await api(`/api/shifts/${general.id}`, { cookie: stranger }), 404, "not_found");
    await expectError(await api(`/api/shifts/${general.id}`, { method: "PUT", cookie: stranger, body: shiftBody("account") }), 404, "not_found");
    await expectError(await api(`/api/shifts/${general.id}`, { method: "DELETE", cookie: stranger }), 404, "not_found");
    expect((await json<ShiftsResponse>(await api("/api/shifts", { cookie: stranger }))).shifts).toEqual([]);
    expect(await shiftCount(account)).toBe(2);
    await expectError(await api("/api/shifts"), 401, "unauthenticated");
  });
});
