/**
 * One try at one e-mail: the account's settings, the composed message, one SMTP dialogue. Used
 * by the outbox for every row and by the settings' test e-mail. Never throws: the outcome says
 * whether another try could succeed.
 *
 * Retry policy: a refusal of the *message* (5xx to RCPT or DATA, an address that cannot be
 * composed) fails it at once; everything else is retried: the server being down, slow or
 * answering 4xx, and also problems of the account's *settings* (not configured, credentials
 * refused, no STARTTLS, the sender refused at MAIL FROM), which an administrator may fix before
 * the last try.
 */
import { ComposeError, composeMessage, SafeHtml } from "./compose";
import { sendingSettings } from "./settings";
import { sendSmtp, SmtpError, type SmtpTimeouts } from "./smtp";
import type { OutboxEmail } from "../../durable-objects/outbox-store";

export type DeliveryOutcome =
  | { ok: true; response: string }
  | { ok: false; retry: boolean; error: string; smtp?: SmtpError };

interface DeliveryEnv {
  DB: D1Database;
  EMAIL_SECRET?: string;
}

/** Sends `email` for `accountId` once. */
export async function deliver(env: DeliveryEnv, accountId: string, email: OutboxEmail, timeouts?: Partial<SmtpTimeouts>): Promise<DeliveryOutcome> {
  const secret = env.EMAIL_SECRET ?? "";
  const found = await sendingSettings(env.DB, secret, accountId);
  if (!found.ok) {
    const error =
      found.reason === "not_configured"
        ? "E-mail is not configured (Configurações: E-mail)"
        : "The SMTP password cannot be decrypted (EMAIL_SECRET changed?): save it again";
    return { ok: false, retry: true, error };
  }
  const { server, from } = found.settings;
  let data: string;
  try {
    data = composeMessage({
      from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      ...(email.html !== null ? { html: SafeHtml.trust(email.html) } : {}),
      messageId: email.messageId,
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      references: email.references,
    });
  } catch (error) {
    // The same parts would fail the same way on every try.
    return { ok: false, retry: false, error: error instanceof ComposeError ? error.message : `Cannot compose the message: ${String(error)}` };
  }
  try {
    const sent = await sendSmtp(server, { from: from.address, to: [email.to.address], data }, timeouts);
    return { ok: true, response: sent.response };
  } catch (error) {
    if (!(error instanceof SmtpError)) return { ok: false, retry: true, error: `Unexpected failure: ${String(error)}` };
    const messageRefused = error.kind === "permanent" && (error.stage === "rcpt" || error.stage === "data");
    return { ok: false, retry: !messageRefused, error: error.message, smtp: error };
  }
}
