/**
 * Horários de Atendimento (/api/shifts): administrators manage every shift of the account; a
 * department manager reads the general shifts and those of the departments they manage, and
 * writes only the latter; attendants get 403. Another account's shift is 404. Each change is
 * one batch with its audit entry, then every affected department room is told its new hours.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { managedDepartmentIds, visibleDepartments } from "../access";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant, type SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { attendants, departments, shifts } from "../db/schema";
import type { AppEnv } from "../env";
import { badRequest, forbidden, notFound } from "../errors";
import { pushHours } from "../hours/rooms";
import { nextChange, isOpenAt } from "../hours/schedule";
import { ShiftBody } from "../hours/shift-body";
import { ACCOUNT_SCOPE, accountShifts, accountTimeZone, effectiveShifts, findShift, shiftView, type ShiftRow } from "../hours/shifts";
import { idParam, parseBody } from "../validate";
import type { HoursNow, ShiftResponse, ShiftsResponse } from "../views-hours";

/** Who may act here: administrators and department managers, with the departments they manage. */
interface Editor {
  who: SessionAttendant;
  manages: Set<string>;
}

async function editor(c: Context<AppEnv>): Promise<Editor> {
  const who = c.get("attendant");
  if (who.role === "attendant") throw forbidden("Only administrators and department managers manage shifts");
  return { who, manages: await managedDepartmentIds(c.env.DB, who) };
}

/** Whether `editor` may see a shift of this department (null: general). */
const mayRead = (e: Editor, departmentId: string | null) => e.who.role === "administrator" || departmentId === null || e.manages.has(departmentId);
/** Whether `editor` may create, change or delete a shift of this department (null: general). */
const mayWrite = (e: Editor, departmentId: string | null) =>
  e.who.role === "administrator" || (departmentId !== null && e.manages.has(departmentId));

/** The department id a body's scope names (null: general); 400 on `scope` unless it is the account's; 403 out of reach. */
async function scopeOf(c: Context<AppEnv>, e: Editor, scope: string): Promise<string | null> {
  const departmentId = scope === ACCOUNT_SCOPE ? null : scope;
  if (departmentId !== null) {
    const found = await database(c.env.DB)
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, departmentId), eq(departments.accountId, e.who.accountId)))
      .get();
    if (!found) throw badRequest('scope: must be "account" or a department of this account', "scope");
  }
  if (!mayWrite(e, departmentId)) throw forbidden("You may only manage the shifts of departments you manage");
  return departmentId;
}

/** The shift of `:id` that `editor` may see: 404 when unknown (or another account's), 403 out of reach. */
async function target(c: Context<AppEnv>, e: Editor): Promise<ShiftRow> {
  const id = idParam.safeParse(c.req.param("id"));
  const row = id.success ? await findShift(c.env.DB, e.who.accountId, id.data) : undefined;
  if (!row) throw notFound("No such shift");
  if (!mayRead(e, row.departmentId)) throw forbidden("You may not see this shift");
  return row;
}

/** The rooms whose hours a change of these scopes affects: all of them when a general shift is involved. */
function affected(...scopes: (string | null)[]): string[] | undefined {
  return scopes.includes(null) ? undefined : (scopes as string[]);
}

/** Per visible department: inside its hours now, and when that changes. */
async function hoursNow(c: Context<AppEnv>, rows: ShiftRow[], timeZone: string): Promise<Record<string, HoursNow>> {
  const now = Date.now();
  const out: Record<string, HoursNow> = {};
  for (const d of await visibleDepartments(c.env.DB, c.get("attendant"))) {
    const hours = effectiveShifts(rows, d.id);
    out[d.id] = { open: isOpenAt(hours, timeZone, now), changesAt: nextChange(hours, timeZone, now) };
  }
  return out;
}

export const shiftRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const e = await editor(c);
    const [rows, timeZone] = await Promise.all([accountShifts(c.env.DB, e.who.accountId), accountTimeZone(c.env.DB, e.who.accountId)]);
    const visible = rows.filter((r) => mayRead(e, r.departmentId));
    return c.json({ shifts: visible.map(shiftView), timeZone, now: await hoursNow(c, rows, timeZone) } satisfies ShiftsResponse);
  })
  .post("/", async (c) => {
    const e = await editor(c);
    const body = await parseBody(c, ShiftBody);
    const departmentId = await scopeOf(c, e, body.scope);
    const now = Date.now();
    const row: ShiftRow = { id: crypto.randomUUID(), accountId: e.who.accountId, departmentId, name: body.name, intervals: body.intervals, exceptions: body.exceptions, createdAt: now, updatedAt: now };
    const db = database(c.env.DB);
    await db.batch([
      db.insert(shifts).values(row),
      auditEntry(db, { ...requestActor(c), action: "shift.created", target: { type: "shift", id: row.id }, detail: { name: row.name, scope: body.scope }, at: now }),
    ]);
    await pushHours(c.env, e.who.accountId, affected(departmentId));
    return c.json({ shift: shiftView(row) } satisfies ShiftResponse, 201);
  })
  .get("/:id", async (c) => {
    const e = await editor(c);
    return c.json({ shift: shiftView(await target(c, e)) } satisfies ShiftResponse);
  })
  .put("/:id", async (c) => {
    const e = await editor(c);
    const before = await target(c, e);
    if (!mayWrite(e, before.departmentId)) throw forbidden("You may only manage the shifts of departments you manage");
    const body = await parseBody(c, ShiftBody);
    const departmentId = await scopeOf(c, e, body.scope);
    const row: ShiftRow = { ...before, departmentId, name: body.name, intervals: body.intervals, exceptions: body.exceptions, updatedAt: Date.now() };
    const db = database(c.env.DB);
    const fields = (["name", "departmentId", "intervals", "exceptions"] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(row[k]));
    await db.batch([
      db
        .update(shifts)
        .set({ departmentId, name: row.name, intervals: row.intervals, exceptions: row.exceptions, updatedAt: row.updatedAt })
        .where(and(eq(shifts.id, row.id), eq(shifts.accountId, row.accountId))),
      auditEntry(db, { ...requestActor(c), action: "shift.updated", target: { type: "shift", id: row.id }, detail: { name: row.name, scope: body.scope, fields }, at: row.updatedAt }),
    ]);
    await pushHours(c.env, e.who.accountId, affected(before.departmentId, departmentId));
    return c.json({ shift: shiftView(row) } satisfies ShiftResponse);
  })
  .delete("/:id", async (c) => {
    const e = await editor(c);
    const row = await target(c, e);
    if (!mayWrite(e, row.departmentId)) throw forbidden("You may only manage the shifts of departments you manage");
    const db = database(c.env.DB);
    await db.batch([
      db.update(attendants).set({ shiftId: null }).where(and(eq(attendants.shiftId, row.id), eq(attendants.accountId, row.accountId))),
      db.delete(shifts).where(and(eq(shifts.id, row.id), eq(shifts.accountId, row.accountId))),
      auditEntry(db, { ...requestActor(c), action: "shift.deleted", target: { type: "shift", id: row.id }, detail: { name: row.name, scope: shiftView(row).scope } }),
    ]);
    await pushHours(c.env, e.who.accountId, affected(row.departmentId));
    return c.body(null, 204);
  });
