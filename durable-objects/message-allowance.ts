/**
 * A token bucket per socket for `message.send`: people type a few messages a minute, a
 * script on a hostile page many per millisecond. Kept in memory on purpose: after a
 * hibernation every socket starts with a full bucket, which is harmless.
 */
const LIMITS = {
  customer: { burst: 30, perSecond: 10 },
  attendant: { burst: 60, perSecond: 20 },
} as const;

export class MessageAllowance {
  private readonly buckets = new WeakMap<WebSocket, { tokens: number; at: number }>();

  take(ws: WebSocket, role: keyof typeof LIMITS, now: number): boolean {
    const limit = LIMITS[role];
    const bucket = this.buckets.get(ws) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(ws, bucket);
    return allowed;
  }

  forget(ws: WebSocket) {
    this.buckets.delete(ws);
  }
}
