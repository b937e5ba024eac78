/**
 * The abuse limits of the public offline form (`POST /api/widget/offline-messages`): anyone on
 * the internet may post it, and each message lands in an account's inbox and may be answered by
 * e-mail to the address it gives. So a body larger than any valid form is refused before it is
 * read or parsed, and one IP and one e-mail address may leave only a few messages a minute in one
 * account (wrangler.toml `OFFLINE_IP_LIMITER`, `OFFLINE_EMAIL_LIMITER`): the form's own budget,
 * which no other widget route spends (widget-limits.ts). Keys are scoped by the account's public
 * key: one account's flood never blocks a customer of another, and every account's inbox has its
 * own allowance.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { ApiError, RetryLater } from "../errors";
import { clientIp, LIMIT_PERIOD_SECONDS } from "../rate-limit";

/**
 * Largest body of the form: a 5,000-character message of 4-byte characters, the name, the page
 * URL and the JSON around them fit well under it.
 */
export const MAX_OFFLINE_BODY_BYTES = 32 * 1024;

/** 413 `too_large` for a body over {@link MAX_OFFLINE_BODY_BYTES}, by its Content-Length or while it streams. */
export const offlineBodyLimit: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_OFFLINE_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "too_large", `The message is larger than ${MAX_OFFLINE_BODY_BYTES / 1024} KB`);
  },
});

/**
 * 429 `rate_limited` with `retryAfter` when this IP, or this e-mail address, left too many
 * messages in the account within the last minute. Both are counted on every try, so a refused
 * flood does not earn new room by alternating addresses from one IP, or IPs for one address.
 */
export async function limitOfflineMessages(c: Context<AppEnv>, accountKey: string, email: string): Promise<void> {
  const [byIp, byEmail] = await Promise.all([
    c.env.OFFLINE_IP_LIMITER.limit({ key: `${accountKey}:${clientIp(c)}` }),
    c.env.OFFLINE_EMAIL_LIMITER.limit({ key: `${accountKey}:${email}` }),
  ]);
  if (!byIp.success) throw new RetryLater(LIMIT_PERIOD_SECONDS, "Too many messages from this connection; try again in a minute");
  if (!byEmail.success) throw new RetryLater(LIMIT_PERIOD_SECONDS, "Too many messages for this e-mail address; try again in a minute");
}
