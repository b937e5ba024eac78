/**
 * Rótulos (/api/labels): the account's labels and their automatic rules. Every attendant may
 * list them (they apply labels to chats); administrators and department managers create, edit
 * and delete them (labels are account-wide, like the history they classify). Another account's
 * label is 404. Each change is one batch with its audit entry, then the account's rooms are told
 * (worker/labels/rooms.ts) so the next chat is labelled by the new rules.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { chatLabels, departments, labels } from "../db/schema";
import type { AppEnv } from "../env";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { departmentProblem, LabelBody, LabelPatch, MAX_LABELS } from "../labels/conditions";
import { pushLabels } from "../labels/rooms";
import { fold, type RuleCondition } from "../labels/rules";
import { accountLabels, findLabel, labelView, type LabelRow } from "../labels/store";
import { idParam, parseBody } from "../validate";
import type { LabelResponse, LabelsResponse } from "../views-labels";

/** 403 unless the signed-in attendant manages labels (administrators, department managers). */
function requireManager(c: Context<AppEnv>) {
  const who = c.get("attendant");
  if (who.role === "attendant") throw forbidden("Only administrators and department managers manage labels");
  return who;
}

/** The label of `:id` in the caller's account, or 404. */
async function target(c: Context<AppEnv>, accountId: string): Promise<LabelRow> {
  const id = idParam.safeParse(c.req.param("id"));
  const row = id.success ? await findLabel(c.env.DB, accountId, id.data) : undefined;
  if (!row) throw notFound("No such label");
  return row;
}

/** 400 at `conditions.N.value` when a department condition names a department outside the account. */
async function checkDepartments(c: Context<AppEnv>, accountId: string, conditions: readonly RuleCondition[]): Promise<void> {
  if (!conditions.some((x) => x.field === "department")) return;
  const rows = await database(c.env.DB).select({ id: departments.id }).from(departments).where(eq(departments.accountId, accountId));
  const field = departmentProblem(conditions, new Set(rows.map((r) => r.id)));
  if (field) throw badRequest(`${field}: must be a department of this account`, field);
}

const nameTaken = () => conflict("label_name_taken", "A label with this name already exists", "name");

/** Whether a D1 failure is the (account, name_key) unique index: two requests raced past the check. */
function isNameClash(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: labels\.account_id, labels\.name_key/.test(String(error.cause ?? error.message));
}

export const labelRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const rows = await accountLabels(c.env.DB, who.accountId);
    return c.json({ labels: rows.map(labelView), canManage: who.role !== "attendant" } satisfies LabelsResponse);
  })
  .post("/", async (c) => {
    const who = requireManager(c);
    const body = await parseBody(c, LabelBody);
    await checkDepartments(c, who.accountId, body.conditions);
    const existing = await accountLabels(c.env.DB, who.accountId);
    const nameKey = fold(body.name);
    if (existing.some((l) => l.nameKey === nameKey)) throw nameTaken();
    if (existing.length >= MAX_LABELS) throw conflict("label_limit", `An account has at most ${MAX_LABELS} labels`);
    const now = Date.now();
    const row: LabelRow = { id: crypto.randomUUID(), accountId: who.accountId, nameKey, ...body, createdAt: now, updatedAt: now };
    const db = database(c.env.DB);
    try {
      await db.batch([
        db.insert(labels).values(row),
        auditEntry(db, { ...requestActor(c), action: "label.created", target: { type: "label", id: row.id }, detail: { name: row.name, conditions: row.conditions.length }, at: now }),
      ]);
    } catch (error) {
      if (isNameClash(error)) throw nameTaken();
      throw error;
    }
    await pushLabels(c.env, who.accountId);
    return c.json({ label: labelView(row) } satisfies LabelResponse, 201);
  })
  .patch("/:id", async (c) => {
    const who = requireManager(c);
    const before = await target(c, who.accountId);
    const patch = await parseBody(c, LabelPatch);
    if (patch.conditions) await checkDepartments(c, who.accountId, patch.conditions);
    const nameKey = patch.name === undefined ? before.nameKey : fold(patch.name);
    if (nameKey !== before.nameKey && (await accountLabels(c.env.DB, who.accountId)).some((l) => l.nameKey === nameKey && l.id !== before.id)) throw nameTaken();
    const row: LabelRow = { ...before, ...patch, nameKey, updatedAt: Date.now() };
    const fields = (["name", "color", "description", "active", "conditions"] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(row[k]));
    const db = database(c.env.DB);
    try {
      await db.batch([
        db
          .update(labels)
          .set({ name: row.name, nameKey, color: row.color, description: row.description, active: row.active, conditions: row.conditions, updatedAt: row.updatedAt })
          .where(and(eq(labels.id, row.id), eq(labels.accountId, who.accountId))),
        auditEntry(db, { ...requestActor(c), action: "label.updated", target: { type: "label", id: row.id }, detail: { name: row.name, fields }, at: row.updatedAt }),
      ]);
    } catch (error) {
      if (isNameClash(error)) throw nameTaken();
      throw error;
    }
    await pushLabels(c.env, who.accountId);
    return c.json({ label: labelView(row) } satisfies LabelResponse);
  })
  .delete("/:id", async (c) => {
    const who = requireManager(c);
    const row = await target(c, who.accountId);
    const db = database(c.env.DB);
    const chats = await db.$count(chatLabels, and(eq(chatLabels.accountId, who.accountId), eq(chatLabels.labelId, row.id)));
    await db.batch([
      // Off every chat first: chat_labels points at the label (foreign key).
      db.delete(chatLabels).where(and(eq(chatLabels.accountId, who.accountId), eq(chatLabels.labelId, row.id))),
      db.delete(labels).where(and(eq(labels.id, row.id), eq(labels.accountId, who.accountId))),
      auditEntry(db, { ...requestActor(c), action: "label.deleted", target: { type: "label", id: row.id }, detail: { name: row.name, chats } }),
    ]);
    // The rooms drop it from the chats they hold and tell the consoles.
    await pushLabels(c.env, who.accountId);
    return c.body(null, 204);
  });
