/**
 * The WebSocket protocol between the department Durable Object and its clients (the widget
 * and the console). One module, imported by all three: the DO validates with the zod schemas;
 * the widget and the console import only the types (`import type`) so that zod never ships to
 * a customer's page.
 *
 * Versioning: the client names the version in the socket URL (`?v=1`); the server answers with
 * `session.ready` carrying the version it speaks. The protocol only grows by adding frame types
 * and optional fields, and both sides ignore frame types they do not know.
 */
import * as z from "zod";

export const PROTOCOL_VERSION = 1;
/** Longest message body a person may send. */
export const MAX_MESSAGE_LENGTH = 5000;
/** Largest frame the server reads; a body of 5,000 four-byte characters fits with room. */
export const MAX_FRAME_BYTES = 32 * 1024;

/** Close codes with a meaning for the client. */
export const CloseCode = {
  normal: 1000,
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
} as const;

const id = z.string().min(1).max(64);
const seq = z.number().int().min(0);

// ---------------------------------------------------------------- client → server

export const ClientFrame = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message.send"),
    chatId: id,
    /** Client-generated id: a resend after a lost ack is recognised and not stored twice. */
    clientId: z.string().min(1).max(64),
    body: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH),
  }),
  z.object({ type: z.literal("typing.set"), chatId: id, typing: z.boolean() }),
  /** The sender has read everything up to `seq` in the chat. */
  z.object({ type: z.literal("message.read"), chatId: id, seq }),
  /** Send every message after `afterSeq` (reconnect / resume). */
  z.object({ type: z.literal("chat.sync"), chatId: id, afterSeq: seq }),
  /** Attendants only: take a waiting chat. */
  z.object({ type: z.literal("chat.accept"), chatId: id }),
  z.object({ type: z.literal("chat.close"), chatId: id }),
  z.object({ type: z.literal("ping") }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

// ---------------------------------------------------------------- server → client

export type AuthorType = "customer" | "attendant" | "system";
export type ChatStatus = "waiting" | "active" | "closed";
export type ClosedBy = "customer" | "attendant" | "system";

/** A message on the wire: one serializer (`toWireMessage` in the DO) produces it. */
export interface WireMessage {
  id: string;
  chatId: string;
  seq: number;
  author: { type: AuthorType; id: string | null; name: string };
  body: string;
  createdAt: number;
  /** Echoed to every socket so that the sender can match its pending message. */
  clientId: string | null;
}

export interface WireCustomer {
  id: string;
  name: string;
  email: string;
}

/** A chat on the wire (queue entries, assignments, the customer's own chat). */
export interface WireChat {
  id: string;
  number: number;
  departmentId: string;
  status: ChatStatus;
  customer: WireCustomer;
  attendant: { id: string; name: string } | null;
  origin: string;
  pageUrl: string | null;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  closedBy: ClosedBy | null;
  lastSeq: number;
  /** Highest seq the customer / the attendant side has received and read. */
  customerReadSeq: number;
  attendantReadSeq: number;
  customerDeliveredSeq: number;
  attendantDeliveredSeq: number;
}

export interface WireAttendant {
  id: string;
  name: string;
  status: "online" | "offline";
}

export type ErrorCode =
  | "bad_frame"
  | "unsupported_version"
  | "frame_too_big"
  | "not_found"
  | "forbidden"
  | "chat_taken"
  | "chat_closed"
  | "rate_limited"
  | "internal";

export type ServerFrame =
  | {
      type: "session.ready";
      v: number;
      role: "customer" | "attendant";
      departmentId: string;
      /** For attendants: the queue and every open chat they may see; for customers: their chat. */
      chats: WireChat[];
      attendants: WireAttendant[];
      online: boolean;
    }
  | { type: "error"; code: ErrorCode; message: string; chatId?: string; clientId?: string }
  | { type: "message.created"; message: WireMessage }
  | { type: "chat.history"; chatId: string; messages: WireMessage[]; hasMore: boolean }
  | { type: "chat.queued"; chat: WireChat }
  | { type: "chat.accepted"; chat: WireChat }
  | { type: "chat.closed"; chat: WireChat }
  | { type: "chat.updated"; chat: WireChat }
  | { type: "typing.changed"; chatId: string; typing: boolean; by: "customer" | "attendant"; name: string }
  | {
      type: "message.status";
      chatId: string;
      /** Whose messages this is about: "customer" means the customer's messages were delivered/read by the attendant side. */
      side: "customer" | "attendant";
      deliveredSeq: number;
      readSeq: number;
    }
  | { type: "presence.changed"; attendants: WireAttendant[]; online: boolean }
  | { type: "pong"; at: number };

export type ServerFrameType = ServerFrame["type"];
