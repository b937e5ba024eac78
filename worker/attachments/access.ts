/**
 * What both sides' attachment routes share: the query of an upload, the rate limit, and the
 * signed URL answer for a file the caller has been allowed to see.
 */
import type { Context } from "hono";
import * as z from "zod";
import { tokenSecret } from "../auth/tokens";
import type { Database } from "../db/client";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { enforce } from "../rate-limit";
import type { AttachmentUrlResponse } from "../views-attachments";
import { MAX_ID_LENGTH } from "../../durable-objects/protocol";
import { ATTACHMENT_URL_TTL_MS, signAttachmentPath } from "./signed-url";
import { attachmentOfChat } from "./store";
import { idParam } from "../validate";

/** `?clientId=…&name=…` of an upload: the client's id makes a retried upload idempotent. */
export const UploadQuery = z.object({
  clientId: z.string().min(1).max(MAX_ID_LENGTH),
  name: z.string().max(300).optional(),
});

/** Uploads per chat and side (ATTACHMENT_LIMITER, a minute): files are heavy, text is not. */
export function limitUploads(c: Context<AppEnv>, chatId: string, side: "customer" | "attendant") {
  return enforce(c.env.ATTACHMENT_LIMITER, `attach:${chatId}:${side}`);
}

/** A signed URL for attachment `:aid` of a chat the caller may read; another chat's file is a 404. */
export async function signedUrlAnswer(c: Context<AppEnv>, db: Database, accountId: string, chatId: string): Promise<Response> {
  const aid = idParam.safeParse(c.req.param("aid"));
  if (!aid.success) throw notFound("No such file");
  const row = await attachmentOfChat(db, accountId, chatId, aid.data);
  if (!row) throw notFound("No such file");
  const expiresAt = Date.now() + ATTACHMENT_URL_TTL_MS;
  const path = await signAttachmentPath(tokenSecret(c.env), accountId, row.id, expiresAt);
  c.header("Cache-Control", "no-store");
  return c.json({ url: new URL(path, c.req.url).href, expiresAt } satisfies AttachmentUrlResponse);
}
