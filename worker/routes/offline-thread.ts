/**
 * One offline message and its e-mail thread (docs/API.md "Mensagens Offline answered by e-mail"):
 * GET /api/offline-messages/:id reads it, POST /api/offline-messages/:id/replies answers it by
 * e-mail. Mounted next to the list (offline-messages.ts); same rule for who may open a message.
 */
import { Hono } from "hono";
import * as z from "zod";
import { requestActor } from "../audit";
import { requireAttendant } from "../auth/session";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { answerOfflineMessage, MAX_OFFLINE_REPLY_LENGTH } from "../offline/answer";
import { offlineMessageFor, readThread } from "../offline/thread";
import { idParam, parseBody } from "../validate";
import type { OfflineMessageThreadResponse, OfflineReplyResponse } from "../views-offline";

const ReplyBody = z.strictObject({
  body: z.string().trim().min(1, { message: "Write the answer" }).max(MAX_OFFLINE_REPLY_LENGTH),
});

function messageId(raw: string): string {
  const id = idParam.safeParse(raw);
  if (!id.success) throw notFound("No such offline message");
  return id.data;
}

export const offlineThreadRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .get("/:id", async (c) => {
    const who = c.get("attendant");
    const offlineMessage = await offlineMessageFor(c.env.DB, who, messageId(c.req.param("id")));
    const entries = await readThread(c.env, who.accountId, offlineMessage.id);
    return c.json({ offlineMessage, entries } satisfies OfflineMessageThreadResponse);
  })
  .post("/:id/replies", async (c) => {
    const who = c.get("attendant");
    const message = await offlineMessageFor(c.env.DB, who, messageId(c.req.param("id")));
    const { body } = await parseBody(c, ReplyBody);
    const { actor, ip } = requestActor(c);
    const entry = await answerOfflineMessage(c.env, { who, actor, ip, message, body });
    const offlineMessage = await offlineMessageFor(c.env.DB, who, message.id);
    return c.json({ entry, offlineMessage } satisfies OfflineReplyResponse, 201);
  });
