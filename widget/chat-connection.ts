/**
 * The customer's WebSocket to its chat: resume, resend, follow a transfer. No DOM; the socket
 * itself (backoff, pings, a fresh URL per attempt) is a {@link ReconnectingSocket}.
 *
 * - On every `session.ready` it sends `chat.sync { afterSeq }` with the last seq it is sure to
 *   have, and only once the `chat.history` answer is complete does it (re)send what is pending.
 * - A message is pending from `send()` until `message.created` with its `clientId` comes back
 *   (the server's acknowledgement). Pending messages are resent after a reconnect; the server
 *   recognises the `clientId` and does not store them twice.
 * - The URL the API gave with the chat serves the first attempt only; every later one asks
 *   `resume()`, because socket tokens expire after 10 minutes.
 * - `chat.transferred`: the chat now lives in another department's room, so the socket is
 *   dropped and `resume()` is asked at once for a URL to the new room.
 */
import type { ServerFrame, WireMessage } from "../durable-objects/protocol";
import { ReconnectingSocket } from "./reconnecting-socket";

/** `connecting`: first socket; `open`: session ready; `reconnecting`: waiting or retrying; `stopped`: done. */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "stopped";

/** A message the customer sent that the server has not acknowledged yet. */
export interface PendingMessage {
  clientId: string;
  body: string;
  createdAt: number;
  /** The server refused it (an `error` frame naming its clientId); `retry()` sends it again. */
  failed: boolean;
}

export interface ConnectionHandlers {
  /** Every frame from the server, after the connection's own bookkeeping. */
  onFrame(frame: ServerFrame): void;
  onState(state: ConnectionState): void;
  onPending(pending: PendingMessage[]): void;
  /**
   * A fresh socket URL for this chat, or null to stop (chat closed, customer unknown). May
   * throw when the server cannot be reached: the connection then tries again later.
   */
  resume(): Promise<string | null>;
}

/** Pings keep proxies from closing an idle socket; no frame for two intervals means a dead one. */
const PING_EVERY_MS = 45_000;

/** `crypto.randomUUID` exists only in secure contexts; customers' pages may be plain http. */
function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export class ChatConnection {
  readonly chatId: string;
  #handlers: ConnectionHandlers;
  #socket: ReconnectingSocket;
  /** The API's URL for the first attempt; null once used. */
  #url: string | null;
  /** Every message up to this seq has been received: the `afterSeq` of the next sync. */
  #resumeSeq: number;
  /** The current socket's `chat.history` has arrived in full. */
  #synced = false;
  #pending = new Map<string, PendingMessage>();
  #readWanted = 0;
  #readSent = 0;
  #closeWanted = false;

  /**
   * Starts connecting at once: the state is `connecting` until `onState` says otherwise.
   *
   * @param url socket URL from the API (`ws.url`), or null to ask `resume()` for one first.
   * @param afterSeq last seq already shown (0 for a new or freshly loaded chat).
   */
  constructor(chatId: string, url: string | null, afterSeq: number, handlers: ConnectionHandlers) {
    this.chatId = chatId;
    this.#url = url;
    this.#resumeSeq = afterSeq;
    this.#handlers = handlers;
    this.#socket = new ReconnectingSocket({
      url: () => {
        const first = this.#url;
        this.#url = null;
        return first ? Promise.resolve(first) : handlers.resume();
      },
      onFrame: (frame) => this.#receive(frame),
      // `open` waits for `session.ready`; any other change means the session is gone.
      onState: (state) => {
        if (state === "open") return;
        this.#synced = false;
        handlers.onState(state);
      },
      pingIntervalMs: PING_EVERY_MS,
    });
    this.#socket.start();
  }

  /** Queues a message and sends it as soon as the session is synced. */
  send(body: string): PendingMessage {
    const message: PendingMessage = { clientId: newClientId(), body, createdAt: Date.now(), failed: false };
    this.#pending.set(message.clientId, message);
    this.#emitPending();
    if (this.#synced) this.#sendMessage(message);
    return message;
  }

  /** Sends a refused message again, with the same clientId. */
  retry(clientId: string): void {
    const message = this.#pending.get(clientId);
    if (!message) return;
    message.failed = false;
    this.#emitPending();
    if (this.#synced) this.#sendMessage(message);
  }

  /** Tells the attendant whether the customer is typing (dropped while disconnected). */
  setTyping(typing: boolean): void {
    if (this.#synced) this.#socket.send({ type: "typing.set", chatId: this.chatId, typing });
  }

  /** Marks everything up to `seq` as read; remembered and sent after a reconnect if need be. */
  markRead(seq: number): void {
    if (seq <= this.#readWanted) return;
    this.#readWanted = seq;
    this.#flushRead();
  }

  /** Asks the server to close the chat (sent once the session is synced). */
  closeChat(): void {
    this.#closeWanted = true;
    if (this.#synced) this.#socket.send({ type: "chat.close", chatId: this.chatId });
  }

  /** Reconnects at once if the socket is waiting to (e.g. the browser came back online). */
  reconnectNow(): void {
    this.#socket.reconnectNow();
  }

  /** Closes the socket for good. */
  stop(): void {
    this.#socket.stop();
  }

  #receive(frame: ServerFrame): void {
    switch (frame.type) {
      case "session.ready":
        this.#synced = false;
        this.#socket.send({ type: "chat.sync", chatId: this.chatId, afterSeq: this.#resumeSeq });
        this.#handlers.onState("open");
        break;
      case "chat.history":
        if (frame.chatId === this.chatId) this.#onHistory(frame.messages, frame.hasMore);
        break;
      case "message.created":
        if (frame.message.chatId !== this.chatId) break;
        this.#ack(frame.message);
        // Before the history arrives a live message may overtake older ones that are still
        // missing; the history will contain it anyway, so only then does it move the mark.
        if (this.#synced) this.#resumeSeq = Math.max(this.#resumeSeq, frame.message.seq);
        break;
      case "error":
        this.#onError(frame.code, frame.clientId);
        break;
    }
    this.#handlers.onFrame(frame);
    if (frame.type === "chat.closed" && frame.chat.id === this.chatId) this.stop();
    // The API's URL went to the first attempt: the next one asks `resume()` for the new room.
    if (frame.type === "chat.transferred" && frame.chat.id === this.chatId) this.#socket.reconnect();
  }

  #onHistory(messages: WireMessage[], hasMore: boolean): void {
    for (const message of messages) {
      this.#ack(message);
      this.#resumeSeq = Math.max(this.#resumeSeq, message.seq);
    }
    if (hasMore) {
      this.#socket.send({ type: "chat.sync", chatId: this.chatId, afterSeq: this.#resumeSeq });
      return;
    }
    if (this.#synced) return;
    this.#synced = true;
    for (const message of this.#pending.values()) if (!message.failed) this.#sendMessage(message);
    this.#flushRead();
    if (this.#closeWanted) this.#socket.send({ type: "chat.close", chatId: this.chatId });
  }

  #onError(code: string, clientId: string | undefined): void {
    const message = clientId ? this.#pending.get(clientId) : undefined;
    if (message) {
      message.failed = true;
      this.#emitPending();
    }
    // A server that does not speak our version will not start to on a retry.
    if (code === "unsupported_version") this.stop();
  }

  #ack(message: WireMessage): void {
    if (message.clientId && this.#pending.delete(message.clientId)) this.#emitPending();
  }

  #sendMessage(message: PendingMessage): void {
    this.#socket.send({ type: "message.send", chatId: this.chatId, clientId: message.clientId, body: message.body });
  }

  #flushRead(): void {
    if (this.#readWanted > this.#readSent && this.#synced) {
      if (this.#socket.send({ type: "message.read", chatId: this.chatId, seq: this.#readWanted })) {
        this.#readSent = this.#readWanted;
      }
    }
  }

  #emitPending(): void {
    this.#handlers.onPending([...this.#pending.values()]);
  }
}
