/**
 * The customer's WebSocket to its chat: connect, resume, resend, reconnect. No DOM.
 *
 * - On every `session.ready` it sends `chat.sync { afterSeq }` with the last seq it is sure to
 *   have, and only once the `chat.history` answer is complete does it (re)send what is pending.
 * - A message is pending from `send()` until `message.created` with its `clientId` comes back
 *   (the server's acknowledgement). Pending messages are resent after a reconnect; the server
 *   recognises the `clientId` and does not store them twice.
 * - When the socket drops it waits (exponential backoff with jitter) and asks `resume()` for a
 *   fresh socket URL, because socket tokens expire after 10 minutes.
 */
import type { ClientFrame, ServerFrame, WireMessage } from "../durable-objects/protocol";

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

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** A ping now and then keeps proxies from closing an idle socket and reveals a dead one. */
const PING_EVERY_MS = 40_000;
const DEAD_AFTER_MS = 90_000;

/** `crypto.randomUUID` exists only in secure contexts; customers' pages may be plain http. */
function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export class ChatConnection {
  readonly chatId: string;
  #handlers: ConnectionHandlers;
  #socket: WebSocket | null = null;
  #state: ConnectionState = "connecting";
  /** Every message up to this seq has been received: the `afterSeq` of the next sync. */
  #resumeSeq: number;
  /** The current socket's `chat.history` has arrived in full. */
  #synced = false;
  #pending = new Map<string, PendingMessage>();
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #resuming = false;
  #lastFrameAt = 0;
  #readWanted = 0;
  #readSent = 0;
  #closeWanted = false;

  /**
   * @param url socket URL from the API (`ws.url`), or null to ask `resume()` for one first.
   * @param afterSeq last seq already shown (0 for a new or freshly loaded chat).
   */
  constructor(chatId: string, url: string | null, afterSeq: number, handlers: ConnectionHandlers) {
    this.chatId = chatId;
    this.#resumeSeq = afterSeq;
    this.#handlers = handlers;
    if (url) this.#connect(url);
    else void this.#reconnect();
  }

  get state(): ConnectionState {
    return this.#state;
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
    if (this.#synced) this.#send({ type: "typing.set", chatId: this.chatId, typing });
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
    if (this.#synced) this.#send({ type: "chat.close", chatId: this.chatId });
  }

  /** Reconnects at once if the socket is down (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.#state === "stopped" || this.#socket || this.#resuming) return;
    clearTimeout(this.#retryTimer);
    this.#attempt = 0;
    void this.#reconnect();
  }

  /** Closes the socket for good. */
  stop(): void {
    if (this.#state === "stopped") return;
    clearTimeout(this.#retryTimer);
    this.#detach(1000);
    this.#setState("stopped");
  }

  #connect(url: string): void {
    this.#synced = false;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onmessage = (event) => this.#receive(event.data);
    // An error is always followed by a close event: reconnecting from `onclose` is enough.
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#detach();
      this.#scheduleReconnect();
    };
  }

  #receive(data: unknown): void {
    if (typeof data !== "string") return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== "object" || frame === null || typeof frame.type !== "string") return;
    this.#lastFrameAt = Date.now();
    switch (frame.type) {
      case "session.ready":
        this.#attempt = 0;
        this.#startPing();
        this.#send({ type: "chat.sync", chatId: this.chatId, afterSeq: this.#resumeSeq });
        this.#setState("open");
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
  }

  #onHistory(messages: WireMessage[], hasMore: boolean): void {
    for (const message of messages) {
      this.#ack(message);
      this.#resumeSeq = Math.max(this.#resumeSeq, message.seq);
    }
    if (hasMore) {
      this.#send({ type: "chat.sync", chatId: this.chatId, afterSeq: this.#resumeSeq });
      return;
    }
    if (this.#synced) return;
    this.#synced = true;
    for (const message of this.#pending.values()) if (!message.failed) this.#sendMessage(message);
    this.#flushRead();
    if (this.#closeWanted) this.#send({ type: "chat.close", chatId: this.chatId });
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
    this.#send({ type: "message.send", chatId: this.chatId, clientId: message.clientId, body: message.body });
  }

  #flushRead(): void {
    if (this.#readWanted > this.#readSent && this.#synced) {
      if (this.#send({ type: "message.read", chatId: this.chatId, seq: this.#readWanted })) {
        this.#readSent = this.#readWanted;
      }
    }
  }

  #send(frame: ClientFrame): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  #scheduleReconnect(): void {
    if (this.#state === "stopped") return;
    this.#setState("reconnecting");
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.#attempt) * (0.75 + Math.random() / 2);
    this.#attempt++;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => void this.#reconnect(), delay);
  }

  async #reconnect(): Promise<void> {
    this.#retryTimer = undefined;
    this.#resuming = true;
    let url: string | null;
    try {
      url = await this.#handlers.resume();
    } catch {
      this.#resuming = false;
      this.#scheduleReconnect();
      return;
    }
    this.#resuming = false;
    if (this.#state === "stopped") return;
    if (url === null) this.stop();
    else this.#connect(url);
  }

  #startPing(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      if (Date.now() - this.#lastFrameAt > DEAD_AFTER_MS) {
        this.#detach();
        this.#scheduleReconnect();
      } else {
        this.#send({ type: "ping" });
      }
    }, PING_EVERY_MS);
  }

  /** Forgets the current socket (and closes it) without triggering a reconnect. */
  #detach(code?: number): void {
    clearInterval(this.#pingTimer);
    this.#synced = false;
    const socket = this.#socket;
    this.#socket = null;
    if (!socket) return;
    socket.onmessage = socket.onclose = null;
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(code);
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#handlers.onState(state);
  }

  #emitPending(): void {
    this.#handlers.onPending([...this.#pending.values()]);
  }
}
