/**
 * The WebSocket protocol between the department Durable Object and its clients (the widget
 * and the console): types and constants only, no zod, so the widget and the console import
 * values from here (`PROTOCOL_VERSION`, `MAX_MESSAGE_LENGTH`) without shipping a validator to
 * a customer's page. The room validates incoming frames with the zod schemas of
 * `frame-schemas.ts`, which are checked at compile time against the types below.
 *
 * Versioning: the client names the version in the socket URL (`?v=1`); the server answers with
 * `session.ready` carrying the version it speaks. The protocol only grows by adding frame types
 * and optional fields. Clients ignore server frame types they do not know. The server answers a
 * client frame type it does not know with an `unknown_frame` error frame and changes nothing
 * (so a newer client learns the server is older), a binary frame with `binary_frame` (the
 * protocol is text), and closes a socket that asks for another version at once: an
 * `unsupported_version` error frame, then close code 1008 (policy).
 */

export const PROTOCOL_VERSION = 1;
/** Longest message body a person may send. */
export const MAX_MESSAGE_LENGTH = 5000;
/** Largest frame the server reads; a body of 5,000 four-byte characters fits with room. */
export const MAX_FRAME_BYTES = 32 * 1024;
/** Longest id a frame may carry (chat ids, client ids). */
export const MAX_ID_LENGTH = 64;

/**
 * How long a closed chat stays in its room after it closed: a customer who reloads in that
 * time still sees it (with its survey), and the API still reads it from the room.
 */
export const CLOSED_CHAT_KEPT_MS = 60 * 60_000;

/** Close codes with a meaning for the client. */
export const CloseCode = {
  normal: 1000,
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
  /**
   * The attendant's rights changed (role, departments, deactivation): the console fetches
   * `/api/me` again and reconnects with what it may now open.
   */
  rightsChanged: 4001,
} as const;

// ---------------------------------------------------------------- client → server

export type ClientFrame =
  | {
      type: "message.send";
      chatId: string;
      /** Client-generated id: a resend after a lost ack is recognised and not stored twice. */
      clientId: string;
      body: string;
    }
  | { type: "typing.set"; chatId: string; typing: boolean }
  /** The sender has read everything up to `seq` in the chat. */
  | { type: "message.read"; chatId: string; seq: number }
  /** Send every message after `afterSeq` (reconnect / resume). */
  | { type: "chat.sync"; chatId: string; afterSeq: number }
  /** Attendants only: take a waiting chat. */
  | { type: "chat.accept"; chatId: string }
  | { type: "chat.close"; chatId: string }
  | { type: "ping" };

export type ClientFrameType = ClientFrame["type"];

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
  /** An attendants-only note (e.g. a transfer's note): only attendant sockets ever receive it. */
  internal?: true;
  /** The file this message carries (`body` is then its name); fetch a URL for it from the API. */
  attachment?: WireAttachment;
}

/** A file sent in a chat (an image or a PDF), as both sides show it. */
export interface WireAttachment {
  id: string;
  name: string;
  contentType: "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "application/pdf";
  size: number;
  /** Pixels, for an image whose header says them (the thumbnail's box is reserved with them). */
  width: number | null;
  height: number | null;
}

/** Largest file a chat accepts (both sides). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface WireCustomer {
  id: string;
  name: string;
  email: string;
}

/** Who closed a chat: the customer, an attendant (the chat's own, a manager or an administrator) or the system. */
export interface ChatCloser {
  type: ClosedBy;
  id: string | null;
  /** Empty when the room no longer knows it (e.g. an attendant removed from the department since). */
  name: string;
  /** An attendant closer's role, when the room knows it (their socket was open here at the close). */
  role?: CloserRole;
}

/** The roles a closer is named with ("Encerrado por Ana (gerente)"). */
export type CloserRole = "administrator" | "department_manager" | "attendant";

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
  /**
   * Who closed it, with their name (closer.ts): on `chat.closed` and wherever the room serves a
   * closed chat it holds. Absent while the chat is open.
   */
  closer?: ChatCloser;
  lastSeq: number;
  /** Highest seq the customer / the attendant side has received and read. */
  customerReadSeq: number;
  attendantReadSeq: number;
  customerDeliveredSeq: number;
  attendantDeliveredSeq: number;
  /**
   * Rótulos: the chat's labels. Only in frames to attendant sockets (session.ready, chat.queued);
   * a customer never receives them. Absent means "not told here", not "none": keep what you had.
   */
  labels?: WireLabel[];
  /**
   * The customer's presence, in frames to attendant sockets only: when their last socket of the
   * chat closed (null: on the page). Absent: not told here.
   */
  customerLeftAt?: number | null;
  /**
   * The start of the customer's first message, on one line (chat-preview.ts): only to attendant
   * sockets, for a waiting chat's queue row. Absent means "not told here".
   */
  preview?: string;
}

/** A label on a chat (Rótulos), as consoles show it. */
export interface WireLabel {
  id: string;
  name: string;
  /** "#rrggbb". */
  color: string;
}

export interface WireAttendant {
  id: string;
  name: string;
  status: "online" | "offline";
}

export type ErrorCode =
  | "bad_frame"
  /** A client frame whose `type` the server does not know; nothing was done. */
  | "unknown_frame"
  /** A binary frame: the protocol is text; nothing was done. */
  | "binary_frame"
  | "unsupported_version"
  | "frame_too_big"
  | "not_found"
  | "forbidden"
  | "chat_taken"
  | "chat_closed"
  | "rate_limited"
  /** The attendant already holds as many chats as their limit allows (policies.maxChatsPerAttendant). */
  | "capacity_full"
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
      /** Only while the department is closed by its hours: when it opens (epoch ms; null: not within a year). */
      opensAt?: number | null;
      /** Only while offline because every online attendant is at their limit of chats. */
      busy?: true;
    }
  | { type: "error"; code: ErrorCode; message: string; chatId?: string; clientId?: string }
  | { type: "message.created"; message: WireMessage }
  /**
   * The answer to `chat.sync`: messages after `afterSeq`, never one this socket already received
   * live as `message.created` (clients keep those); `hasMore` false once the page reaches them.
   */
  | { type: "chat.history"; chatId: string; messages: WireMessage[]; hasMore: boolean }
  | { type: "chat.queued"; chat: WireChat }
  | { type: "chat.accepted"; chat: WireChat }
  | { type: "chat.closed"; chat: WireChat }
  /**
   * The chat moved to another department's room (`chat.departmentId` is the new one), with its
   * messages and sequence numbers. Sent by the room it left, to everyone who followed it there;
   * the customer's client then asks the API for a socket to the new room (`GET /api/widget/me`).
   */
  | { type: "chat.transferred"; chat: WireChat; fromDepartmentId: string }
  | { type: "typing.changed"; chatId: string; typing: boolean; by: "customer" | "attendant"; name: string }
  | {
      type: "message.status";
      chatId: string;
      /** Whose messages this is about: "customer" means the customer's messages were delivered/read by the attendant side. */
      side: "customer" | "attendant";
      deliveredSeq: number;
      readSeq: number;
    }
  /**
   * `opensAt`: when the department is offline because of its hours, when it opens (epoch ms);
   * `busy`: offline because every online attendant is at their limit of chats.
   */
  | { type: "presence.changed"; attendants: WireAttendant[]; online: boolean; opensAt?: number | null; busy?: true }
  | { type: "pong"; at: number }
  /**
   * To a waiting chat's customer sockets, on connect and whenever the queue changes: its place in
   * the department's queue (1 = next) and how many chats wait in all.
   */
  | { type: "queue.position"; chatId: string; position: number; waiting: number }
  /**
   * To a waiting chat's customer sockets when the department closes by its hours (and on
   * connect while it is closed): the chat stays in the queue for the next opening; the widget
   * offers the offline form. `opensAt`: the next opening (epoch ms; null: not within a year).
   */
  | { type: "queue.closed"; chatId: string; opensAt: number | null }
  /**
   * To every attendant socket of the room: the status of an attendant with no socket in it
   * changed (`presence.changed` lists connected attendants only), e.g. the server set them
   * offline when their grace period or shift ended.
   */
  | { type: "attendant.changed"; attendantId: string; status: WireAttendant["status"] }
  /** To an attendant's consoles: the server set them offline (their shift ended, or their sockets were gone too long). */
  | { type: "attendant.status"; status: WireAttendant["status"]; reason: "shift_ended" | "grace_expired"; at: number }
  /**
   * To the chat's customer and the attendants who see it, one minute before the room closes an
   * active chat for the customer's inactivity (policies.inactivityCloseMinutes). A customer
   * message before `closesAt` (epoch ms) cancels it; the close itself is a `chat.closed` by "system".
   */
  | { type: "chat.inactivity_warning"; chatId: string; closesAt: number }
  /** To every attendant socket of the room when a chat's labels change (by an attendant or a rule): the whole new set. */
  | { type: "chat.labels"; chatId: string; labels: WireLabel[] }
  /**
   * To every attendant socket of the room when the customer of an open chat leaves (their last
   * socket of the chat closed: `customerLeftAt`, epoch ms) or returns (null), and when a waiting
   * chat leaves the queue because they stayed away (`abandonedAt`; customer-presence.ts). An
   * abandoned chat whose customer returns comes back as `chat.queued`.
   */
  | { type: "chat.presence"; chatId: string; customerLeftAt: number | null; abandonedAt: number | null };

export type ServerFrameType = ServerFrame["type"];
