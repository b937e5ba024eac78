/**
 * Timers as data: every timer of a room is a row of its SQLite `timers` table (created by
 * room-schema.ts), and one Durable Object alarm serves them all, armed at the earliest row.
 * A timer is named by its kind and a key inside that kind ("" when the kind has one timer per
 * room): `sync`/"", `prune`/"", later `shift-end`/<attendant id>, `inactivity-close`/<chat id>,
 * `outbox`/<row id>. Setting a kind/key again replaces the timer.
 *
 * Running: `runDue()` calls each due row's handler and deletes the row only once the handler
 * succeeded, so a throw (or an eviction mid-handler) loses nothing: the row stays, counts the
 * attempt, keeps the error and becomes due again after an exponential backoff.
 *
 * Every `set` gives the row a fresh `id`: the id names one setting of a timer, so the runner
 * deletes (or backs off) the row it ran and never a row that was set again meanwhile, by the
 * handler itself or by another event while the handler awaited.
 *
 * A row whose kind has no handler is kept, logged and retried with the same backoff as a
 * failure (at most every 5 minutes): a deploy that adds the handler later, or a rollback
 * followed by the deploy again, runs it instead of losing it.
 */

/** One timer, as handlers receive it. */
export interface Timer {
  id: string;
  kind: string;
  key: string;
  dueAt: number;
  /** The JSON payload given when it was set, or null; the handler validates it. */
  payload: unknown;
  /** Failed runs since it was last set. */
  attempts: number;
  lastError: string | null;
}

/** Runs one due timer; a throw (or a rejection) keeps the row for a retry. */
export type TimerHandler = (timer: Timer) => Promise<void> | void;

/** The handler of each kind this room knows. */
export type TimerHandlers = Readonly<Record<string, TimerHandler>>;

/** Backoff after a failure: `firstMs`, doubling on each further failure, never above `maxMs`. */
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstMs: 1_000, maxMs: 5 * 60_000 };

export interface RunOptions {
  /** A kind's own backoff, instead of DEFAULT_RETRY. */
  retry?: Readonly<Record<string, Partial<RetryPolicy>>>;
  /** Most rows run by one call; the alarm is re-armed at once for the rest. */
  limit?: number;
}

/** The part of DurableObjectStorage the timers need (a fake in tests). */
export interface AlarmClock {
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number): Promise<void>;
  deleteAlarm(): Promise<void>;
}

type TimerRow = {
  id: string;
  kind: string;
  key: string;
  due_at: number;
  payload: string | null;
  attempts: number;
  last_error: string | null;
};

const RUN_LIMIT = 100;

/** The delay before the next try after `attempts` failures (1-based). */
export function backoff(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, attempts - 1));
}

export class Timers {
  /** While runDue runs it re-arms at the end, so the sets made meanwhile need not. */
  private running = false;
  /** Alarm reads and writes, one after the other: the last one queued decides the alarm. */
  private clockQueue: Promise<void> = Promise.resolve();
  /**
   * Timers this instance knows to be set (kind, key), so that `ensure` of one of them writes
   * nothing: the room ensures its D1 sync and the chat's inactivity timer on every message.
   * Every removal here forgets its entry; a fresh instance (after eviction) knows none.
   */
  private readonly known = new Set<string>();

  constructor(
    private readonly sql: SqlStorage,
    private readonly clock: AlarmClock,
  ) {}

  /** Sets (or replaces) the timer: it may move later or sooner; attempts start again at 0. */
  set(kind: string, key: string, dueAt: number, payload?: unknown): void {
    this.insert(kind, key, dueAt, payload, "DO UPDATE SET id = excluded.id, due_at = excluded.due_at, payload = excluded.payload, attempts = 0, last_error = NULL");
    this.known.add(knownKey(kind, key));
    this.armSoon();
  }

  /** Sets the timer unless one is already set for kind/key, whenever it is due. True when it set it. */
  ensure(kind: string, key: string, dueAt: number, payload?: unknown): boolean {
    const id = knownKey(kind, key);
    if (this.known.has(id)) return false;
    const cursor = this.insert(kind, key, dueAt, payload, "DO NOTHING");
    this.known.add(id);
    if (cursor.rowsWritten === 0) return false;
    this.armSoon();
    return true;
  }

  /**
   * Makes the timer due no later than `dueAt`: sets it when absent, or moves it earlier (keeping
   * its payload and attempts). Never moves a timer later.
   */
  ensureBy(kind: string, key: string, dueAt: number, payload?: unknown): void {
    this.insert(kind, key, dueAt, payload, "DO UPDATE SET id = excluded.id, due_at = excluded.due_at WHERE excluded.due_at < timers.due_at");
    this.known.add(knownKey(kind, key));
    this.armSoon();
  }

  /** One insert for set/ensure/ensureBy; they differ only in what a timer already there does. */
  private insert(kind: string, key: string, dueAt: number, payload: unknown, onConflict: string): SqlStorageCursor<Record<string, SqlStorageValue>> {
    return this.sql.exec(
      `INSERT INTO timers (id, kind, key, due_at, payload) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, key) ${onConflict}`,
      crypto.randomUUID(),
      kind,
      key,
      dueAt,
      toJson(payload),
    );
  }

  /** Removes the timer. True when there was one. The alarm is left as is: firing early is harmless. */
  cancel(kind: string, key: string): boolean {
    this.known.delete(knownKey(kind, key));
    return this.sql.exec("DELETE FROM timers WHERE kind = ? AND key = ?", kind, key).rowsWritten > 0;
  }

  get(kind: string, key: string): Timer | null {
    const row = this.sql.exec<TimerRow>("SELECT * FROM timers WHERE kind = ? AND key = ?", kind, key).toArray()[0];
    return row ? toTimer(row) : null;
  }

  /** The earliest due time of all timers, or null when there is none. */
  next(): number | null {
    return this.sql.exec<{ due: number | null }>("SELECT MIN(due_at) AS due FROM timers").one().due;
  }

  /**
   * Runs the timers due at `now`, earliest first, one at a time, then re-arms the alarm at the
   * earliest remaining one. Never throws for a handler's failure.
   */
  async runDue(now: number, handlers: TimerHandlers, options: RunOptions = {}): Promise<{ ran: number; failed: number }> {
    const ids = this.sql
      .exec<{ id: string }>("SELECT id FROM timers WHERE due_at <= ? ORDER BY due_at LIMIT ?", now, options.limit ?? RUN_LIMIT)
      .toArray()
      .map((r) => r.id);
    let ran = 0;
    let failed = 0;
    this.running = true;
    try {
      for (const id of ids) {
        // Read again: an earlier handler may have cancelled or re-set this one.
        const row = this.sql.exec<TimerRow>("SELECT * FROM timers WHERE id = ? AND due_at <= ?", id, now).toArray()[0];
        if (!row) continue;
        ran++;
        if (!(await this.runOne(toTimer(row), handlers, options))) failed++;
      }
    } finally {
      this.running = false;
    }
    await this.rearm();
    return { ran, failed };
  }

  /** Moves the alarm earlier when a timer is due before it (or arms it when none is set). */
  arm(): Promise<void> {
    return this.onClock(async () => {
      const current = await this.clock.getAlarm();
      // Read after the await: sets made meanwhile count.
      const next = this.next();
      if (next !== null && (current === null || next < current)) await this.clock.setAlarm(next);
    });
  }

  /** Sets the alarm to the earliest timer, earlier or later than it was, or removes it. */
  rearm(): Promise<void> {
    return this.onClock(async () => {
      const next = this.next();
      if (next === null) await this.clock.deleteAlarm();
      else await this.clock.setAlarm(next);
    });
  }

  private onClock(step: () => Promise<void>): Promise<void> {
    const run = this.clockQueue.then(step);
    this.clockQueue = run.catch(() => undefined);
    return run;
  }

  private async runOne(timer: Timer, handlers: TimerHandlers, options: RunOptions): Promise<boolean> {
    const handler = Object.hasOwn(handlers, timer.kind) ? handlers[timer.kind] : undefined;
    try {
      if (!handler) throw new Error(`no handler for timer kind "${timer.kind}"`);
      await handler(timer);
      // Forgotten even when the handler set it again (the delete by id then leaves that row): the
      // next ensure asks SQLite.
      this.known.delete(knownKey(timer.kind, timer.key));
      this.sql.exec("DELETE FROM timers WHERE id = ?", timer.id);
      return true;
    } catch (error) {
      const attempts = timer.attempts + 1;
      const delay = backoff(attempts, { ...DEFAULT_RETRY, ...options.retry?.[timer.kind] });
      const message = error instanceof Error ? error.message : String(error);
      // By id: a timer set again while its handler ran keeps its new setting.
      this.sql.exec(
        "UPDATE timers SET attempts = ?, last_error = ?, due_at = ? WHERE id = ?",
        attempts,
        message.slice(0, 1000),
        Date.now() + delay,
        timer.id,
      );
      console.error(`timer ${timer.kind}${timer.key ? `/${timer.key}` : ""} failed (attempt ${attempts}); retrying in ${delay} ms`, error);
      return false;
    }
  }

  private armSoon() {
    if (this.running) return;
    this.arm().catch((error) => console.error("arming the alarm failed", error));
  }
}

function knownKey(kind: string, key: string): string {
  return `${kind}\u0000${key}`;
}

function toJson(payload: unknown): string | null {
  return payload === undefined ? null : JSON.stringify(payload);
}

function toTimer(row: TimerRow): Timer {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    dueAt: row.due_at,
    payload: row.payload === null ? null : JSON.parse(row.payload),
    attempts: row.attempts,
    lastError: row.last_error,
  };
}
