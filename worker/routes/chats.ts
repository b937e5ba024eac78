/**
 * Chat history for the console, read from D1 (the rooms copy every message there). Only the
 * departments the attendant may see; another account's or department's chat is a 404.
 */
import { and, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { Hono } from "hono";
import * as z from "zod";
import { visibleDepartments } from "../access";
import { requireAttendant } from "../auth/session";
import { readMessages } from "../chat-reads";
import { database } from "../db/client";
import { attendants, CHAT_STATUSES, chats, customers, departments } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { surveyOfChat } from "../surveys";
import { labelsOfChat } from "../labels/store";
import { idParam, parseQuery } from "../validate";
import type { ChatDetailResponse, ChatListItem, ChatListResponse } from "../views";

const ListQuery = z.object({
  status: z.enum(CHAT_STATUSES).optional(),
  departmentId: idParam.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const assigned = alias(attendants, "assigned");

const listColumns = {
  id: chats.id,
  number: chats.number,
  departmentId: chats.departmentId,
  departmentName: departments.name,
  status: chats.status,
  origin: chats.origin,
  pageUrl: chats.pageUrl,
  customerId: customers.id,
  customerName: customers.name,
  customerEmail: customers.email,
  attendantId: assigned.id,
  attendantName: assigned.name,
  createdAt: chats.createdAt,
  acceptedAt: chats.acceptedAt,
  closedAt: chats.closedAt,
  closedBy: chats.closedBy,
  messageCount: sql<number>`(SELECT COUNT(*) FROM chat_messages m WHERE m.chat_id = ${chats.id})`,
};

/** The one mapping of a `chatListQuery` row to the console's `ChatListItem`. */
export function toListItem(row: {
  id: string;
  number: number;
  departmentId: string;
  departmentName: string;
  status: ChatListItem["status"];
  origin: ChatListItem["origin"];
  pageUrl: string | null;
  customerId: string;
  customerName: string;
  customerEmail: string;
  attendantId: string | null;
  attendantName: string | null;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  closedBy: string | null;
  messageCount: number;
}): ChatListItem {
  return {
    id: row.id,
    number: row.number,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    status: row.status,
    origin: row.origin,
    pageUrl: row.pageUrl,
    customer: { id: row.customerId, name: row.customerName, email: row.customerEmail },
    attendant: row.attendantId ? { id: row.attendantId, name: row.attendantName ?? "" } : null,
    createdAt: row.createdAt,
    acceptedAt: row.acceptedAt,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    messageCount: row.messageCount,
  };
}

/** Chats with their department, customer and attendant, as `toListItem` maps them; the caller filters by account. */
export function chatListQuery(db: D1Database) {
  return database(db)
    .select(listColumns)
    .from(chats)
    .innerJoin(departments, and(eq(departments.id, chats.departmentId), eq(departments.accountId, chats.accountId)))
    .innerJoin(customers, and(eq(customers.id, chats.customerId), eq(customers.accountId, chats.accountId)))
    .leftJoin(assigned, and(eq(assigned.id, chats.attendantId), eq(assigned.accountId, chats.accountId)));
}

export const chatRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const query = parseQuery(c, ListQuery);
    const allowed = (await visibleDepartments(c.env.DB, who)).map((d) => d.id);
    const departmentIds = query.departmentId ? allowed.filter((id) => id === query.departmentId) : allowed;
    if (departmentIds.length === 0) return c.json({ chats: [], page: query.page, hasMore: false } satisfies ChatListResponse);
    const search = query.q ? `%${query.q.replace(/[%_]/g, "")}%` : null;
    const rows = await chatListQuery(c.env.DB)
      .where(
        and(
          eq(chats.accountId, who.accountId),
          inArray(chats.departmentId, departmentIds),
          query.status ? eq(chats.status, query.status) : undefined,
          search ? or(like(customers.name, search), like(customers.email, search)) : undefined,
        ),
      )
      .orderBy(desc(chats.createdAt))
      .limit(query.limit + 1)
      .offset((query.page - 1) * query.limit);
    return c.json({
      chats: rows.slice(0, query.limit).map(toListItem),
      page: query.page,
      hasMore: rows.length > query.limit,
    } satisfies ChatListResponse);
  })
  .get("/:id", async (c) => {
    const who = c.get("attendant");
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) throw notFound("No such chat");
    const allowed = (await visibleDepartments(c.env.DB, who)).map((d) => d.id);
    const row = await chatListQuery(c.env.DB).where(and(eq(chats.id, id.data), eq(chats.accountId, who.accountId))).get();
    if (!row || !allowed.includes(row.departmentId)) throw notFound("No such chat");
    const reader = { kind: "attendant" as const, attendantId: who.id, supervises: who.role !== "attendant" };
    const chatRef = { id: row.id, accountId: who.accountId, departmentId: row.departmentId, status: row.status, closedAt: row.closedAt };
    const [messages, survey, labels] = await Promise.all([
      readMessages(c.env, reader, chatRef),
      surveyOfChat(c.env.DB, who.accountId, row.id),
      labelsOfChat(c.env.DB, who.accountId, row.id),
    ]);
    return c.json({
      chat: { ...toListItem(row), labels },
      messages,
      survey,
    } satisfies ChatDetailResponse);
  });
