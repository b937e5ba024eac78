/**
 * The SMTP wire under the transport (smtp.ts): one TCP (or TLS) socket from `cloudflare:sockets`,
 * replies read line by line, every read and write bounded by a deadline. On a deadline, a closed
 * connection or a socket error the socket is closed and an `SmtpError` is thrown: nothing here
 * loops without awaiting the network, so a server that hangs or hangs up cannot make the Worker
 * spin (worker-mailer 1.2.1 did, see /work/shared/STACK.md).
 */
import { connect } from "cloudflare:sockets";

/** Where an SMTP dialogue failed, for the outbox's retry policy and for people reading the error. */
export type SmtpStage = "connect" | "greeting" | "ehlo" | "starttls" | "auth" | "mail" | "rcpt" | "data" | "quit";

/**
 * A failed SMTP attempt. `transient`: worth trying again with the same settings (4xx, timeout,
 * refused or dropped connection). `permanent`: the same attempt would fail again (5xx, the
 * server refusing the credentials, a server without a feature the settings require).
 */
export class SmtpError extends Error {
  constructor(
    readonly kind: "transient" | "permanent",
    readonly stage: SmtpStage,
    message: string,
    /** The server's reply code, when the server answered. */
    readonly code?: number,
  ) {
    super(message);
    this.name = "SmtpError";
  }
}

/** One SMTP reply: its code and its text lines (without the code). */
export interface SmtpReply {
  code: number;
  lines: string[];
}

/** The longest reply line we accept (RFC 5321 allows 512); a longer one is a broken server. */
const MAX_LINE = 4096;
/** The most lines of one multi-line reply (an EHLO lists a few dozen extensions at most). */
const MAX_REPLY_LINES = 200;

const encoder = new TextEncoder();

/** Runs `step` with a deadline; on expiry calls `onTimeout` (which closes the socket) and throws. */
export async function withDeadline<T>(step: Promise<T>, ms: number, stage: SmtpStage, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new SmtpError("transient", stage, `No answer from the SMTP server within ${ms} ms (${stage})`));
    }, ms);
  });
  try {
    return await Promise.race([step, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** An open SMTP connection: write commands, read replies, each under a deadline. */
export class SmtpWire {
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private writer: WritableStreamDefaultWriter<Uint8Array>;
  private decoder = new TextDecoder();
  private buffer = "";
  private closed = false;

  private constructor(private socket: Socket) {
    // `closed` rejects when the connection fails; the failure is reported by the read or write.
    socket.closed.catch(() => undefined);
    this.reader = socket.readable.getReader();
    this.writer = socket.writable.getWriter();
  }

  /** Opens the connection (TLS from the first byte when `secureTransport` is "on"). */
  static async open(host: string, port: number, secureTransport: "on" | "off" | "starttls", timeoutMs: number): Promise<SmtpWire> {
    let socket: Socket;
    try {
      socket = connect({ hostname: host, port }, { secureTransport, allowHalfOpen: false });
    } catch (error) {
      throw new SmtpError("transient", "connect", `Cannot connect to ${host}:${port}: ${describe(error)}`);
    }
    const wire = new SmtpWire(socket);
    await withDeadline(
      socket.opened.catch((error: unknown) => {
        throw new SmtpError("transient", "connect", `Cannot connect to ${host}:${port}: ${describe(error)}`);
      }),
      timeoutMs,
      "connect",
      () => wire.close(),
    );
    return wire;
  }

  /** Upgrades the connection to TLS after the server said 220 to STARTTLS. */
  startTls(host: string): void {
    this.reader.releaseLock();
    this.writer.releaseLock();
    this.socket = this.socket.startTls({ expectedServerHostname: host });
    this.socket.closed.catch(() => undefined);
    this.reader = this.socket.readable.getReader();
    this.writer = this.socket.writable.getWriter();
    this.buffer = "";
  }

  /** Writes raw text (a command with its CRLF, or the message data). */
  async write(text: string, stage: SmtpStage, timeoutMs: number): Promise<void> {
    const step = this.writer.write(encoder.encode(text)).catch((error: unknown) => {
      throw new SmtpError("transient", stage, `The connection failed while sending (${stage}): ${describe(error)}`);
    });
    await withDeadline(step, timeoutMs, stage, () => this.close());
  }

  /** Reads one whole reply (all its `NNN-` lines and the final `NNN ` line). */
  async reply(stage: SmtpStage, timeoutMs: number): Promise<SmtpReply> {
    return withDeadline(this.readReply(stage), timeoutMs, stage, () => this.close());
  }

  /** Sends a command and reads its reply. */
  async command(line: string, stage: SmtpStage, timeoutMs: number): Promise<SmtpReply> {
    await this.write(`${line}\r\n`, stage, timeoutMs);
    return this.reply(stage, timeoutMs);
  }

  /** Closes the socket; safe to call more than once, never throws. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close().catch(() => undefined);
  }

  private async readReply(stage: SmtpStage): Promise<SmtpReply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine(stage);
      const match = /^(\d{3})([ -]?)(.*)$/.exec(line);
      if (!match) throw this.broken(stage, `Not an SMTP reply: ${line.slice(0, 100)}`);
      lines.push(match[3] ?? "");
      if (match[2] !== "-") return { code: Number(match[1]), lines };
      if (lines.length > MAX_REPLY_LINES) throw this.broken(stage, "Reply too long");
    }
  }

  private async readLine(stage: SmtpStage): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf("\n");
      if (end >= 0) {
        const line = this.buffer.slice(0, end).replace(/\r$/, "");
        this.buffer = this.buffer.slice(end + 1);
        return line;
      }
      if (this.buffer.length > MAX_LINE) throw this.broken(stage, "Reply line too long");
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await this.reader.read();
      } catch (error) {
        throw this.dropped(stage, describe(error));
      }
      // A finished stream is the server hanging up: never read it again (that is where a loop spins).
      if (chunk.done) throw this.dropped(stage, "the server closed the connection");
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }

  private dropped(stage: SmtpStage, why: string): SmtpError {
    this.close();
    return new SmtpError("transient", stage, `Connection lost (${stage}): ${why}`);
  }

  private broken(stage: SmtpStage, why: string): SmtpError {
    this.close();
    return new SmtpError("transient", stage, why);
  }
}

/** Dot-stuffs the message and ends it with CRLF.CRLF (RFC 5321 4.5.2); bare LFs become CRLF. */
export function dataBlock(message: string): string {
  const lines = message.replace(/\r?\n/g, "\n").replace(/\r/g, "").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => (line.startsWith(".") ? `.${line}` : line)).join("\r\n") + "\r\n.\r\n";
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
