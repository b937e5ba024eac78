/**
 * Failed logins slow the next try down instead of locking anyone out (D1 `login_failures`).
 *
 * Two counters per attempt: the e-mail across IPs (one address guessed from many machines) and
 * the IP across e-mails (one machine spraying many addresses). Each key gets a few free
 * failures; past them the next try must wait 1 s, 2 s, 4 s… up to {@link MAX_DELAY_MS} after the
 * last failure, answered at once as 429 with `Retry-After` (the Worker never sleeps). A counter
 * starts over when its {@link WINDOW_MS} has passed, and a correct password clears the e-mail's.
 * Successes are never counted: a person who logs in ten times a minute is never refused.
 *
 * Races: every attempt reserves its failure before the password is checked, in one atomic D1
 * batch whose upserts only apply when the wait is over, so a burst of parallel guesses gets one
 * check, not a hundred. A success gives the reservation back.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { database, type Database } from "../db/client";
import { loginFailures } from "../db/schema";
import { RetryLater } from "../errors";

/** Failures of one e-mail before the first wait: typos and a forgotten Caps Lock. */
export const FREE_EMAIL_FAILURES = 5;
/** Failures from one IP before the first wait: an office behind one NAT mistypes more. */
export const FREE_IP_FAILURES = 20;
/** The first wait; it doubles with each further failure. */
export const BASE_DELAY_MS = 1000;
/** The longest wait: the real user is slowed down, never locked out. */
export const MAX_DELAY_MS = 60_000;
/** A counter older than this starts over (on the next failure, or in the daily sweep). */
export const WINDOW_MS = 60 * 60_000;
/** 1 s << 6 = 64 s ≥ MAX_DELAY_MS: the shift is capped so it never overflows to 0 in SQLite. */
const MAX_SHIFT = 6;

/** The two counters of one login: keys of `login_failures` and their free failures. */
export interface LoginKeys {
  email: string;
  ip: string;
}

/** The keys of an attendant's login (`scope` ""), or of another login (e.g. a panel's) kept apart. */
export function loginKeys(email: string, ip: string, scope = ""): LoginKeys {
  return { email: `${scope}email:${email}`, ip: `${scope}ip:${ip}` };
}

type Row = typeof loginFailures.$inferSelect;

/** How long after its last failure a key with `failures` must wait (0: free). */
export function requiredWaitMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** Math.min(failures - free, MAX_SHIFT), MAX_DELAY_MS);
}

/** Seconds until `row` may try again (0: now). */
function secondsToWait(row: Row | undefined, free: number, now: number): number {
  if (!row || row.windowStartedAt <= now - WINDOW_MS) return 0;
  return Math.max(0, Math.ceil((row.lastFailureAt + requiredWaitMs(row.failures, free) - now) / 1000));
}

/** Counts one failure of `key` unless it must still wait; returns the new count (none: refused). */
function reserve(db: Database, key: string, free: number, now: number) {
  const stale = now - WINDOW_MS;
  const t = loginFailures;
  const isStale = sql`${t.windowStartedAt} <= ${stale}`;
  return db
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: now, lastFailureAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`CASE WHEN ${isStale} THEN 1 ELSE ${t.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${isStale} THEN ${now} ELSE ${t.windowStartedAt} END`,
        lastFailureAt: now,
      },
      // The same rule as requiredWaitMs, inside the statement: parallel attempts see each other.
      setWhere: sql`${isStale} OR ${t.failures} < ${free} OR ${t.lastFailureAt} + min(${BASE_DELAY_MS} << min(${t.failures} - ${free}, ${MAX_SHIFT}), ${MAX_DELAY_MS}) <= ${now}`,
    })
    .returning({ failures: t.failures });
}

/** Undoes a reservation made at `now`, unless another failure was counted since. */
function giveBack(db: Database, key: string, before: Row | undefined, reserved: number, now: number) {
  const t = loginFailures;
  const untouched = and(eq(t.key, key), eq(t.failures, reserved), eq(t.lastFailureAt, now));
  if (!before || before.windowStartedAt <= now - WINDOW_MS) return db.delete(t).where(untouched);
  return db.update(t).set({ failures: before.failures, windowStartedAt: before.windowStartedAt, lastFailureAt: before.lastFailureAt }).where(untouched);
}

/** A login attempt that passed the throttle; tell it the outcome with {@link loginSucceeded}. */
export interface LoginAttempt {
  keys: LoginKeys;
  now: number;
  ipBefore: Row | undefined;
  ipReserved: number;
}

/**
 * Lets a login attempt through, counting it as a failure until it succeeds, or throws 429
 * `rate_limited` with `Retry-After` while the e-mail's or the IP's wait is not over (nothing is
 * counted then). Call before the password is checked.
 */
export async function beginLoginAttempt(d1: D1Database, keys: LoginKeys, now = Date.now()): Promise<LoginAttempt> {
  const db = database(d1);
  const read = (key: string) => db.select().from(loginFailures).where(eq(loginFailures.key, key));
  const [[emailBefore], [email], [ipBefore], [ip]] = await db.batch([
    read(keys.email),
    reserve(db, keys.email, FREE_EMAIL_FAILURES, now),
    read(keys.ip),
    reserve(db, keys.ip, FREE_IP_FAILURES, now),
  ]);
  if (email && ip) return { keys, now, ipBefore, ipReserved: ip.failures };
  // One key refused: the other's reservation is given back, so a refusal counts nowhere.
  if (email) await giveBack(db, keys.email, emailBefore, email.failures, now);
  if (ip) await giveBack(db, keys.ip, ipBefore, ip.failures, now);
  const seconds = Math.max(1, secondsToWait(emailBefore, FREE_EMAIL_FAILURES, now), secondsToWait(ipBefore, FREE_IP_FAILURES, now));
  throw new RetryLater(seconds, `Too many failed logins; try again in ${seconds} s`);
}

/** A correct password: the e-mail's failures are forgotten, and this attempt is not counted for the IP. */
export async function loginSucceeded(d1: D1Database, attempt: LoginAttempt): Promise<void> {
  const db = database(d1);
  await db.batch([
    db.delete(loginFailures).where(eq(loginFailures.key, attempt.keys.email)),
    giveBack(db, attempt.keys.ip, attempt.ipBefore, attempt.ipReserved, attempt.now),
  ]);
}

const SWEEP_BATCH = 1000;
const SWEEP_MAX_BATCHES = 10;

/** The daily sweep: counters whose window has passed (they would start over anyway); how many went. */
export async function purgeLoginFailures(d1: D1Database, now = Date.now()): Promise<number> {
  const db = database(d1);
  let deleted = 0;
  for (let i = 0; i < SWEEP_MAX_BATCHES; i++) {
    const doomed = db.select({ key: loginFailures.key }).from(loginFailures).where(lte(loginFailures.windowStartedAt, now - WINDOW_MS)).limit(SWEEP_BATCH);
    const gone = await db.delete(loginFailures).where(inArray(loginFailures.key, doomed)).returning({ key: loginFailures.key });
    deleted += gone.length;
    if (gone.length < SWEEP_BATCH) break;
  }
  return deleted;
}
