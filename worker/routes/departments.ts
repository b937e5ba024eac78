/**
 * Departamentos (Gestão): any attendant lists and reads the departments they may see;
 * administrators create and edit them; a department's manager may change its initial message
 * only. Every change writes its audit entry in the same batch. Deactivating hides the department
 * from the widget (its config ETag changes) and refuses new chats; open chats go on.
 */
import { and, asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { requireAdministrator, visibleDepartments } from "../access";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { departments } from "../db/schema";
import {
  accountDepartment,
  assertNameFree,
  guardedName,
  isNameRace,
  MAX_DEPARTMENTS,
  nameTaken,
  requireDepartmentEditor,
  toDepartmentView,
  type DepartmentRow,
} from "../department-records";
import type { AppEnv } from "../env";
import { forbidden } from "../errors";
import { parseBody } from "../validate";
import type { DepartmentResponse, DepartmentsListResponse } from "../views-gestao";
import { departmentLogoRoutes } from "./department-logos";

const Name = z.string().trim().min(1).max(80);
const InitialMessage = z.string().trim().max(1000);

const CreateBody = z.object({ name: Name, active: z.boolean().optional(), initialMessage: InitialMessage.optional() });
const PatchBody = z.object({ name: Name.optional(), active: z.boolean().optional(), initialMessage: InitialMessage.optional() });
type Patch = z.infer<typeof PatchBody>;

/** The fields of `patch` that differ from `row`, as `{ field: { from, to } }` for the audit log. */
function changesOf(row: DepartmentRow, patch: Patch) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["name", "active", "initialMessage"] as const) {
    const to = patch[key];
    if (to !== undefined && to !== row[key]) changes[key] = { from: row[key], to };
  }
  return changes;
}

/** Runs a write that may lose the name race (see `guardedName`) and turns that loss into a 409. */
async function guarded<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isNameRace(error)) throw nameTaken();
    throw error;
  }
}

export const departmentRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const [rows, visible] = await Promise.all([
      database(c.env.DB).select().from(departments).where(eq(departments.accountId, who.accountId)).orderBy(asc(departments.name)).limit(MAX_DEPARTMENTS),
      who.role === "administrator" ? null : visibleDepartments(c.env.DB, who).then((list) => new Set(list.map((d) => d.id))),
    ]);
    const mine = visible ? rows.filter((r) => visible.has(r.id)) : rows;
    return c.json({ departments: mine.map(toDepartmentView) } satisfies DepartmentsListResponse);
  })
  .post("/", requireAdministrator, async (c) => {
    const { actor, ip, accountId } = requestActor(c);
    const body = await parseBody(c, CreateBody);
    await assertNameFree(c.env.DB, accountId, body.name);
    const db = database(c.env.DB);
    const row: DepartmentRow = {
      id: crypto.randomUUID(),
      accountId,
      name: body.name,
      active: body.active ?? true,
      initialMessage: body.initialMessage ?? "",
      logoOnline: null,
      logoOffline: null,
      createdAt: Date.now(),
    };
    await guarded(
      db.batch([
        db.insert(departments).values({ ...row, name: guardedName(accountId, row.name) }),
        auditEntry(db, {
          accountId,
          actor,
          ip,
          action: "department.created",
          target: { type: "department", id: row.id },
          detail: { name: row.name, active: row.active, initialMessage: row.initialMessage },
          at: row.createdAt,
        }),
      ]),
    );
    return c.json({ department: toDepartmentView(row) } satisfies DepartmentResponse, 201);
  })
  .get("/:id", async (c) => {
    const who = c.get("attendant");
    const row = await accountDepartment(c.env.DB, who.accountId, c.req.param("id"));
    if (who.role !== "administrator" && !(await visibleDepartments(c.env.DB, who)).some((d) => d.id === row.id)) {
      throw forbidden("You do not work in this department");
    }
    return c.json({ department: toDepartmentView(row) } satisfies DepartmentResponse);
  })
  .patch("/:id", async (c) => {
    const { actor, ip, accountId } = requestActor(c);
    const who = c.get("attendant");
    const row = await accountDepartment(c.env.DB, accountId, c.req.param("id"));
    await requireDepartmentEditor(c.env.DB, who, row.id);
    const patch = await parseBody(c, PatchBody);
    if (who.role !== "administrator" && (patch.name !== undefined || patch.active !== undefined)) {
      throw forbidden("A department manager may change only the initial message");
    }
    const changes = changesOf(row, patch);
    if (Object.keys(changes).length === 0) return c.json({ department: toDepartmentView(row) } satisfies DepartmentResponse);
    const updated: DepartmentRow = {
      ...row,
      name: patch.name ?? row.name,
      active: patch.active ?? row.active,
      initialMessage: patch.initialMessage ?? row.initialMessage,
    };
    if (changes.name) await assertNameFree(c.env.DB, accountId, updated.name, row.id);
    const db = database(c.env.DB);
    await guarded(
      db.batch([
        db
          .update(departments)
          .set({
            name: changes.name ? guardedName(accountId, updated.name, row.id) : undefined,
            active: updated.active,
            initialMessage: updated.initialMessage,
          })
          .where(and(eq(departments.id, row.id), eq(departments.accountId, accountId))),
        auditEntry(db, { accountId, actor, ip, action: "department.updated", target: { type: "department", id: row.id }, detail: { changes } }),
      ]),
    );
    return c.json({ department: toDepartmentView(updated) } satisfies DepartmentResponse);
  })
  .route("/", departmentLogoRoutes);
