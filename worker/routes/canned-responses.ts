/**
 * Respostas prontas (/api/canned-responses): canned responses of the whole account or of one
 * department, inserted in the console's composer with `/`. Every attendant lists those they may
 * read (worker/canned/store.ts says who reads and manages which); administrators create, edit and
 * delete any, department managers those of the departments they manage, attendants none (403).
 * Another account's response is 404. Each change is one batch with its audit entry.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { auditEntry, requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import { CannedBody, CannedPatch, MAX_CANNED_RESPONSES } from "../canned/body";
import { accountCanned, cannedRights, cannedView, findCanned, isShortcutClash, mayManage, mayRead, type CannedRights, type CannedRow } from "../canned/store";
import { database } from "../db/client";
import { cannedResponses } from "../db/schema";
import type { AppEnv } from "../env";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { idParam, parseBody } from "../validate";
import type { CannedResponseResponse, CannedResponsesResponse } from "../views-canned";

/** 403 for attendants, before anything is read: they only list. */
function requireEditor(c: Context<AppEnv>) {
  const who = c.get("attendant");
  if (who.role === "attendant") throw forbidden("Only administrators and department managers manage canned responses");
  return who;
}

/** The response of `:id` in the caller's account that they may read, or 404. */
async function target(c: Context<AppEnv>, rights: CannedRights): Promise<CannedRow> {
  const id = idParam.safeParse(c.req.param("id"));
  const row = id.success ? await findCanned(c.env.DB, c.get("attendant").accountId, id.data) : undefined;
  if (!row || !mayRead(rights, row.departmentId)) throw notFound("No such canned response");
  return row;
}

/** 400 for a department outside the account, 403 for one (or the account) the caller does not manage. */
function checkScope(c: Context<AppEnv>, rights: CannedRights, departmentId: string | null): void {
  if (departmentId !== null && c.get("attendant").role === "administrator" && !rights.reads.has(departmentId)) {
    throw badRequest("departmentId: must be a department of this account", "departmentId");
  }
  if (!mayManage(rights, departmentId)) throw forbidden(departmentId === null ? "Only administrators manage the account's canned responses" : "You do not manage this department");
}

const shortcutTaken = () => conflict("shortcut_taken", "This shortcut is already used here", "shortcut");

/** Runs the batch, turning a raced unique index into the 409 the check would have given. */
async function write(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (isShortcutClash(error)) throw shortcutTaken();
    throw error;
  }
}

export const cannedResponseRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const rights = await cannedRights(c.env.DB, who);
    const rows = (await accountCanned(c.env.DB, who.accountId)).filter((r) => mayRead(rights, r.departmentId));
    return c.json({
      cannedResponses: rows.map((r) => cannedView(r, rights)),
      canCreate: { account: rights.managesAccount, departmentIds: [...rights.manages] },
    } satisfies CannedResponsesResponse);
  })
  .post("/", async (c) => {
    const who = requireEditor(c);
    const body = await parseBody(c, CannedBody);
    const rights = await cannedRights(c.env.DB, who);
    checkScope(c, rights, body.departmentId);
    const existing = await accountCanned(c.env.DB, who.accountId);
    const scope = body.departmentId ?? "";
    if (existing.some((r) => r.scope === scope && r.shortcut === body.shortcut)) throw shortcutTaken();
    if (existing.length >= MAX_CANNED_RESPONSES) throw conflict("canned_limit", `An account has at most ${MAX_CANNED_RESPONSES} canned responses`);
    const now = Date.now();
    const row: CannedRow = { id: crypto.randomUUID(), accountId: who.accountId, ...body, scope, createdBy: who.id, createdAt: now, updatedAt: now };
    const db = database(c.env.DB);
    await write(() =>
      db.batch([
        db.insert(cannedResponses).values(row),
        auditEntry(db, { ...requestActor(c), action: "canned_response.created", target: { type: "canned_response", id: row.id }, detail: { shortcut: row.shortcut, departmentId: row.departmentId }, at: now }),
      ]),
    );
    return c.json({ cannedResponse: cannedView(row, rights) } satisfies CannedResponseResponse, 201);
  })
  .patch("/:id", async (c) => {
    const who = requireEditor(c);
    const rights = await cannedRights(c.env.DB, who);
    const before = await target(c, rights);
    const patch = await parseBody(c, CannedPatch);
    checkScope(c, rights, before.departmentId);
    const departmentId = patch.departmentId === undefined ? before.departmentId : patch.departmentId;
    if (departmentId !== before.departmentId) checkScope(c, rights, departmentId);
    const row: CannedRow = { ...before, ...patch, departmentId, scope: departmentId ?? "", updatedAt: Date.now() };
    if (row.scope !== before.scope || row.shortcut !== before.shortcut) {
      const clash = (await accountCanned(c.env.DB, who.accountId)).some((r) => r.id !== row.id && r.scope === row.scope && r.shortcut === row.shortcut);
      if (clash) throw shortcutTaken();
    }
    const fields = (["departmentId", "shortcut", "title", "body"] as const).filter((k) => before[k] !== row[k]);
    const db = database(c.env.DB);
    await write(() =>
      db.batch([
        db
          .update(cannedResponses)
          .set({ departmentId: row.departmentId, scope: row.scope, shortcut: row.shortcut, title: row.title, body: row.body, updatedAt: row.updatedAt })
          .where(and(eq(cannedResponses.id, row.id), eq(cannedResponses.accountId, who.accountId))),
        auditEntry(db, { ...requestActor(c), action: "canned_response.updated", target: { type: "canned_response", id: row.id }, detail: { shortcut: row.shortcut, fields }, at: row.updatedAt }),
      ]),
    );
    return c.json({ cannedResponse: cannedView(row, rights) } satisfies CannedResponseResponse);
  })
  .delete("/:id", async (c) => {
    const who = requireEditor(c);
    const rights = await cannedRights(c.env.DB, who);
    const row = await target(c, rights);
    checkScope(c, rights, row.departmentId);
    const db = database(c.env.DB);
    await db.batch([
      db.delete(cannedResponses).where(and(eq(cannedResponses.id, row.id), eq(cannedResponses.accountId, who.accountId))),
      auditEntry(db, { ...requestActor(c), action: "canned_response.deleted", target: { type: "canned_response", id: row.id }, detail: { shortcut: row.shortcut, departmentId: row.departmentId } }),
    ]);
    return c.body(null, 204);
  });
