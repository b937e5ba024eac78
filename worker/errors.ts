import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * An expected failure: becomes `{ error: { code, message } }` with `status` in `app.onError`.
 * Throw it from anywhere in a request; nothing else reaches the client.
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(status, { message });
  }
}

export const badRequest = (message: string) => new ApiError(400, "bad_request", message);
export const notFound = (what = "Not found") => new ApiError(404, "not_found", what);
export const forbidden = (message = "You may not do this") => new ApiError(403, "forbidden", message);
export const unauthenticated = () => new ApiError(401, "unauthenticated", "Log in first");
export const rateLimited = () => new ApiError(429, "rate_limited", "Too many requests; try again in a minute");
