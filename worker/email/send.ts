/**
 * The one way to send an e-mail: `sendEmail(env, accountId, { to, subject, text, … })` validates
 * the parts (a 400 naming the field otherwise), fixes the Message-ID, and stores the e-mail in the
 * account's outbox before it returns. Delivery, retries and failure reporting are the outbox's
 * (durable-objects/outbox.ts). See CONTRIBUTING.md "E-mail".
 */
import * as z from "zod";
import type { Env } from "../env";
import { badRequest } from "../errors";
import { domainOf, emailAddress, messageId, oneLine } from "./address";
import type { OutboxEmail } from "../../durable-objects/outbox-store";
import { SafeHtml } from "./compose";
import { emailSettingsView } from "./settings";

/** What a feature sends. `html` must come from compose.ts `html`…`` (values escaped) or is made from `text`. */
export interface SendEmailInput {
  to: string;
  /** The recipient's display name (a customer's name). */
  toName?: string;
  subject: string;
  text: string;
  html?: SafeHtml;
  /** Where answers go (e.g. a plus-addressed thread address). */
  replyTo?: string;
  /** The Message-ID this answers, and the thread's ids, oldest first (`<id@domain>` each). */
  inReplyTo?: string;
  references?: string[];
  /** Your tag to find the row again (`offline-message:<id>`, `ticket:<id>`), ≤ 200 characters. */
  ref?: string;
}

/** The stored row's id and the Message-ID the e-mail carries (keep it to thread replies). */
export interface SentEmail {
  id: string;
  messageId: string;
}

/** The body of a message: large enough for a chat transcript, small enough for one SQLite row. */
export const MAX_EMAIL_TEXT = 200_000;

const Input = z.object({
  to: emailAddress,
  // A customer's name as they typed it: control characters (CR/LF) become spaces, like subjects.
  toName: z
    .string()
    .transform(oneLine)
    .pipe(z.string().max(200))
    .optional(),
  // Subjects often quote what a customer typed: line breaks become spaces instead of a refusal.
  subject: z
    .string()
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim())
    .pipe(z.string().min(1).max(250)),
  text: z.string().max(MAX_EMAIL_TEXT),
  replyTo: emailAddress.optional(),
  inReplyTo: messageId.optional(),
  references: z.array(messageId).max(50).optional(),
  ref: z.string().max(200).optional(),
});

/** The outbox of an account. */
export function outboxOf(env: Pick<Env, "OUTBOX">, accountId: string) {
  return env.OUTBOX.get(env.OUTBOX.idFromName(accountId));
}

/** Validates the input (a 400 naming the field) and makes the row: Message-ID fixed, html checked. */
async function prepare(env: Env, accountId: string, input: SendEmailInput): Promise<OutboxEmail> {
  const { html, ...rest } = input;
  const parsed = Input.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || undefined;
    throw badRequest(`${field ?? "e-mail"}: ${issue?.message ?? "invalid"}`, field);
  }
  if (html !== undefined && !(html instanceof SafeHtml)) throw badRequest("html must be built with compose.ts html``", "html");
  const body = parsed.data;
  const settings = await emailSettingsView(env.DB, accountId);
  // The id's right side only has to be ours and stable; the sender's domain when there is one.
  const domain = settings.fromAddress ? domainOf(settings.fromAddress) : "atendimento-online.invalid";
  return {
    to: { address: body.to, ...(body.toName ? { name: body.toName } : {}) },
    subject: body.subject,
    text: body.text,
    html: html?.value ?? null,
    replyTo: body.replyTo ?? null,
    inReplyTo: body.inReplyTo ?? null,
    references: body.references ?? [],
    messageId: `<${crypto.randomUUID()}@${domain}>`,
    ref: body.ref ?? null,
  };
}

/** Validates and stores the e-mail in the account's outbox; it is sent as soon as possible. */
export async function sendEmail(env: Env, accountId: string, input: SendEmailInput): Promise<SentEmail> {
  const entry = await outboxOf(env, accountId).enqueue(accountId, await prepare(env, accountId, input));
  return { id: entry.id, messageId: entry.messageId };
}

/**
 * Like {@link sendEmail}, but at most once per `windowMs` for one `ref` (a customer asking for
 * the same transcript again and again): `{ sent: false, retryAt }` and nothing stored when an
 * e-mail with this `ref` was queued within the window. Checked inside the outbox object, so
 * two racing requests queue one e-mail.
 */
export async function sendEmailUnlessRecent(
  env: Env,
  accountId: string,
  input: SendEmailInput & { ref: string },
  windowMs: number,
): Promise<({ sent: true } & SentEmail) | { sent: false; retryAt: number }> {
  const email = await prepare(env, accountId, input);
  const result = await outboxOf(env, accountId).enqueueUnlessRecent(accountId, { ...email, ref: input.ref }, windowMs);
  if (!result.ok) return { sent: false, retryAt: result.retryAt };
  return { sent: true, id: result.entry.id, messageId: result.entry.messageId };
}
