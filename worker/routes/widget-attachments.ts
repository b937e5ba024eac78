/**
 * Attachments for customers (docs/API.md, "Attachments"), authorized like the widget's other
 * chat calls: the customer token of the chat's own customer, in the key's account; anyone
 * else's chat is a 404.
 * - `POST /api/widget/chats/:id/attachments?account=…&clientId=…&name=…`: the body is the file,
 *   while the chat is open (attachments/upload.ts).
 * - `GET /api/widget/chats/:id/attachments/:aid?account=…`: a signed URL for one of its files.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import * as z from "zod";
import { database } from "../db/client";
import { chats } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../errors";
import { idParam, parseQuery } from "../validate";
import type { AttachmentUploadResponse } from "../views-attachments";
import { limitUploads, signedUrlAnswer, UploadQuery } from "../attachments/access";
import { acceptUpload } from "../attachments/upload";
import { AccountKey, accountByKey, requireCustomer } from "./widget-common";

/** The customer's own chat `:id`, with the account and the customer. */
async function ownChat(c: Context<AppEnv>, key: string) {
  const account = await accountByKey(c, key);
  const customer = await requireCustomer(c, account.id);
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such chat");
  const chat = await database(c.env.DB)
    .select({ id: chats.id, departmentId: chats.departmentId, status: chats.status })
    .from(chats)
    .where(and(eq(chats.id, id.data), eq(chats.accountId, account.id), eq(chats.customerId, customer.id)))
    .get();
  if (!chat) throw notFound("No such chat");
  return { account, customer, chat };
}

export const widgetAttachmentRoutes = new Hono<AppEnv>()
  .post("/chats/:id/attachments", async (c) => {
    const query = parseQuery(c, UploadQuery.extend({ account: AccountKey }));
    const { account, customer, chat } = await ownChat(c, query.account);
    if (chat.status === "closed") throw new ApiError(409, "chat_closed", "The chat is closed");
    await limitUploads(c, chat.id, "customer");
    const message = await acceptUpload(c.env, database(c.env.DB), c.req.raw, {
      accountId: account.id,
      chat,
      author: { role: "customer", customerId: customer.id },
      clientId: query.clientId,
      name: query.name,
    });
    return c.json({ message } satisfies AttachmentUploadResponse, 201);
  })
  .get("/chats/:id/attachments/:aid", async (c) => {
    const query = parseQuery(c, z.object({ account: AccountKey }));
    const { account, chat } = await ownChat(c, query.account);
    return signedUrlAnswer(c, database(c.env.DB), account.id, chat.id);
  });
