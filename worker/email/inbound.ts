/**
 * The Worker's `email()` handler: a customer's answer to an e-mail we sent comes back here
 * (Cloudflare Email Routing sends the sender address and its plus tags to the Worker; README).
 *
 * 1. Bounces and auto-replies are dropped, logged, and change nothing (auto-reply.ts).
 * 2. The thread is read from the signed recipient address (thread-address.ts): the envelope
 *    recipient, or when it has no tag, the one thread address among the To/Cc headers. Unknown,
 *    malformed, forged, expired or ambiguous addresses are rejected and logged.
 * 3. The MIME is parsed with postal-mime and the quoted history is cut (reply-text.ts).
 * 4. The thread's kind stores it (offline message or ticket, each a `ThreadReplyHandler`), once
 *    per Message-ID; a thread that does not exist (or whose customer did not send it) is rejected.
 */
import PostalMime, { type Email } from "postal-mime";
import type { Env } from "../env";
import { appendOfflineReply } from "../offline/inbound";
import { appendTicketReply } from "../tickets/inbound";
import { isMessageId } from "./address";
import { automaticReason } from "./auto-reply";
import type { InboundReply, ThreadReplyHandler } from "./inbound-reply";
import { replyText } from "./reply-text";
import { readThreadAddress, type ThreadKind, type ThreadRef } from "./thread-address";

/** Larger e-mails are refused: a reply is text, and parsing costs CPU time per byte. */
export const MAX_INBOUND_BYTES = 5 * 1024 * 1024;

const HANDLERS: Record<ThreadKind, ThreadReplyHandler> = { offline: appendOfflineReply, ticket: appendTicketReply };

/** What became of one inbound e-mail (logged; tests read it). */
export type InboundOutcome = "stored" | "duplicate" | `dropped:${string}` | `rejected:${string}`;

/** The thread the e-mail is for, or why none (see step 2 of the module comment). */
async function threadOf(env: Env, envelopeTo: string, parsed: Pick<Email, "to" | "cc">): Promise<{ ok: true; thread: ThreadRef } | { ok: false; error: string }> {
  const envelope = await readThreadAddress(env, envelopeTo);
  if (envelope.ok || envelope.error !== "no_tag") return envelope;
  const listed = [...(parsed.to ?? []), ...(parsed.cc ?? [])].flatMap((a) => (a.group ? a.group : [a])).map((m) => m.address);
  const found = new Map<string, ThreadRef>();
  let error = "no_tag";
  for (const address of listed) {
    const read = await readThreadAddress(env, address);
    if (read.ok) found.set(`${read.thread.kind}:${read.thread.id}`, read.thread);
    else if (read.error !== "no_tag") error = read.error;
  }
  if (found.size > 1) return { ok: false, error: "ambiguous" };
  const [only] = found.values();
  return only ? { ok: true, thread: only } : { ok: false, error };
}

function messageIdOf(value: string | undefined): string | null {
  const id = value?.trim();
  return id && isMessageId(id) ? id : null;
}

function referencesOf(value: string | undefined): string[] {
  return (value ?? "").split(/\s+/).filter(isMessageId).slice(-50);
}

async function reject(message: ForwardableEmailMessage, reason: string, text: string): Promise<InboundOutcome> {
  console.warn("inbound e-mail rejected", reason, message.headers.get("message-id"));
  await message.setReject(text);
  return `rejected:${reason}`;
}

/** Handles one inbound e-mail (see the module comment). */
export async function receiveEmail(message: ForwardableEmailMessage, env: Env): Promise<InboundOutcome> {
  const automatic = automaticReason(message.from, message.headers);
  if (automatic) {
    console.info("inbound e-mail dropped", automatic, message.headers.get("message-id"));
    return `dropped:${automatic}`;
  }
  if (message.rawSize > MAX_INBOUND_BYTES) return reject(message, "too_large", "This message is too large; please answer with text only");
  let parsed: Email;
  try {
    parsed = await PostalMime.parse(message.raw);
  } catch (error) {
    console.warn("inbound e-mail unreadable", error);
    return reject(message, "unreadable", "This message could not be read");
  }
  const thread = await threadOf(env, message.to, parsed);
  if (!thread.ok) return reject(message, thread.error, "This address does not take replies to a conversation it does not know (it may have expired)");
  const text = replyText(parsed.text ?? "");
  if (text === "") return reject(message, "empty", "Your message had no text; please write your answer in the body of the e-mail");
  const from = parsed.from && !parsed.from.group ? parsed.from : null;
  const reply: InboundReply = {
    threadId: thread.thread.id,
    from: (from?.address || message.from).toLowerCase(),
    fromName: from?.name ?? "",
    text,
    messageId: messageIdOf(parsed.messageId),
    inReplyTo: messageIdOf(parsed.inReplyTo),
    references: referencesOf(parsed.references),
    receivedAt: Date.now(),
  };
  const outcome = await HANDLERS[thread.thread.kind](env, reply);
  if (outcome === "unknown_thread") return reject(message, "unknown_thread", "This address does not take replies to a conversation it does not know");
  console.info("inbound e-mail", outcome, thread.thread.kind, thread.thread.id);
  return outcome;
}
