/**
 * Strict input at the edge, before any route runs (mounted first in app.ts):
 * - every request body is limited to {@link MAX_BODY_BYTES} and a larger one is answered
 *   `413 too_large` as soon as its Content-Length says so, or as soon as the stream passes the
 *   limit, without reading the rest. The upload routes, which carry raw files, are the only
 *   exceptions: each streams its body against its own, larger limit (attachments 10 MB,
 *   logos 256 KB; worker/attachments/upload.ts, worker/logos.ts).
 * - a request to `/api/*` that carries a body must say `Content-Type: application/json`
 *   (`415 unsupported_media_type` otherwise). A `text/plain` or form POST is a CORS "simple
 *   request" that a browser sends cross-site without a preflight; refusing it keeps every JSON
 *   route behind the preflight and the session cookie's SameSite rule. Requests without a body
 *   (GET, DELETE, `POST /api/auth/logout`) need no type.
 * The Base de Conhecimento's article routes take Markdown of up to 100,000 characters
 * (worker/kb/markdown.ts), which in UTF-8 and JSON can pass 64 KB: they get
 * {@link MAX_ARTICLE_BODY_BYTES}.
 * Server-rendered forms outside `/api` (the Base de Conhecimento's vote, urlencoded) keep their
 * type and get the body limit.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";

/** Largest body of a JSON route: the largest valid document (settings, a KB article) fits well under it. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A KB article's body: 100,000 characters of up to 4 UTF-8 bytes each, JSON-escaped, and its fields. */
export const MAX_ARTICLE_BODY_BYTES = 512 * 1024;

/** JSON routes carrying a KB article (create, edit, preview). */
const ARTICLE_ROUTES = /^\/api\/kb\/(articles(\/[^/]+)?|preview)$/;

/** Routes whose body is a raw file with a limit of its own. */
const UPLOAD_ROUTES = [
  /^\/api\/chats\/[^/]+\/attachments$/,
  /^\/api\/widget\/chats\/[^/]+\/attachments$/,
  /^\/api\/departments\/[^/]+\/logo\/[^/]+$/,
];

/** Hono's body limit answering our `413 too_large` error. */
const limiter = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, "too_large", `Request bodies are limited to ${maxSize / 1024} KB`);
    },
  });

const limitBody = limiter(MAX_BODY_BYTES);
const limitArticleBody = limiter(MAX_ARTICLE_BODY_BYTES);

/** True when the request carries a body (a `Content-Length: 0` POST does not). */
function hasBody(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD" || !request.body) return false;
  return request.headers.get("content-length") !== "0";
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonType(contentType: string | null): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
}

/** The edge checks of every request; see the module comment. */
export const strictInput: MiddlewareHandler<AppEnv> = async (c, next) => {
  const request = c.req.raw;
  if (!hasBody(request) || UPLOAD_ROUTES.some((route) => route.test(c.req.path))) return next();
  if (c.req.path.startsWith("/api/") && !isJsonType(request.headers.get("content-type"))) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  return ARTICLE_ROUTES.test(c.req.path) ? limitArticleBody(c, next) : limitBody(c, next);
};
