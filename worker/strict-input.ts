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
 * Server-rendered forms outside `/api` (the Base de Conhecimento's vote, urlencoded) keep their
 * type and get the body limit.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";

/** Largest body of a JSON route: the largest valid document (settings, a KB article) fits well under it. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Routes whose body is a raw file with a limit of its own. */
const UPLOAD_ROUTES = [
  /^\/api\/chats\/[^/]+\/attachments$/,
  /^\/api\/widget\/chats\/[^/]+\/attachments$/,
  /^\/api\/departments\/[^/]+\/logo\/[^/]+$/,
];

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "too_large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB`);
  },
});

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
  return limitBody(c, next);
};
