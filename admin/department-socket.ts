/**
 * One WebSocket to one department's Durable Object, kept open: it reconnects with exponential
 * backoff and jitter, asks for a fresh URL (a new single-use token) before every attempt, and
 * watches the link with `ping` so that a silently dead connection is replaced. No DOM here: the
 * owner gets frames and state changes through callbacks and decides what to resend.
 */
import type { ClientFrame, ServerFrame } from "../durable-objects/protocol";

export type SocketState = "connecting" | "open" | "reconnecting" | "stopped";

/** The subset of the WebSocket constructor used here (the browser's, or `ws` in Node tests). */
export type WebSocketFactory = new (url: string) => WebSocket;

export interface DepartmentSocketOptions {
  /** Produces the URL for one attempt (fetches a fresh token). A throw counts as a failed attempt. */
  url: () => Promise<string>;
  onFrame: (frame: ServerFrame) => void;
  onState: (state: SocketState) => void;
  /** Called when `url()` throws; return true to stop for good (e.g. the session ended). */
  isFatal?: (error: unknown) => boolean;
  WebSocket?: WebSocketFactory;
  /** First retry delay; doubles each failure up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** How often to ping; the link counts as dead after two intervals without any frame. */
  pingIntervalMs?: number;
}

/** Our own close code for a link that stopped answering pings (4000–4999 is for applications). */
const CLOSE_STALE = 4000;

export class DepartmentSocket {
  private readonly options: DepartmentSocketOptions;
  private ws: WebSocket | null = null;
  private state: SocketState = "stopped";
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastFrameAt = 0;
  /** Bumped by every connect/stop, so a late token or event from an old attempt is ignored. */
  private generation = 0;

  constructor(options: DepartmentSocketOptions) {
    this.options = options;
  }

  get current(): SocketState {
    return this.state;
  }

  /** Opens the connection (no-op when already running). */
  start(): void {
    if (this.state !== "stopped") return;
    this.attempt = 0;
    void this.connect("connecting");
  }

  /** Closes the connection and stops reconnecting. */
  stop(): void {
    this.generation++;
    this.clearTimers();
    this.detach(1000);
    this.setState("stopped");
  }

  /** Skips the backoff wait (e.g. the browser just came back online). */
  reconnectNow(): void {
    if (this.state === "reconnecting" && this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      void this.connect("reconnecting");
    }
  }

  /** Sends a frame if the socket is open; returns whether it was handed to the socket. */
  send(frame: ClientFrame): boolean {
    if (this.state !== "open" || !this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private setState(state: SocketState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }

  private async connect(state: "connecting" | "reconnecting"): Promise<void> {
    const generation = ++this.generation;
    this.setState(state);
    let url: string;
    try {
      url = await this.options.url();
    } catch (error) {
      if (generation !== this.generation) return;
      if (this.options.isFatal?.(error)) return this.stop();
      return this.scheduleRetry();
    }
    if (generation !== this.generation) return;

    const Factory = this.options.WebSocket ?? WebSocket;
    const ws = new Factory(url);
    this.ws = ws;
    ws.onopen = () => {
      if (generation !== this.generation) return;
      this.lastFrameAt = Date.now();
      this.setState("open");
      this.startPing();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (generation !== this.generation) return;
      this.lastFrameAt = Date.now();
      const frame = parseFrame(event.data);
      if (!frame) return;
      // The server accepted this session: the next failure starts the backoff afresh.
      if (frame.type === "session.ready") this.attempt = 0;
      this.options.onFrame(frame);
    };
    ws.onclose = () => {
      if (generation !== this.generation) return;
      this.ws = null;
      this.clearTimers();
      this.scheduleRetry();
    };
    // An error is always followed by close, which does the work.
    ws.onerror = () => {};
  }

  private scheduleRetry(): void {
    this.setState("reconnecting");
    const initial = this.options.initialDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 30_000;
    const base = Math.min(max, initial * 2 ** this.attempt);
    this.attempt++;
    // Full spread between half and all of the delay, so a department's attendants do not all
    // come back in the same instant after an outage.
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect("reconnecting");
    }, delay);
  }

  private startPing(): void {
    const interval = this.options.pingIntervalMs ?? 25_000;
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastFrameAt > 2 * interval) {
        // No frame, not even a pong, for two intervals: the link is dead without a close event.
        const ws = this.ws;
        this.detach(CLOSE_STALE);
        this.clearTimers();
        if (ws) this.scheduleRetry();
        return;
      }
      this.send({ type: "ping" });
    }, interval);
  }

  /** Drops the current socket without letting its events reach us. */
  private detach(code: number): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    if (ws.readyState === 0 || ws.readyState === 1) ws.close(code);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }
}

/** A server frame from raw socket data, or null for anything that is not a JSON object with a type. */
export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== "string") return null;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== "object" || value === null || typeof (value as { type?: unknown }).type !== "string") return null;
    // The server validates what it sends (`satisfies ServerFrame`); the consumer's switch
    // ignores frame types it does not know, as the protocol requires.
    return value as ServerFrame;
  } catch {
    return null;
  }
}
