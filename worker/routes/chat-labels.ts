/**
 * PUT /api/chats/:id/labels: an attendant sets a chat's labels by hand, during the chat or after
 * it. Who may: whoever may read the chat (its department is one they attend or supervise);
 * another account's chat or label is 404. Labels already on the chat stay whatever their state;
 * an inactive label cannot be newly applied. D1 is written first; the room, while it holds the
 * chat, keeps the new set and tells every console of the department (`chat.labels`).
 */
import { and, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { departmentRoom, visibleDepartments } from "../access";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { chats, labels } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../errors";
import { chatLabelRows, deleteChatLabels, insertChatLabel, labelsOfChat } from "../labels/store";
import { idParam, parseBody } from "../validate";
import type { ChatLabelsResponse } from "../views-labels";
import { CLOSED_CHAT_KEPT_MS } from "../../durable-objects/protocol";

/** More labels than anyone would put on one chat, few enough for one batch. */
const MAX_CHAT_LABELS = 20;

const ChatLabelsBody = z.strictObject({
  labelIds: z
    .array(idParam)
    .max(MAX_CHAT_LABELS, `at most ${MAX_CHAT_LABELS} labels per chat`)
    .refine((ids) => new Set(ids).size === ids.length, "must not repeat a label"),
});

export const chatLabelRoutes = new Hono<AppEnv>().use(requireAttendant).put("/:id/labels", async (c) => {
  const who = c.get("attendant");
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such chat");
  const db = database(c.env.DB);
  const [chat, allowed] = await Promise.all([
    db.select({ id: chats.id, departmentId: chats.departmentId, status: chats.status, closedAt: chats.closedAt }).from(chats).where(and(eq(chats.id, id.data), eq(chats.accountId, who.accountId))).get(),
    visibleDepartments(c.env.DB, who),
  ]);
  if (!chat || !allowed.some((d) => d.id === chat.departmentId)) throw notFound("No such chat");
  const { labelIds } = await parseBody(c, ChatLabelsBody);

  const [wanted, current] = await Promise.all([
    labelIds.length ? db.select({ id: labels.id, active: labels.active }).from(labels).where(and(eq(labels.accountId, who.accountId), inArray(labels.id, labelIds))) : [],
    chatLabelRows(c.env.DB, who.accountId, chat.id),
  ]);
  const found = new Map(wanted.map((l) => [l.id, l]));
  const missing = labelIds.findIndex((l) => !found.has(l));
  if (missing >= 0) throw new ApiError(404, "not_found", "No such label", `labelIds.${missing}`);
  const had = new Set(current.map((r) => r.labelId));
  const inactive = labelIds.findIndex((l) => !had.has(l) && !found.get(l)!.active);
  if (inactive >= 0) throw new ApiError(409, "label_inactive", "This label is inactive and cannot be applied", `labelIds.${inactive}`);

  const added = labelIds.filter((l) => !had.has(l));
  const removed = [...had].filter((l) => !labelIds.includes(l));
  const now = Date.now();
  const writes = [
    ...(removed.length ? [deleteChatLabels(db, who.accountId, chat.id, removed)] : []),
    ...added.map((labelId) => insertChatLabel(db, { accountId: who.accountId, chatId: chat.id, labelId, appliedBy: "attendant", attendantId: who.id, rule: null, at: now })),
  ];
  const [first, ...rest] = writes;
  if (first) await db.batch([first, ...rest]);
  const result = await labelsOfChat(c.env.DB, who.accountId, chat.id);

  // The room holds open chats and recently closed ones; a closed chat past that lives in D1 only.
  if (chat.status !== "closed" || (chat.closedAt ?? 0) > now - CLOSED_CHAT_KEPT_MS) {
    try {
      await departmentRoom(c.env, who.accountId, chat.departmentId).chatLabelsChanged(chat.id, result);
    } catch (error) {
      console.error("telling the room a chat's labels failed; consoles see them on their next load", error);
    }
  }
  return c.json({ chatId: chat.id, labels: result } satisfies ChatLabelsResponse);
});
