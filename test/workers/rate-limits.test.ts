/**
 * The public widget API's limits, one budget per kind of request (worker/routes/widget-limits.ts,
 * wrangler.toml): each refuses past its size with 429 `rate_limited` and `Retry-After`, and one
 * kind's flood never spends another's. The offline form's own limits are in offline-abuse.test.ts.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import wranglerToml from "../../wrangler.toml?raw";
import { LIMIT_PERIOD_SECONDS } from "../../worker/rate-limit";
import { api, attendantSocket, count, createAccount, customerSocket, json, startChat, type TestAccount, type TestSocket } from "./helpers";

/** `simple.limit` of a `[[ratelimits]]` binding, read from wrangler.toml so the test and the config agree. */
function limitOf(name: string): number {
  const block = new RegExp(`name = "${name}"\\s*\\nnamespace_id = "\\d+"\\s*\\nsimple = \\{ limit = (\\d+), period = (\\d+) \\}`).exec(wranglerToml);
  if (!block) throw new Error(`no [[ratelimits]] ${name} in wrangler.toml`);
  expect(Number(block[2])).toBe(LIMIT_PERIOD_SECONDS);
  return Number(block[1]);
}

/** The local limiter counts in fixed windows aligned to the clock's minute: start a flood early in one. */
async function freshWindow(): Promise<void> {
  const second = (Date.now() / 1000) % 60;
  if (second > 35) await new Promise((r) => setTimeout(r, (60 - second + 0.2) * 1000));
}

let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

async function expectRateLimited(res: Response) {
  expect(res.status).toBe(429);
  expect(res.headers.get("retry-after")).toBe(String(LIMIT_PERIOD_SECONDS));
  const { error } = await json(res);
  expect(error).toMatchObject({ code: "rate_limited", retryAfter: LIMIT_PERIOD_SECONDS });
}

function chatBody(account: TestAccount, email = `c.${crypto.randomUUID()}@example.com`) {
  return { account: account.publicKey, departmentId: account.departments.support, name: "Ana", email, message: "Olá" };
}

const newChat = (account: TestAccount, ip: string) => api("/api/widget/chats", { body: chatBody(account), headers: { "cf-connecting-ip": ip } });

/**
 * Spends `n` of `ip`'s allowance on the real binding, the way the routes count it (key: the IP).
 * Hundreds of requests through the Worker would outlast the minute's window on a busy machine.
 */
async function spend(limiter: RateLimit, ip: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 100) {
    const results = await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => limiter.limit({ key: ip })));
    expect(results.every((r) => r.success)).toBe(true);
  }
}

/** Sends `n` requests, `parallel` at a time; their statuses. */
async function flood(n: number, send: () => Promise<Response>, parallel = 20): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += parallel) {
    const batch = await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, send));
    statuses.push(...batch.map((r) => r.status));
  }
  return statuses;
}

/** An account whose support department has an attendant online, so that chats are admitted. */
async function staffedAccount(label: string): Promise<TestAccount & { agent: TestSocket }> {
  const account = await createAccount(label);
  return { ...account, agent: await attendantSocket(account.attendants.support1.email, account.departments.support) };
}

describe("widget rate limits, one budget per kind", () => {
  it("config reads: a high limit per IP, then 429 with Retry-After; the poll storm leaves that IP its chats and offline messages", async () => {
    const account = await staffedAccount("limit-config");
    const ip = freshIp();
    const size = limitOf("WIDGET_CONFIG_LIMITER");
    expect(size).toBeGreaterThanOrEqual(300);
    await freshWindow();
    await spend(env.WIDGET_CONFIG_LIMITER, ip, size - 2);
    // Counted before anything is read: a bad poll (400, no D1) costs the same as a good one.
    expect((await api("/api/widget/config", { headers: { "cf-connecting-ip": ip } })).status).toBe(400);
    const poll = () => api(`/api/widget/config?account=${account.publicKey}`, { headers: { "cf-connecting-ip": ip } });
    expect((await poll()).status).toBe(200);
    await expectRateLimited(await poll());
    expect((await newChat(account, ip)).status).toBe(201);
    const offline = { account: account.publicKey, name: "Ana", email: "ana@example.com", message: "Oi" };
    expect((await api("/api/widget/offline-messages", { body: offline, headers: { "cf-connecting-ip": ip } })).status).toBe(201);
  }, 120_000);

  it("a 304 to a config poll carries no body", async () => {
    const account = await createAccount("limit-config-304");
    const first = await api(`/api/widget/config?account=${account.publicKey}`);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await api(`/api/widget/config?account=${account.publicKey}`, { headers: { "if-none-match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  }, 30_000);

  it("chat creation: a handful a minute per IP, then 429 with Retry-After and no chat written; another IP goes on", async () => {
    const account = await staffedAccount("limit-chat-ip");
    const ip = freshIp();
    const size = limitOf("WIDGET_CHAT_IP_LIMITER");
    expect(size).toBeLessThanOrEqual(10);
    await freshWindow();
    for (let i = 0; i < size; i++) expect((await newChat(account, ip)).status).toBe(201);
    await expectRateLimited(await newChat(account, ip));
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", account.id)).toBe(size);
    expect((await newChat(account, freshIp())).status).toBe(201);
  }, 120_000);

  it("chat creation: a handful a minute per customer token from any IP; answering the open chat is free", async () => {
    const account = await staffedAccount("limit-chat-customer");
    const { support } = account.departments;
    const size = limitOf("WIDGET_CHAT_CUSTOMER_LIMITER");
    await freshWindow();
    // The first chat makes the customer (counted by IP only); the token's chats follow.
    let started = await startChat(account, support);
    const token = started.customerToken;
    for (let i = 0; i <= size; i++) {
      if (i > 0) started = await startChat(account, support, { token });
      // The open chat again: not a new one, not counted.
      expect((await api("/api/widget/chats", { body: chatBody(account), headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      const customer = await customerSocket(started.ws);
      customer.send({ type: "chat.close", chatId: started.chat.id });
      await customer.next("chat.closed");
      customer.close();
    }
    await expectRateLimited(await api("/api/widget/chats", { body: chatBody(account), headers: { authorization: `Bearer ${token}` } }));
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", account.id)).toBe(size + 1);
    // Someone else from the same IPs is not that customer.
    expect((await api("/api/widget/chats", { body: chatBody(account) })).status).toBe(201);
  }, 120_000);

  it("identify: per IP, then 429 with Retry-After", async () => {
    const account = await staffedAccount("limit-identify");
    const ip = freshIp();
    const size = limitOf("WIDGET_IDENTIFY_LIMITER");
    await freshWindow();
    const body = { account: account.publicKey, name: "Ana", email: "ana@example.com", customerHash: "forged" };
    const identify = () => api("/api/widget/identify", { body, headers: { "cf-connecting-ip": ip } });
    await spend(env.WIDGET_IDENTIFY_LIMITER, ip, size - 1);
    expect((await identify()).status).toBe(403);
    await expectRateLimited(await identify());
    expect((await newChat(account, ip)).status).toBe(201);
  }, 120_000);

  it("the other widget routes share one budget per IP, apart from config reads and chats", async () => {
    const account = await staffedAccount("limit-rest");
    const ip = freshIp();
    const size = limitOf("WIDGET_LIMITER");
    await freshWindow();
    await spend(env.WIDGET_LIMITER, ip, size - 1);
    expect((await api(`/api/widget/me?account=${account.publicKey}`, { headers: { "cf-connecting-ip": ip } })).status).toBe(401);
    await expectRateLimited(await api(`/api/widget/history?account=${account.publicKey}`, { headers: { "cf-connecting-ip": ip } }));
    expect((await api(`/api/widget/config?account=${account.publicKey}`, { headers: { "cf-connecting-ip": ip } })).status).toBe(200);
    expect((await newChat(account, ip)).status).toBe(201);
  }, 120_000);

  it("a preflight is never counted", async () => {
    const ip = freshIp();
    const preflight = () =>
      api("/api/widget/chats", { method: "OPTIONS", headers: { "cf-connecting-ip": ip, origin: "https://shop.example.com", "access-control-request-method": "POST" } });
    expect(new Set(await flood(limitOf("WIDGET_CHAT_IP_LIMITER") + 5, preflight))).toEqual(new Set([204]));
  }, 30_000);

  it("every other limiter's refusal carries Retry-After too (sign-up per IP)", async () => {
    const ip = freshIp();
    await freshWindow();
    const signup = () => api("/api/signup", { body: {}, headers: { "cf-connecting-ip": ip } });
    const statuses = await flood(limitOf("LOGIN_LIMITER"), signup);
    expect(statuses).not.toContain(429);
    await expectRateLimited(await signup());
  }, 120_000);
});
