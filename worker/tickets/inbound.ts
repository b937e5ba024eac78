/**
 * Replaced by the tickets branch (t2), which stores a customer's e-mailed reply in its ticket.
 * Until that merge no ticket exists, so every ticket address names an unknown thread and the
 * inbound handler rejects the e-mail.
 */
import type { ThreadReplyHandler } from "../email/inbound-reply";

/** Stores a reply in a ticket's thread (see worker/email/inbound-reply.ts). */
export const appendTicketReply: ThreadReplyHandler = async () => "unknown_thread";
