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
    /** The body field the error is about (`email`, `departmentIds.0`), so a form shows it there. */
    readonly field?: string,
  ) {
    super(status, { message });
  }
}

export const badRequest = (message: string, field?: string) => new ApiError(400, "bad_request", message, field);
export const notFound = (what = "Not found") => new ApiError(404, "not_found", what);
export const forbidden = (message = "You may not do this") => new ApiError(403, "forbidden", message);
export const unauthenticated = () => new ApiError(401, "unauthenticated", "Log in first");
/** 429 `rate_limited` with `Retry-After`: `retryAfter` seconds (a limiter's period, at worst). */
export const rateLimited = (retryAfter = 60) => new RetryLater(retryAfter, `Too many requests; try again in ${retryAfter} s`);
export const conflict = (code: string, message: string, field?: string) => new ApiError(409, code, message, field);

/**
 * A 429 `rate_limited` that says when to come back: `retryAfter` (seconds) in the envelope and
 * the `Retry-After` header, so a form can tell the person how long to wait.
 */
export class RetryLater extends ApiError {
  constructor(
    readonly retryAfter: number,
    message: string,
  ) {
    super(429, "rate_limited", message);
  }
}
