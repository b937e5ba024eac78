/**
 * Chat history for the console, read from D1 (the rooms copy every message there): the search
 * (`worker/history/`), its CSV export and one chat. Only the departments the attendant may see;
 * another account's or department's chat is a 404.
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { visibleDepartments } from "../access";
import { requireAttendant } from "../auth/session";
import { readMessages } from "../chat-reads";
import { chats } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { historyCsv } from "../history/export";
import { parseHistoryQuery } from "../history/filters";
import { chatListQuery, toListItem } from "../history/list-query";
import { historyRows, searchCondition } from "../history/search";
import { surveyOfChat } from "../surveys";
import { labelsOfChat } from "../labels/store";
import { idParam } from "../validate";
import type { ChatDetailResponse } from "../views";
import type { HistoryResponse } from "../views-history";

export { chatListQuery, toListItem };

export const chatRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/", async (c) => {
    const who = c.get("attendant");
    const filters = parseHistoryQuery(new URL(c.req.url));
    const where = await searchCondition(c.env.DB, who, filters);
    if (!where) return c.json({ chats: [], page: filters.page, hasMore: false } satisfies HistoryResponse);
    const rows = await historyRows(c.env.DB, who.accountId, where, (filters.page - 1) * filters.limit, filters.limit + 1);
    return c.json({
      chats: rows.slice(0, filters.limit),
      page: filters.page,
      hasMore: rows.length > filters.limit,
    } satisfies HistoryResponse);
  })
  .get("/export.csv", async (c) => {
    const who = c.get("attendant");
    const body = await historyCsv(c.env.DB, who, parseHistoryQuery(new URL(c.req.url)));
    return c.body(body, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="historico-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    });
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
