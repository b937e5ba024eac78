/**
 * The durable outbox: one Durable Object per account (named by the account id) holding every
 * e-mail the account sends as a row of its SQLite (outbox-store.ts). `enqueue` stores the row
 * and arms the alarm before it answers, so an e-mail is never lost once the action that sent it
 * has answered; the alarm sends the due rows one by one (worker/email/deliver.ts), retries
 * with backoff, and fails a row after its last try. `resend` queues a failed row again. Sent
 * rows are deleted after 30 days (outbox-store.ts SENT_KEPT_MS), at the next alarm.
 *
 * One row is never sent twice by this object: a try starts by claiming the row under a lease,
 * and only that lease may record the outcome. What no SMTP client can rule out is the server
 * taking a message and the connection dying before its "250" reaches us; that try is repeated
 * with the same Message-ID, which mail clients use to show one message.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../worker/env";
import { deliver } from "../worker/email/deliver";
import type { OutboxEntryView, OutboxStatus } from "../worker/views-email";
import { MAX_ATTEMPTS, OUTBOX_MIGRATIONS, OutboxStore, type OutboxEmail } from "./outbox-store";
import { migrate } from "./room-schema";

/** Rows sent by one alarm run; the alarm fires again at once for the rest. */
const BATCH = 10;

export class Outbox extends DurableObject<Env> {
  private readonly store: OutboxStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new OutboxStore(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => {
      migrate(ctx.storage, OUTBOX_MIGRATIONS);
    });
  }

  /** Stores the e-mail (queued, due now) and arms the alarm; answers its row. */
  async enqueue(accountId: string, email: OutboxEmail): Promise<OutboxEntryView> {
    this.rememberAccount(accountId);
    const entry = this.store.insert(email, Date.now());
    await this.arm();
    return entry;
  }

  /**
   * Like `enqueue`, unless an e-mail with the same `ref` was queued less than `windowMs` ago:
   * then nothing is stored and the answer says when the next one may be. The check and the
   * insert run without an await between them, so two racing calls store one row.
   */
  async enqueueUnlessRecent(
    accountId: string,
    email: OutboxEmail & { ref: string },
    windowMs: number,
  ): Promise<{ ok: true; entry: OutboxEntryView } | { ok: false; retryAt: number }> {
    const now = Date.now();
    const last = this.store.lastQueuedAt(email.ref);
    if (last !== null && last > now - windowMs) return { ok: false, retryAt: last + windowMs };
    return { ok: true, entry: await this.enqueue(accountId, email) };
  }

  /** A page of rows, newest first, optionally of one status. */
  list(status: OutboxStatus | undefined, page: number, limit: number): { emails: OutboxEntryView[]; hasMore: boolean } {
    const rows = this.store.list(status, (page - 1) * limit, limit + 1);
    return { emails: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  get(id: string): OutboxEntryView | null {
    return this.store.get(id);
  }

  /** Queues a failed row again with a fresh count of tries. */
  async resend(id: string): Promise<{ ok: true; email: OutboxEntryView } | { ok: false; reason: "not_found" | "not_failed" }> {
    const result = this.store.resend(id, Date.now());
    if (result !== "ok") return { ok: false, reason: result };
    await this.arm();
    return { ok: true, email: this.store.get(id)! };
  }

  /** Sends what is due, then sleeps until the next row is due. Old sent rows go on the way. */
  override async alarm(): Promise<void> {
    this.store.pruneSent(Date.now());
    const accountId = this.store.meta("accountId");
    if (accountId) {
      for (const id of this.store.dueIds(Date.now(), BATCH)) await this.sendOne(accountId, id);
    }
    await this.rearm();
  }

  private async sendOne(accountId: string, id: string): Promise<void> {
    const claimed = this.store.claim(id, Date.now());
    if (!claimed) return;
    // A row claimed again after expired leases only (evictions mid-send) still ends.
    if (claimed.attempts > MAX_ATTEMPTS) {
      this.store.markFailed(id, claimed.lease, "Interrupted on every try", false, Date.now());
      return;
    }
    try {
      const outcome = await deliver(this.env, accountId, claimed);
      if (outcome.ok) this.store.markSent(id, claimed.lease, Date.now());
      else this.store.markFailed(id, claimed.lease, outcome.error, outcome.retry, Date.now());
    } catch (error) {
      console.error("outbox: delivery threw", id, error);
      this.store.markFailed(id, claimed.lease, `Unexpected failure: ${String(error)}`, true, Date.now());
    }
  }

  /** Brings the alarm forward when a row is due before it. */
  private async arm(): Promise<void> {
    const next = this.store.nextWake();
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || next < current) await this.ctx.storage.setAlarm(next);
  }

  /** Sets the alarm to the next due row, or removes it. */
  private async rearm(): Promise<void> {
    const next = this.store.nextWake();
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  private rememberAccount(accountId: string): void {
    const known = this.store.meta("accountId");
    if (known === null) this.store.setMeta("accountId", accountId);
    else if (known !== accountId) throw new Error("This outbox belongs to another account");
  }
}
