/**
 * One WebSocket kept open, shared by the widget (the customer's chat) and the console (one per
 * department). No DOM: it runs in Node tests with an injected WebSocket constructor.
 *
 * - Every attempt asks `url()` for a fresh URL: the customer's socket token and the attendant's
 *   single-use token both expire, so a URL is never reused for a second attempt.
 * - A failed attempt or a dropped socket waits (exponential backoff with jitter) and tries again;
 *   `session.ready` (the server accepted the session) starts the backoff afresh.
 * - A `ping` every interval keeps proxies from closing an idle socket; a link that brought no
 *   frame for two intervals is dead without a close event, and is replaced.
 * - Every close, whatever its code, is retried: the server says why it refuses a session in an
 *   `error` frame before it closes (`unsupported_version`, then 1008), and the owner, who reads
 *   that frame first, calls `stop()`. Only `url()` answering null stops here, or `onClose`
 *   answering true for a close code its owner handles itself (the console's 4001).
 */
import type { ClientFrame, ServerFrame } from "../durable-objects/protocol";

export type SocketState = "connecting" | "open" | "reconnecting" | "stopped";

/** The subset of the WebSocket constructor used here (the browser's, or a fake in Node tests). */
export type WebSocketFactory = new (url: string) => WebSocket;

export interface ReconnectingSocketOptions {
  /**
   * The URL for one attempt (fetches a fresh token), or null to stop for good (the chat is
   * over, the console's session ended). A throw counts as a failed attempt.
   */
  url(): Promise<string | null>;
  /** Every frame that is a JSON object with a `type`. */
  onFrame(frame: ServerFrame): void;
  /** `open` once the socket is open; `reconnecting` while waiting or retrying after a failure. */
  onState(state: SocketState): void;
  /** The server closed the socket with `code`; true stops instead of retrying (the owner starts afresh). */
  onClose?(code: number): boolean;
  WebSocket?: WebSocketFactory;
  /** First retry delay; doubles on each failure up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** How often to ping; the link counts as dead after two intervals without any frame. */
  pingIntervalMs?: number;
}

/** Our own close code for a link that stopped answering pings (4000–4999 is for applications). */
const CLOSE_STALE = 4000;
/** `WebSocket.OPEN`, spelled out: the constructor may be a fake without the constants. */
const OPEN = 1;

export class ReconnectingSocket {
  #options: ReconnectingSocketOptions;
  #ws: WebSocket | null = null;
  #state: SocketState = "stopped";
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #lastFrameAt = 0;
  /** Bumped by every attempt and by stop(): a late URL or event of an older attempt is ignored. */
  #generation = 0;

  constructor(options: ReconnectingSocketOptions) {
    this.#options = options;
  }

  /** Opens the connection (no-op when already running). */
  start(): void {
    if (this.#state === "stopped") this.#restart("connecting");
  }

  /** Closes the connection and stops reconnecting. */
  stop(): void {
    this.#generation++;
    this.#detach(1000);
    this.#setState("stopped");
  }

  /** Skips the backoff wait (e.g. the browser just came back online). */
  reconnectNow(): void {
    if (this.#retryTimer !== undefined) this.reconnect();
  }

  /**
   * Drops the socket and connects again at once, with a new URL: the server moved what this
   * socket follows (a chat transferred to another department's room).
   */
  reconnect(): void {
    if (this.#state !== "stopped") this.#restart("reconnecting");
  }

  /** Sends a frame if the socket is open; returns whether it was handed to the socket. */
  send(frame: ClientFrame): boolean {
    const ws = this.#ws;
    if (this.#state !== "open" || ws?.readyState !== OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  #setState(state: SocketState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#options.onState(state);
  }

  /** A first attempt without waiting, the backoff starting afresh. */
  #restart(state: "connecting" | "reconnecting"): void {
    this.#attempt = 0;
    this.#detach(1000);
    void this.#connect(state);
  }

  async #connect(state: "connecting" | "reconnecting"): Promise<void> {
    const generation = ++this.#generation;
    this.#retryTimer = undefined;
    this.#setState(state);
    let url: string | null;
    try {
      url = await this.#options.url();
    } catch {
      if (generation === this.#generation) this.#retry();
      return;
    }
    if (generation !== this.#generation) return;
    if (url === null) return this.stop();
    let ws: WebSocket;
    try {
      ws = new (this.#options.WebSocket ?? WebSocket)(url);
    } catch {
      // A malformed URL throws at once instead of closing.
      return this.#retry();
    }
    this.#ws = ws;
    const mine = (): boolean => generation === this.#generation;
    ws.onopen = () => {
      if (!mine()) return;
      this.#lastFrameAt = Date.now();
      this.#setState("open");
      this.#startPing();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (!mine()) return;
      this.#lastFrameAt = Date.now();
      let frame: ServerFrame | null;
      try {
        // Binary data does not parse either: `JSON.parse` sees "[object Blob]".
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      // Anything but an object with a `type` is dropped. The server checks what it sends
      // (`satisfies ServerFrame`), and owners ignore frame types they do not know.
      if (typeof frame?.type !== "string") return;
      // The server accepted the session: the next failure starts the backoff afresh.
      if (frame.type === "session.ready") this.#attempt = 0;
      this.#options.onFrame(frame);
    };
    // An error is always followed by a close event, which does the work.
    ws.onclose = (event?: CloseEvent) => {
      if (!mine()) return;
      this.#ws = null;
      if (this.#options.onClose?.(event?.code ?? 1006)) return this.stop();
      this.#retry();
    };
  }

  #retry(): void {
    this.#clearTimers();
    this.#setState("reconnecting");
    const initial = this.#options.initialDelayMs ?? 500;
    const base = Math.min(this.#options.maxDelayMs ?? 30_000, initial * 2 ** this.#attempt++);
    // Anywhere between half and all of the delay, so that the sockets an outage dropped do not
    // all come back in the same instant.
    this.#retryTimer = setTimeout(() => void this.#connect("reconnecting"), base / 2 + (Math.random() * base) / 2);
  }

  #startPing(): void {
    const interval = this.#options.pingIntervalMs ?? 25_000;
    this.#pingTimer = setInterval(() => {
      if (Date.now() - this.#lastFrameAt > 2 * interval) {
        this.#detach(CLOSE_STALE);
        this.#retry();
      } else this.send({ type: "ping" });
    }, interval);
  }

  /** Drops the current socket (and the timers) without letting its events reach us. */
  #detach(code: number): void {
    this.#clearTimers();
    const ws = this.#ws;
    this.#ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    if (ws.readyState <= OPEN) ws.close(code);
  }

  #clearTimers(): void {
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    this.#retryTimer = this.#pingTimer = undefined;
  }
}
