/**
 * The seam between the inbound e-mail handler (worker/email/inbound.ts) and the threads it feeds:
 * the handler parses, strips quoted history, verifies the signed reply address and dedupes
 * nothing itself; each kind of thread stores the reply with a handler of this shape.
 */
import type { Env } from "../env";

/** A customer's e-mail answer, parsed and stripped, for the thread its address named. */
export interface InboundReply {
  /** The offline message's or ticket's id, from the verified reply address. */
  threadId: string;
  /** The sender's address and display name as the message says. */
  from: string;
  fromName: string;
  /** The new text only (quoted history and signature removed). */
  text: string;
  /** The e-mail's Message-ID (`<…>`), when it has one: the thread stores each one once. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  receivedAt: number;
}

/** "unknown_thread": no such thread (deleted, or not this deployment's); the handler rejects the e-mail. */
export type ThreadReplyOutcome = "stored" | "duplicate" | "unknown_thread";

/** Stores a reply in one kind of thread. */
export type ThreadReplyHandler = (env: Env, reply: InboundReply) => Promise<ThreadReplyOutcome>;
