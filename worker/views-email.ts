/**
 * Answer types of the e-mail foundation (settings, test e-mail, outbox; docs/API.md "E-mail").
 * Zod-free: the console imports them with `import type`.
 */
/** GET /api/settings/email (and the PUT's answer; worker/email/settings.ts). */
export interface EmailSettingsView {
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  username: string;
  fromName: string;
  fromAddress: string;
  passwordSet: boolean;
  /** Host and sender are set: e-mail can be sent. */
  configured: boolean;
}

/** Where an outbox row is: queued → sending → sent, or failed after the last try (resendable). */
export type OutboxStatus = "queued" | "sending" | "sent" | "failed";

/** One outbox row as the console sees it (no bodies). */
export interface OutboxEntryView {
  id: string;
  status: OutboxStatus;
  to: string;
  subject: string;
  messageId: string;
  /** The caller's tag (e.g. `offline-message:<id>`), or null. */
  ref: string | null;
  /** Tries so far (a resend starts again at 0). */
  attempts: number;
  maxAttempts: number;
  /** The last failure, as the SMTP server or the connection gave it. */
  lastError: string | null;
  /** When the next try is due (queued rows), else null. */
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

/** GET /api/outbox */
export interface OutboxListResponse {
  emails: OutboxEntryView[];
  page: number;
  hasMore: boolean;
}

/** POST /api/outbox/:id/resend */
export interface OutboxEntryResponse {
  email: OutboxEntryView;
}

/** POST /api/settings/email/test: the outcome of one direct SMTP attempt. */
export type EmailTestResponse =
  | { sent: true; to: string; messageId: string; response: string }
  | { sent: false; to: string; error: { kind: "transient" | "permanent"; stage: string; message: string; code: number | null } };
