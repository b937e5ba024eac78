/**
 * GET /logos/:accountId/:file: a department logo from R2, public (the pop-up page and the
 * widget show it). The file name is the SHA-256 of the bytes, so the answer never changes and
 * may be cached for a year. The type comes from the extension this Worker chose when it checked
 * the bytes; `nosniff` keeps a browser from guessing another.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { LOGO_FILE, LOGO_TYPES, type LogoExt } from "../logos";
import { idParam } from "../validate";

function extOf(file: string): LogoExt | null {
  const match = LOGO_FILE.exec(file);
  const ext = match?.[1];
  return ext === "png" || ext === "jpg" || ext === "webp" ? ext : null;
}

export const logoRoutes = new Hono<AppEnv>().get("/:accountId/:file", async (c) => {
  const accountId = idParam.safeParse(c.req.param("accountId"));
  const file = c.req.param("file");
  const ext = extOf(file);
  if (!accountId.success || !ext) throw notFound("No such logo");
  const object = await c.env.LOGOS.get(`${accountId.data}/${file}`);
  if (!object) throw notFound("No such logo");
  return c.body(object.body, 200, {
    "Content-Type": LOGO_TYPES[ext],
    "Content-Length": String(object.size),
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    ETag: object.httpEtag,
  });
});
