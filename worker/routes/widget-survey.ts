/**
 * POST /api/widget/chats/:id/survey: the customer rates a closed chat ("Pesquisa de
 * satisfação"), once. The chat's state is read from D1, which the room writes before it tells
 * anyone that the chat closed. One answer per chat is the table's primary key, not a check
 * before the insert: two racing submissions give one row and one 409.
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { database } from "../db/client";
import { chats, chatSurveys } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../errors";
import { loadAccountSettings } from "../settings/store";
import { toChatSurvey } from "../surveys";
import { idParam, parseBody } from "../validate";
import type { WidgetSurveyResponse } from "../views";
import { AccountKey, accountByKey, requireCustomer } from "./widget-common";

const SurveyBody = z.object({
  account: AccountKey,
  solved: z.boolean(),
  grade: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

export const widgetSurveyRoutes = new Hono<AppEnv>().post("/chats/:id/survey", async (c) => {
  const body = await parseBody(c, SurveyBody);
  const account = await accountByKey(c, body.account);
  const customer = await requireCustomer(c, account.id);
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such chat");
  const orm = database(c.env.DB);
  const chat = await orm
    .select({ id: chats.id, departmentId: chats.departmentId, attendantId: chats.attendantId, status: chats.status })
    .from(chats)
    .where(and(eq(chats.id, id.data), eq(chats.accountId, account.id), eq(chats.customerId, customer.id)))
    .get();
  if (!chat) throw notFound("No such chat");
  if (!(await loadAccountSettings(c.env.DB, account.id)).policies.surveyEnabled) {
    throw new ApiError(403, "survey_disabled", "This account does not ask for a survey");
  }
  if (chat.status !== "closed") throw new ApiError(409, "chat_not_closed", "The chat is still open");
  const [row] = await orm
    .insert(chatSurveys)
    .values({
      chatId: chat.id,
      accountId: account.id,
      departmentId: chat.departmentId,
      attendantId: chat.attendantId,
      solved: body.solved,
      grade: body.grade,
      comment: body.comment || null,
      createdAt: Date.now(),
    })
    .onConflictDoNothing({ target: chatSurveys.chatId })
    .returning();
  if (!row) throw new ApiError(409, "survey_already_answered", "This chat's survey was already answered");
  return c.json({ survey: toChatSurvey(row) } satisfies WidgetSurveyResponse, 201);
});
