/** Which text explains a failed API call. */
import { ApiError } from "./api";
import type { MessageKey } from "./i18n";

/** The text key for an error thrown by the API client (anything else is "something went wrong"). */
export function errorKey(error: unknown): MessageKey {
  if (error instanceof ApiError) {
    if (error.code === "invalid_credentials") return "login.invalid";
    if (error.code === "rate_limited") return "login.rateLimited";
    if (error.code === "network") return "error.network";
    // A settings save over someone else's newer save (If-Match, worker/settings/versioned.ts).
    if (error.code === "precondition_failed") return "settings.stale";
    if (error.status === 403) return "notice.forbidden";
    if (error.status === 404) return "notice.notFound";
  }
  return "error.generic";
}
