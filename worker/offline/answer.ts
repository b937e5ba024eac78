/**
 * An attendant answers an offline message by e-mail: the answer goes to the address the customer
 * gave, through the account's outbox, with a signed Reply-To that routes the customer's answer
 * back to this thread (thread-address.ts), and In-Reply-To/References chaining the thread's
 * earlier Message-IDs so mail clients show one conversation.
 */
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { auditEntry, type AuditActor } from "../audit";
import type { SessionAttendant } from "../auth/session";
import { database } from "../db/client";
import { offlineMessageEntries, offlineMessages } from "../db/schema";
import { oneLine } from "../email/address";
import { sendEmail } from "../email/send";
import { emailSettingsView } from "../email/settings";
import { threadReplyTo } from "../email/thread-address";
import type { Env } from "../env";
import { conflict } from "../errors";
import type { OfflineMessageDetail, OfflineThreadEntry } from "../views-offline";
import { toThreadEntry } from "./thread";

/** Longest answer: a full e-mail, well under the outbox's limit. */
export const MAX_OFFLINE_REPLY_LENGTH = 10_000;
/** References kept: the oldest id and the most recent ones (RFC 5322 3.6.4 lets a long chain be trimmed). */
const MAX_REFERENCES = 20;

/** "Re: " and the start of what the customer wrote, on one line. */
export function replySubject(message: string): string {
  const line = oneLine(message);
  return `Re: ${line.length > 80 ? `${line.slice(0, 79)}…` : line}`;
}

/** The thread's Message-IDs, oldest first, trimmed to the first and the latest ones. */
async function threadMessageIds(db: D1Database, accountId: string, offlineMessageId: string): Promise<string[]> {
  const rows = await database(db)
    .select({ id: offlineMessageEntries.emailMessageId })
    .from(offlineMessageEntries)
    .where(
      and(
        eq(offlineMessageEntries.accountId, accountId),
        eq(offlineMessageEntries.offlineMessageId, offlineMessageId),
        isNotNull(offlineMessageEntries.emailMessageId),
      ),
    )
    .orderBy(asc(offlineMessageEntries.createdAt), asc(offlineMessageEntries.id));
  const ids = rows.map((r) => r.id!);
  return ids.length <= MAX_REFERENCES ? ids : [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))];
}

export interface AnswerInput {
  who: Pick<SessionAttendant, "id" | "accountId" | "name">;
  actor: AuditActor;
  ip: string;
  message: OfflineMessageDetail;
  body: string;
}

/**
 * Queues the answer and records it. The e-mail is stored in the outbox first because its
 * Message-ID is fixed there and belongs on the entry; then the entry, the status change and the
 * audit entry go in one batch. Should that batch fail, the e-mail still leaves and stays visible
 * in the outbox under its `offline-message:<id>` ref; the opposite order could show an answer
 * that was never sent.
 */
export async function answerOfflineMessage(env: Env, input: AnswerInput): Promise<OfflineThreadEntry> {
  const { who, message } = input;
  if (message.status === "ticket") throw conflict("converted_to_ticket", "This message became a ticket (Chamado): answer it there");
  const settings = await emailSettingsView(env.DB, who.accountId);
  if (!settings.configured) {
    throw conflict("email_not_configured", "E-mail is not set up for this account: an administrator must configure the SMTP server (Configurações › E-mail) before answers can be sent");
  }
  const earlier = await threadMessageIds(env.DB, who.accountId, message.id);
  const sent = await sendEmail(env, who.accountId, {
    to: message.email,
    // The widget's form takes any text as a name; sendEmail refuses control characters in it.
    toName: oneLine(message.name),
    subject: replySubject(message.message),
    text: input.body,
    replyTo: await threadReplyTo(env, settings.fromAddress, { kind: "offline", id: message.id }),
    ...(earlier.length ? { inReplyTo: earlier.at(-1)!, references: earlier } : {}),
    ref: `offline-message:${message.id}`,
  });
  const now = Date.now();
  const row = {
    id: crypto.randomUUID(),
    accountId: who.accountId,
    offlineMessageId: message.id,
    authorType: "attendant" as const,
    authorId: who.id,
    authorName: who.name,
    body: input.body,
    emailMessageId: sent.messageId,
    outboxId: sent.id,
    createdAt: now,
  };
  const db = database(env.DB);
  await db.batch([
    db.insert(offlineMessageEntries).values(row),
    db
      .update(offlineMessages)
      .set({ status: "answered", answeredAt: sql`COALESCE(${offlineMessages.answeredAt}, ${now})` })
      .where(and(eq(offlineMessages.id, message.id), eq(offlineMessages.accountId, who.accountId), ne(offlineMessages.status, "ticket"))),
    auditEntry(db, {
      accountId: who.accountId,
      actor: input.actor,
      action: "offline_message.answered",
      target: { type: "offline_message", id: message.id },
      detail: { outboxId: sent.id },
      ip: input.ip,
      at: now,
    }),
  ]);
  return toThreadEntry(row, { state: "queued", error: null });
}
