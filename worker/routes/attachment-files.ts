/**
 * GET /attachments/:accountId/:id?exp=…&sig=…: a chat's file, for whoever holds a signed URL
 * that has not expired (attachments/signed-url.ts; the URL is given only to the chat's
 * participants). The stored type was decided by the file's bytes; `nosniff` and a CSP without
 * any source keep a browser from treating it as anything else, and a PDF is always a download.
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { tokenSecret } from "../auth/tokens";
import { checkAttachmentUrl } from "../attachments/signed-url";
import { database } from "../db/client";
import { chatAttachments } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../errors";
import { idParam, parseQuery } from "../validate";

const SignedQuery = z.object({
  exp: z.coerce.number().int().positive(),
  sig: z.string().min(1).max(100),
});

/** `filename*` (RFC 6987/8187) carries any name; the plain `filename` an ASCII fallback. */
function disposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const attachmentFileRoutes = new Hono<AppEnv>().get("/:accountId/:id", async (c) => {
  const accountId = idParam.safeParse(c.req.param("accountId"));
  const id = idParam.safeParse(c.req.param("id"));
  if (!accountId.success || !id.success) throw notFound("No such file");
  const query = parseQuery(c, SignedQuery);
  const refusal = await checkAttachmentUrl(tokenSecret(c.env), accountId.data, id.data, query.exp, query.sig);
  if (refusal === "url_expired") throw new ApiError(403, refusal, "This link has expired; open the file from the chat again");
  if (refusal) throw new ApiError(403, refusal, "This link is not valid");
  const row = await database(c.env.DB)
    .select()
    .from(chatAttachments)
    .where(and(eq(chatAttachments.id, id.data), eq(chatAttachments.accountId, accountId.data)))
    .get();
  const object = row ? await c.env.ATTACHMENTS.get(row.objectKey) : null;
  if (!row || !object) throw notFound("No such file");
  const seconds = Math.max(0, Math.floor((query.exp - Date.now()) / 1000));
  return c.body(object.body, 200, {
    "Content-Type": row.contentType,
    "Content-Length": String(object.size),
    "Content-Disposition": disposition(row.contentType === "application/pdf" ? "attachment" : "inline", row.name),
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": `private, max-age=${seconds}`,
    "Referrer-Policy": "no-referrer",
  });
});
