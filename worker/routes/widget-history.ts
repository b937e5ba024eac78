/**
 * The customer's own past chats, for the widget's history: the list and one transcript. Only
 * the token's customer, in the token's account; anyone else's chat is a 404, never a 403, so
 * ids cannot be probed.
 */
import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { readMessages } from "../chat-reads";
import { database } from "../db/client";
import { attendants, chats } from "../db/schema";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { idParam, parseQuery } from "../validate";
import type { WidgetHistoryResponse, WidgetMessagesResponse } from "../views";
import { AccountKey, accountByKey, requireCustomer } from "./widget-common";

const HISTORY_LIMIT = 20;

const AccountQuery = z.object({ account: AccountKey });

export const widgetHistoryRoutes = new Hono<AppEnv>()
  .get("/history", async (c) => {
    const { account: key } = parseQuery(c, AccountQuery);
    const account = await accountByKey(c, key);
    const customer = await requireCustomer(c, account.id);
    const rows = await database(c.env.DB)
      .select({
        id: chats.id,
        number: chats.number,
        departmentId: chats.departmentId,
        status: chats.status,
        createdAt: chats.createdAt,
        closedAt: chats.closedAt,
        attendantId: attendants.id,
        attendantName: attendants.name,
      })
      .from(chats)
      .leftJoin(attendants, and(eq(attendants.id, chats.attendantId), eq(attendants.accountId, chats.accountId)))
      .where(and(eq(chats.accountId, account.id), eq(chats.customerId, customer.id)))
      .orderBy(desc(chats.createdAt))
      .limit(HISTORY_LIMIT);
    return c.json({
      chats: rows.map(({ attendantId, attendantName, ...chat }) => ({
        ...chat,
        attendant: attendantId ? { id: attendantId, name: attendantName ?? "" } : null,
      })),
    } satisfies WidgetHistoryResponse);
  })
  .get("/chats/:id/messages", async (c) => {
    const { account: key } = parseQuery(c, AccountQuery);
    const account = await accountByKey(c, key);
    const customer = await requireCustomer(c, account.id);
    const id = idParam.safeParse(c.req.param("id"));
    if (!id.success) throw notFound("No such chat");
    const chat = await database(c.env.DB)
      .select({ id: chats.id, accountId: chats.accountId, departmentId: chats.departmentId, status: chats.status, closedAt: chats.closedAt })
      .from(chats)
      .where(and(eq(chats.id, id.data), eq(chats.accountId, account.id), eq(chats.customerId, customer.id)))
      .get();
    if (!chat) throw notFound("No such chat");
    const messages = await readMessages(c.env, { kind: "customer", customerId: customer.id }, chat);
    return c.json({ messages } satisfies WidgetMessagesResponse);
  });
