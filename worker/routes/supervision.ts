/**
 * The supervision read (issue 8, "Control of the queue"): every waiting and active chat of the
 * departments the caller supervises — administrators every department of the account, managers
 * the ones they manage — with who has it and since when, read live from each department's room.
 * The console's page follows the same chats over its room sockets; this is the snapshot for
 * integrations and for anyone who cannot hold a socket. Closing one is the `chat.close` frame.
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { departmentAccess, departmentRoom, type DepartmentAccess } from "../access";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { departments } from "../db/schema";
import type { AppEnv } from "../env";
import { forbidden, notFound } from "../errors";
import { idParam, parseQuery } from "../validate";
import type { SupervisedChat, SupervisionResponse } from "../views-hours";
import type { WireChat } from "../../durable-objects/protocol";

const Query = z.object({ departmentId: idParam.optional() });

/** Most chats one department contributes: a room's open chats are few, this bounds the answer anyway. */
export const SUPERVISION_LIMIT_PER_DEPARTMENT = 500;

type Who = Parameters<typeof departmentAccess>[1];

/**
 * The supervised departments in scope. A department of another account (or none) is 404; one
 * of the account the caller does not supervise is 403, as is a caller who supervises nothing.
 */
async function scope(db: D1Database, who: Who, departmentId: string | undefined): Promise<DepartmentAccess[]> {
  const supervised = (await departmentAccess(db, who)).filter((d) => d.supervises);
  if (departmentId === undefined) {
    if (supervised.length === 0) throw forbidden("Only administrators and department managers supervise chats");
    return supervised;
  }
  const found = supervised.find((d) => d.id === departmentId);
  if (found) return [found];
  const exists = await database(db)
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.accountId, who.accountId)))
    .get();
  if (!exists) throw notFound("No such department");
  throw forbidden("You do not supervise this department");
}

function supervised(chat: WireChat, departmentName: string): SupervisedChat | null {
  if (chat.status === "closed") return null;
  return {
    id: chat.id,
    number: chat.number,
    departmentId: chat.departmentId,
    departmentName,
    status: chat.status,
    customer: chat.customer,
    attendant: chat.attendant,
    createdAt: chat.createdAt,
    acceptedAt: chat.acceptedAt,
    since: chat.status === "active" ? (chat.acceptedAt ?? chat.createdAt) : chat.createdAt,
  };
}

export const supervisionRoutes = new Hono<AppEnv>().get("/", requireAttendant, async (c) => {
  const who = c.get("attendant");
  const { departmentId } = parseQuery(c, Query);
  const inScope = await scope(c.env.DB, who, departmentId);
  const perDepartment = await Promise.all(
    inScope.map(async (d) => {
      const open = await departmentRoom(c.env, who.accountId, d.id).openChats();
      return open.slice(0, SUPERVISION_LIMIT_PER_DEPARTMENT).flatMap((chat) => supervised(chat, d.name) ?? []);
    }),
  );
  const chats = perDepartment.flat().sort((a, b) => a.createdAt - b.createdAt);
  return c.json({ departments: inScope.map(({ id, name }) => ({ id, name })), chats, now: Date.now() } satisfies SupervisionResponse);
});
