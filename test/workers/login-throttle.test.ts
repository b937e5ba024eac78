/**
 * Failed logins slow the next try down (worker/auth/login-throttle.ts): failures only, per
 * e-mail across IPs and per IP across e-mails, a wait that grows and is answered as 429 with
 * Retry-After, a success that clears the e-mail's counter, and the daily sweep of old counters.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FREE_EMAIL_FAILURES, FREE_IP_FAILURES, MAX_DELAY_MS, WINDOW_MS, purgeLoginFailures } from "../../worker/auth/login-throttle";
import worker from "../../worker/index";
import { api, createAccount, json, PASSWORD } from "./helpers";

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

function attempt(email: string, password: string, ip = freshIp(), path = "/api/auth/login") {
  return api(path, { body: { email, password }, headers: { "cf-connecting-ip": ip } });
}

async function expectWait(res: Response, seconds?: number): Promise<number> {
  expect(res.status).toBe(429);
  const { error } = await json(res);
  expect(error.code).toBe("rate_limited");
  expect(Number(res.headers.get("retry-after"))).toBe(error.retryAfter);
  if (seconds !== undefined) expect(error.retryAfter).toBe(seconds);
  return error.retryAfter;
}

async function row(key: string) {
  return env.DB.prepare("SELECT failures, window_started_at AS windowStartedAt, last_failure_at AS lastFailureAt FROM login_failures WHERE key = ?")
    .bind(key)
    .first<{ failures: number; windowStartedAt: number; lastFailureAt: number }>();
}

function setRow(key: string, failures: number, lastFailureAt: number, windowStartedAt = lastFailureAt) {
  return env.DB.prepare("INSERT OR REPLACE INTO login_failures (key, failures, window_started_at, last_failure_at) VALUES (?, ?, ?, ?)")
    .bind(key, failures, windowStartedAt, lastFailureAt)
    .run();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("login throttle", () => {
  it("never counts successes: many correct logins in a row from one IP all succeed", async () => {
    const account = await createAccount("throttle-successes");
    const ip = freshIp();
    for (let i = 0; i < FREE_EMAIL_FAILURES * 3; i++) expect((await attempt(account.attendants.support1.email, PASSWORD, ip)).status).toBe(200);
    expect(await row(`email:${account.attendants.support1.email}`)).toBeNull();
    expect(await row(`ip:${ip}`)).toBeNull();
  }, 60_000);

  it("counts failures per e-mail across IPs: past a few, the next try waits (429 + Retry-After), even with the right password", async () => {
    const account = await createAccount("throttle-email");
    const email = account.attendants.support1.email;
    for (let i = 0; i < FREE_EMAIL_FAILURES; i++) expect((await attempt(email, `guess ${i}`)).status).toBe(401);
    await expectWait(await attempt(email, "another guess"), 1);
    await expectWait(await attempt(email, PASSWORD), 1);
    // A refused try is not a failure: the count stays.
    expect((await row(`email:${email}`))?.failures).toBe(FREE_EMAIL_FAILURES);
    await sleep(1100);
    // The wait is over: the right password goes through and clears the e-mail's counter.
    expect((await attempt(email, PASSWORD)).status).toBe(200);
    expect(await row(`email:${email}`)).toBeNull();
    expect((await attempt(email, "typo")).status).toBe(401);
  }, 60_000);

  it("slows down progressively: the wait doubles with each failure, up to the cap", async () => {
    const account = await createAccount("throttle-progressive");
    const email = account.attendants.support1.email;
    const now = Date.now();
    await setRow(`email:${email}`, FREE_EMAIL_FAILURES + 3, now);
    await expectWait(await attempt(email, PASSWORD), 8);
    await setRow(`email:${email}`, FREE_EMAIL_FAILURES + 40, now);
    await expectWait(await attempt(email, PASSWORD), MAX_DELAY_MS / 1000);
    // Once the wait has passed, the try is answered; a failure counts one more.
    await setRow(`email:${email}`, FREE_EMAIL_FAILURES + 3, now - 8_000);
    expect((await attempt(email, "wrong")).status).toBe(401);
    expect((await row(`email:${email}`))?.failures).toBe(FREE_EMAIL_FAILURES + 4);
    await expectWait(await attempt(email, PASSWORD), 16);
  }, 60_000);

  it("counts failures per IP across e-mails: spraying addresses from one IP is slowed, other IPs are not", async () => {
    const account = await createAccount("throttle-ip");
    const ip = freshIp();
    for (let i = 0; i < FREE_IP_FAILURES; i++) expect((await attempt(`sprayed.${i}.${crypto.randomUUID()}@example.com`, "123456", ip)).status).toBe(401);
    await expectWait(await attempt(`sprayed.last@example.com`, "123456", ip), 1);
    // The IP waits, for every e-mail; the same person from elsewhere does not.
    await expectWait(await attempt(account.attendants.support1.email, PASSWORD, ip));
    expect((await attempt(account.attendants.support1.email, PASSWORD)).status).toBe(200);
    // The refused tries left the e-mails' counters alone.
    expect(await row("email:sprayed.last@example.com")).toBeNull();
  }, 60_000);

  it("a success clears the e-mail's counter, not the IP's, and is not counted for the IP", async () => {
    const account = await createAccount("throttle-clear");
    const email = account.attendants.support2.email;
    const ip = freshIp();
    expect((await attempt(email, "wrong", ip)).status).toBe(401);
    expect((await attempt("someone.else@example.com", "wrong", ip)).status).toBe(401);
    expect((await attempt(email, PASSWORD, ip)).status).toBe(200);
    expect(await row(`email:${email}`)).toBeNull();
    expect((await row(`ip:${ip}`))?.failures).toBe(2);
  }, 60_000);

  it("a counter whose window has passed starts over", async () => {
    const account = await createAccount("throttle-window");
    const email = account.attendants.support1.email;
    const longAgo = Date.now() - WINDOW_MS - 1000;
    await setRow(`email:${email}`, 50, Date.now() - 1000, longAgo);
    expect((await attempt(email, "wrong")).status).toBe(401);
    expect((await row(`email:${email}`))?.failures).toBe(1);
  }, 30_000);

  it("parallel guesses past the free ones get one check, not one each", async () => {
    const account = await createAccount("throttle-burst");
    const email = account.attendants.support1.email;
    await setRow(`email:${email}`, FREE_EMAIL_FAILURES, Date.now() - 1500);
    const statuses = (await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(email, `burst ${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  }, 30_000);

  it("the customer panel's login follows the same rules, apart from the console's", async () => {
    const account = await createAccount("throttle-panel");
    const email = `panel.${crypto.randomUUID()}@example.com`;
    const path = `/api/p/${account.publicKey}/login`;
    for (let i = 0; i < FREE_EMAIL_FAILURES; i++) expect((await attempt(email, `guess ${i}`, freshIp(), path)).status).toBe(401);
    await expectWait(await attempt(email, "guess", freshIp(), path), 1);
    expect(await row(`email:${email}`)).toBeNull();
    expect((await row(`panel:${account.id}:email:${email}`))?.failures).toBe(FREE_EMAIL_FAILURES);
  }, 60_000);

  it("the daily sweep deletes counters whose window has passed and keeps the others", async () => {
    const now = Date.now();
    const old = `ip:sweep-old-${crypto.randomUUID()}`;
    const fresh = `ip:sweep-fresh-${crypto.randomUUID()}`;
    await setRow(old, 30, now - WINDOW_MS - 5000, now - WINDOW_MS - 60_000);
    await setRow(fresh, 30, now - 5000, now - 60_000);
    expect(await purgeLoginFailures(env.DB, now)).toBeGreaterThanOrEqual(1);
    expect(await row(old)).toBeNull();
    expect((await row(fresh))?.failures).toBe(30);
  });

  it("the daily Cron Trigger runs the sweep", async () => {
    const old = `email:cron-${crypto.randomUUID()}@example.com`;
    await setRow(old, 7, Date.now() - WINDOW_MS - 5000, Date.now() - WINDOW_MS - 60_000);
    await worker.scheduled(createScheduledController({ cron: "0 3 * * *" }), env);
    expect(await row(old)).toBeNull();
  }, 30_000);
});
