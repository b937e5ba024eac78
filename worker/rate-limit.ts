/**
 * The Workers Rate Limiting bindings (wrangler.toml `[[ratelimits]]`): fixed windows of 10 or
 * 60 seconds per key. A refusal is a 429 `rate_limited` with `Retry-After`: the binding's period,
 * the longest anyone waits for its window to end (the binding does not say when it started).
 */
import type { Context } from "hono";
import type { AppEnv } from "./env";
import { rateLimited } from "./errors";

/** The period of every limiter in wrangler.toml (`simple.period`), in seconds. */
export const LIMIT_PERIOD_SECONDS = 60;

/** The caller's IP as Cloudflare reports it ("local" under tests without the header). */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header("cf-connecting-ip") ?? "local";
}

/** Throws 429 with `Retry-After: periodSeconds` when `limiter` refuses `key`. */
export async function enforce(limiter: RateLimit, key: string, periodSeconds = LIMIT_PERIOD_SECONDS) {
  const { success } = await limiter.limit({ key });
  if (!success) throw rateLimited(periodSeconds);
}
