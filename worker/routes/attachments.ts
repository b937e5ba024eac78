/**
 * Attachments for attendants (docs/API.md, "Attachments"):
 * - `POST /api/chats/:id/attachments?clientId=…&name=…`: the body is the file. Only the chat's
 *   own attendant while it is active (the room decides, as for text); see attachments/upload.ts.
 * - `GET /api/chats/:id/attachments/:aid`: a signed URL, for attendants who may read the chat
 *   (its department's attendants and supervisors, as the history).
 * Another account's or an invisible department's chat is a 404.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { visibleDepartments } from "../access";
import { requireAttendant } from "../auth/session";
import { database } from "../db/client";
import { chats } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, forbidden, notFound } from "../errors";
import { idParam, parseQuery } from "../validate";
import type { AttachmentUploadResponse } from "../views-attachments";
import { limitUploads, signedUrlAnswer, UploadQuery } from "../attachments/access";
import { acceptUpload } from "../attachments/upload";

/** The chat `:id` of the attendant's account, in a department they may open. */
async function visibleChat(c: Context<AppEnv>) {
  const who = c.get("attendant");
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such chat");
  const [chat, allowed] = await Promise.all([
    database(c.env.DB)
      .select({ id: chats.id, departmentId: chats.departmentId, status: chats.status, attendantId: chats.attendantId })
      .from(chats)
      .where(and(eq(chats.id, id.data), eq(chats.accountId, who.accountId)))
      .get(),
    visibleDepartments(c.env.DB, who),
  ]);
  if (!chat || !allowed.some((d) => d.id === chat.departmentId)) throw notFound("No such chat");
  return chat;
}

export const attachmentRoutes = new Hono<AppEnv>()
  .use(requireAttendant)
  .post("/:id/attachments", async (c) => {
    const who = c.get("attendant");
    const query = parseQuery(c, UploadQuery);
    const chat = await visibleChat(c);
    if (chat.status === "closed") throw new ApiError(409, "chat_closed", "The chat is closed");
    // D1 learns an accept a moment after the room: only a known other attendant is refused here.
    if (chat.attendantId && chat.attendantId !== who.id) throw forbidden("Only the chat's attendant may send files in it");
    await limitUploads(c, chat.id, "attendant");
    const message = await acceptUpload(c.env, database(c.env.DB), c.req.raw, {
      accountId: who.accountId,
      chat,
      author: { role: "attendant", attendantId: who.id, name: who.name },
      clientId: query.clientId,
      name: query.name,
    });
    return c.json({ message } satisfies AttachmentUploadResponse, 201);
  })
  .get("/:id/attachments/:aid", async (c) => {
    const chat = await visibleChat(c);
    return signedUrlAnswer(c, database(c.env.DB), c.get("attendant").accountId, chat.id);
  });
