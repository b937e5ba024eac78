/**
 * Gestão: Atendentes (docs/API.md). Administrators manage every attendant of the account; a
 * department manager the non-administrators of the departments they manage, only within those
 * departments; attendants get 403 everywhere. Another account's id is 404.
 */
import { and, asc, eq, like, or, sql } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as z from "zod";
import { auditEntry, requestActor } from "../audit";
import { createAttendant } from "../attendants/create";
import { newInvitation, pendingOf, revokeInvitations } from "../attendants/invitation";
import { runBatch } from "../attendants/rows";
import { requireInScope, requireManager, visibleTo, type Manager } from "../attendants/scope";
import { updateAttendant } from "../attendants/update";
import { attendantView, attendantViews, findAttendant, hasPassword } from "../attendants/view";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { attendants, invitations, PRESENCE_STATUSES, ROLES } from "../db/schema";
import type { AppEnv } from "../env";
import { conflict, notFound } from "../errors";
import { idParam, parseBody, parseQuery } from "../validate";
import type { AttendantInvitedResponse, AttendantResponse, AttendantsResponse } from "../views-gestao";

const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const name = z.string().trim().min(1).max(80);
const email = z.string().trim().toLowerCase().email().max(254);
const departmentIds = z.array(idParam).max(200);

const CreateBody = z.object({
  name,
  email,
  role: z.enum(ROLES),
  departmentIds,
  managedDepartmentIds: departmentIds.optional(),
  chatStatusOnLogin: z.enum(PRESENCE_STATUSES).optional(),
});

const PatchBody = z.object({
  name: name.optional(),
  email: email.optional(),
  role: z.enum(ROLES).optional(),
  departmentIds: departmentIds.optional(),
  managedDepartmentIds: departmentIds.optional(),
  chatStatusOnLogin: z.enum(PRESENCE_STATUSES).optional(),
  active: z.boolean().optional(),
  /** A shift of the account (Horários de Atendimento), or null to unlink. */
  shiftId: idParam.nullable().optional(),
  /** Most chats they hold at once, or null for the account's default (policies.maxChatsPerAttendant). */
  maxChats: z.number().int().min(1).max(100).nullable().optional(),
  /** May write the Base de Conhecimento; administrators only may change it. */
  kbEditor: z.boolean().optional(),
});

async function manager(c: Context<AppEnv>): Promise<Manager> {
  return requireManager(c.env.DB, c.get("attendant"));
}

/** The attendant of `:id` that `who` may manage: 404 (unknown, another account's), 403 out of reach. */
async function target(c: Context<AppEnv>, who: Manager) {
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such attendant");
  const found = await findAttendant(c.env.DB, who.who.accountId, id.data);
  if (!found) throw notFound("No such attendant");
  requireInScope(who, { role: found.row.role, links: found.links });
  return found;
}

/** The absolute origin of the request, for invitation links. */
const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

export const attendantRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = await manager(c);
    const query = parseQuery(c, ListQuery);
    const search = query.q ? `%${query.q.replace(/[%_\\]/g, "")}%` : null;
    const rows = await database(c.env.DB)
      .select()
      .from(attendants)
      .where(
        and(
          eq(attendants.accountId, who.who.accountId),
          search ? or(like(attendants.name, search), like(attendants.email, search)) : undefined,
          visibleTo(who),
        ),
      )
      .orderBy(asc(sql`${attendants.name} COLLATE NOCASE`), asc(attendants.id))
      .limit(query.limit + 1)
      .offset((query.page - 1) * query.limit);
    const page = await attendantViews(c.env.DB, who.who.accountId, rows.slice(0, query.limit));
    return c.json({ attendants: page, page: query.page, hasMore: rows.length > query.limit } satisfies AttendantsResponse);
  })
  .post("/", async (c) => {
    const who = await manager(c);
    const body = await parseBody(c, CreateBody);
    const answer = await createAttendant(c.env.DB, who, requestActor(c), originOf(c), body);
    return c.json(answer satisfies AttendantInvitedResponse, 201);
  })
  .get("/:id", async (c) => {
    const who = await manager(c);
    const found = await target(c, who);
    const [attendant] = await attendantViews(c.env.DB, who.who.accountId, [found.row]);
    return c.json({ attendant: attendant! } satisfies AttendantResponse);
  })
  .patch("/:id", async (c) => {
    const who = await manager(c);
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) throw notFound("No such attendant");
    const body = await parseBody(c, PatchBody);
    await updateAttendant(c.env, who, requestActor(c), id.data, body);
    return c.json({ attendant: await attendantView(c.env.DB, who.who.accountId, id.data) } satisfies AttendantResponse);
  })
  .post("/:id/invitation", async (c) => {
    const who = await manager(c);
    const { row } = await target(c, who);
    if (hasPassword(row)) throw conflict("password_set", "This attendant already chose a password");
    if (!row.active) throw conflict("attendant_inactive", "Reactivate the attendant before inviting them");
    const acting = requestActor(c);
    const db = database(c.env.DB);
    const now = Date.now();
    const invitation = await newInvitation(db, { accountId: acting.accountId, attendantId: row.id, createdBy: who.who.id, origin: originOf(c), now });
    const targetRef = { type: "attendant", id: row.id };
    await runBatch(db, [
      revokeInvitations(db, acting.accountId, row.id, now),
      invitation.insert,
      auditEntry(db, { ...acting, action: "attendant.invitation_sent", target: targetRef, detail: { expiresAt: invitation.link.expiresAt }, at: now }),
    ]);
    const attendant = await attendantView(c.env.DB, acting.accountId, row.id);
    return c.json({ attendant, invitation: invitation.link } satisfies AttendantInvitedResponse, 201);
  })
  .delete("/:id/invitation", async (c) => {
    const who = await manager(c);
    const { row } = await target(c, who);
    const acting = requestActor(c);
    const db = database(c.env.DB);
    const pending = await db
      .select({ n: sql<number>`COUNT(*)` })
      .from(invitations)
      .where(pendingOf(acting.accountId, row.id))
      .get();
    // Nothing pending: already revoked or used; the answer is the same, and nothing is logged.
    if (!pending?.n) return c.body(null, 204);
    const now = Date.now();
    await runBatch(db, [
      revokeInvitations(db, acting.accountId, row.id, now),
      auditEntry(db, { ...acting, action: "attendant.invitation_revoked", target: { type: "attendant", id: row.id }, at: now }),
    ]);
    return c.body(null, 204);
  });
