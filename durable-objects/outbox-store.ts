/**
 * The outbox's SQLite rows (one Outbox object per account, outbox.ts). Each row is one e-mail
 * and a small state machine:
 *
 *   queued --claim--> sending --sent--> sent
 *     ^                  |  \--last try or refused--> failed --resend--> queued
 *     '----retry---------'
 *
 * `claim` moves one due row to `sending` with a lease in a single UPDATE, so two runs never send
 * the same row; a row whose lease expired (the object was evicted mid-send) is claimed again.
 * Only a row in `sending` under the caller's lease can become `sent`, `queued` or `failed`.
 */
import type { OutboxEntryView, OutboxStatus } from "../worker/views-email";
import type { Migration } from "./room-schema";

/** What a caller hands to the outbox: everything needed to compose the message at send time. */
export interface OutboxEmail {
  to: { address: string; name?: string };
  subject: string;
  text: string;
  /** Already-safe HTML (compose.ts `html`/`textToHtml`), or null for the text, escaped. */
  html: string | null;
  replyTo: string | null;
  inReplyTo: string | null;
  references: string[];
  messageId: string;
  ref: string | null;
}

/** A row ready to send. */
export interface ClaimedEmail extends OutboxEmail {
  id: string;
  attempts: number;
  lease: string;
}

export const OUTBOX_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE outbox (
  id TEXT PRIMARY KEY, status TEXT NOT NULL, to_address TEXT NOT NULL, subject TEXT NOT NULL,
  message_id TEXT NOT NULL, ref TEXT, payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, lease TEXT, lease_until INTEGER,
  last_error TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at);
CREATE TABLE outbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
];

/** Tries before a row is failed. */
export const MAX_ATTEMPTS = 6;
/** Waits after the 1st, 2nd, … failed try: about 5 h 20 min from the first try to the last. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000] as const;
/** Longer than any send can take (every SMTP step has a deadline; smtp.ts). */
export const LEASE_MS = 15 * 60_000;
/** Sent e-mails (bodies with what customers wrote) are kept this long for the console, then deleted. */
export const SENT_KEPT_MS = 30 * 24 * 60 * 60_000;

type Row = {
  id: string;
  status: OutboxStatus;
  to_address: string;
  subject: string;
  message_id: string;
  ref: string | null;
  payload: string;
  attempts: number;
  next_attempt_at: number | null;
  lease: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
};

const VIEW_COLUMNS = "id, status, to_address, subject, message_id, ref, attempts, next_attempt_at, last_error, created_at, updated_at, sent_at";

export class OutboxStore {
  constructor(private readonly sql: SqlStorage) {}

  /** Stores a new queued row, due now. */
  insert(email: OutboxEmail, now: number): OutboxEntryView {
    const id = crypto.randomUUID();
    this.sql.exec(
      `INSERT INTO outbox (id, status, to_address, subject, message_id, ref, payload, next_attempt_at, created_at, updated_at)
       VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      email.to.address,
      email.subject,
      email.messageId,
      email.ref,
      JSON.stringify(email),
      now,
      now,
      now,
    );
    return this.get(id)!;
  }

  /** When the newest row tagged `ref` was queued, or null when there is none. */
  lastQueuedAt(ref: string): number | null {
    const row = this.sql.exec<{ at: number | null }>("SELECT MAX(created_at) AS at FROM outbox WHERE ref = ?", ref).toArray()[0];
    return row?.at ?? null;
  }

  get(id: string): OutboxEntryView | null {
    const row = this.sql.exec<Row>(`SELECT ${VIEW_COLUMNS} FROM outbox WHERE id = ?`, id).toArray()[0];
    return row ? view(row) : null;
  }

  /** Newest first; `limit + 1` rows are read so the caller knows whether there is more. */
  list(status: OutboxStatus | undefined, offset: number, limit: number): OutboxEntryView[] {
    const rows = status
      ? this.sql.exec<Row>(`SELECT ${VIEW_COLUMNS} FROM outbox WHERE status = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?`, status, limit, offset)
      : this.sql.exec<Row>(`SELECT ${VIEW_COLUMNS} FROM outbox ORDER BY created_at DESC, id LIMIT ? OFFSET ?`, limit, offset);
    return rows.toArray().map(view);
  }

  /** Ids of rows due at `now`: queued and due, or sending with an expired lease. */
  dueIds(now: number, limit: number): string[] {
    return this.sql
      .exec<{ id: string }>(
        `SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?)
         ORDER BY created_at LIMIT ?`,
        now,
        now,
        limit,
      )
      .toArray()
      .map((r) => r.id);
  }

  /** Takes the row for one try, if it is still due; null when another run has it or it is done. */
  claim(id: string, now: number): ClaimedEmail | null {
    const lease = crypto.randomUUID();
    const claimed = this.sql.exec(
      `UPDATE outbox SET status = 'sending', lease = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE id = ? AND ((status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?))`,
      lease,
      now + LEASE_MS,
      now,
      id,
      now,
      now,
    );
    if (claimed.rowsWritten === 0) return null;
    const row = this.sql.exec<Row>("SELECT id, payload, attempts FROM outbox WHERE id = ?", id).one();
    return { ...(JSON.parse(row.payload) as OutboxEmail), id, attempts: row.attempts, lease };
  }

  /** The try under `lease` succeeded. */
  markSent(id: string, lease: string, now: number): void {
    this.sql.exec(
      `UPDATE outbox SET status = 'sent', sent_at = ?, updated_at = ?, lease = NULL, lease_until = NULL, next_attempt_at = NULL, last_error = NULL
       WHERE id = ? AND status = 'sending' AND lease = ?`,
      now,
      now,
      id,
      lease,
    );
  }

  /** The try under `lease` failed: queued again after a backoff, or failed for good. */
  markFailed(id: string, lease: string, error: string, retry: boolean, now: number): void {
    const row = this.sql.exec<{ attempts: number }>("SELECT attempts FROM outbox WHERE id = ? AND status = 'sending' AND lease = ?", id, lease).toArray()[0];
    if (!row) return;
    const again = retry && row.attempts < MAX_ATTEMPTS;
    const delay = RETRY_DELAYS_MS[Math.min(row.attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0];
    this.sql.exec(
      `UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, updated_at = ?, lease = NULL, lease_until = NULL WHERE id = ?`,
      again ? "queued" : "failed",
      again ? now + delay : null,
      error.slice(0, 1000),
      now,
      id,
    );
  }

  /** A failed row goes back to the queue with a fresh count of tries. */
  resend(id: string, now: number): "ok" | "not_found" | "not_failed" {
    const done = this.sql.exec(
      "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'failed'",
      now,
      now,
      id,
    );
    if (done.rowsWritten > 0) return "ok";
    return this.sql.exec("SELECT 1 FROM outbox WHERE id = ?", id).toArray().length ? "not_failed" : "not_found";
  }

  /** Deletes the sent rows older than SENT_KEPT_MS. */
  pruneSent(now: number): number {
    return this.sql.exec("DELETE FROM outbox WHERE status = 'sent' AND sent_at < ?", now - SENT_KEPT_MS).rowsWritten;
  }

  /** When the alarm should next fire, or null when nothing waits. */
  nextWake(): number | null {
    return this.sql
      .exec<{ at: number | null }>(
        "SELECT MIN(CASE WHEN status = 'queued' THEN next_attempt_at ELSE lease_until END) AS at FROM outbox WHERE status IN ('queued', 'sending')",
      )
      .one().at;
  }

  meta(key: string): string | null {
    return this.sql.exec<{ value: string }>("SELECT value FROM outbox_meta WHERE key = ?", key).toArray()[0]?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec("INSERT INTO outbox_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
  }
}

function view(row: Row): OutboxEntryView {
  return {
    id: row.id,
    status: row.status,
    to: row.to_address,
    subject: row.subject,
    messageId: row.message_id,
    ref: row.ref,
    attempts: row.attempts,
    maxAttempts: MAX_ATTEMPTS,
    lastError: row.last_error,
    nextAttemptAt: row.status === "queued" ? row.next_attempt_at : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}
