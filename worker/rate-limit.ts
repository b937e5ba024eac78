import type { Context } from "hono";
import type { AppEnv } from "./env";
import { rateLimited } from "./errors";

/** The caller's IP as Cloudflare reports it ("local" under tests without the header). */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header("cf-connecting-ip") ?? "local";
}

/** Throws 429 when `limiter` refuses `key`. */
export async function enforce(limiter: RateLimit, key: string) {
  const { success } = await limiter.limit({ key });
  if (!success) throw rateLimited();
}
