/**
 * A small SMTP client on `cloudflare:sockets` (RFC 5321): EHLO, STARTTLS (`startTls()`) or TLS
 * from the first byte (port 465) or none (a local server), AUTH PLAIN or LOGIN, one message to
 * one or more recipients, QUIT. Every step has a deadline (smtp-wire.ts), and every failure is
 * an `SmtpError` saying whether trying again could help.
 *
 * Credentials never travel in clear over the network unless the settings say `security: "none"`
 * (meant for a server on the same host); with "starttls" a server that does not offer STARTTLS
 * is refused rather than sent the password.
 */
import { dataBlock, SmtpError, SmtpWire, type SmtpReply, type SmtpStage } from "./smtp-wire";

export { SmtpError, type SmtpStage } from "./smtp-wire";

/** How to reach the account's SMTP server. */
export interface SmtpServer {
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  /** Empty: no AUTH. */
  username: string;
  password: string;
  /** The name we give in EHLO (a host name of ours; the sender's domain is a good choice). */
  clientName: string;
}

/** Milliseconds allowed for each step. */
export interface SmtpTimeouts {
  connect: number;
  /** Greeting and each command's reply. */
  command: number;
  /** The reply after the message's final dot (servers scan the message then). */
  dataEnd: number;
}

export const DEFAULT_TIMEOUTS: SmtpTimeouts = { connect: 10_000, command: 30_000, dataEnd: 120_000 };

/** One message to send: the envelope and the RFC 5322 text (compose.ts). */
export interface SmtpMessage {
  from: string;
  to: string[];
  data: string;
}

/** What the server said when it took the message (often a queue id). */
export interface SmtpSent {
  response: string;
}

/** Sends one message; throws `SmtpError` on any failure. Always closes the connection. */
export async function sendSmtp(server: SmtpServer, message: SmtpMessage, timeouts: Partial<SmtpTimeouts> = {}): Promise<SmtpSent> {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  // The envelope goes into commands verbatim: an address with CR, LF, spaces or brackets could add commands.
  for (const address of [message.from, ...message.to]) {
    if (!/^[^\s<>]+@[^\s<>]+$/.test(address)) throw new SmtpError("permanent", "mail", `Not an e-mail address: ${JSON.stringify(address).slice(0, 100)}`);
  }
  if (message.to.length === 0) throw new SmtpError("permanent", "rcpt", "No recipient");
  const wire = await SmtpWire.open(server.host, server.port, secureTransport(server.security), t.connect);
  try {
    expect(await wire.reply("greeting", t.command), 220, "greeting");
    let features = await ehlo(wire, server, t);
    if (server.security === "starttls") {
      if (!features.has("STARTTLS")) throw new SmtpError("permanent", "starttls", "The server does not offer STARTTLS; choose another security setting");
      expect(await wire.command("STARTTLS", "starttls", t.command), 220, "starttls");
      wire.startTls(server.host);
      features = await ehlo(wire, server, t);
    }
    if (server.username) await authenticate(wire, server, features, t);
    expect(await wire.command(`MAIL FROM:<${message.from}>`, "mail", t.command), 250, "mail");
    for (const to of message.to) expect(await wire.command(`RCPT TO:<${to}>`, "rcpt", t.command), [250, 251], "rcpt");
    expect(await wire.command("DATA", "data", t.command), 354, "data");
    await wire.write(dataBlock(message.data), "data", t.dataEnd);
    const accepted = expect(await wire.reply("data", t.dataEnd), 250, "data");
    // The message is the server's now; a failed QUIT changes nothing.
    await wire.command("QUIT", "quit", Math.min(t.command, 5_000)).catch(() => undefined);
    return { response: accepted.lines.join(" ") };
  } finally {
    wire.close();
  }
}

function secureTransport(security: SmtpServer["security"]): "on" | "off" | "starttls" {
  return security === "tls" ? "on" : security === "starttls" ? "starttls" : "off";
}

/** EHLO, falling back to HELO for an old server; answers the upper-cased extension keywords and their arguments. */
async function ehlo(wire: SmtpWire, server: SmtpServer, t: SmtpTimeouts): Promise<Map<string, string>> {
  let reply = await wire.command(`EHLO ${server.clientName}`, "ehlo", t.command);
  if (reply.code >= 500 && reply.code < 600) {
    expect(await wire.command(`HELO ${server.clientName}`, "ehlo", t.command), 250, "ehlo");
    return new Map();
  }
  reply = expect(reply, 250, "ehlo");
  const features = new Map<string, string>();
  for (const line of reply.lines.slice(1)) {
    const [keyword = "", ...args] = line.trim().split(/\s+/);
    features.set(keyword.toUpperCase(), args.join(" ").toUpperCase());
  }
  return features;
}

/** AUTH PLAIN when offered, else AUTH LOGIN. A refusal of the credentials is permanent. */
async function authenticate(wire: SmtpWire, server: SmtpServer, features: Map<string, string>, t: SmtpTimeouts): Promise<void> {
  const mechanisms = (features.get("AUTH") ?? "").split(" ");
  if (mechanisms.includes("PLAIN")) {
    const token = base64(`\u0000${server.username}\u0000${server.password}`);
    authReply(await wire.command(`AUTH PLAIN ${token}`, "auth", t.command));
  } else if (mechanisms.includes("LOGIN")) {
    expect(await wire.command("AUTH LOGIN", "auth", t.command), 334, "auth");
    expect(await wire.command(base64(server.username), "auth", t.command), 334, "auth");
    authReply(await wire.command(base64(server.password), "auth", t.command));
  } else {
    throw new SmtpError("permanent", "auth", "The server offers neither AUTH PLAIN nor AUTH LOGIN here (does it require TLS?)");
  }
}

function authReply(reply: SmtpReply): void {
  if (reply.code === 235) return;
  // 454 (temporary authentication failure) is worth a retry; 535 and the like are the credentials.
  const kind = reply.code >= 400 && reply.code < 500 ? "transient" : "permanent";
  throw new SmtpError(kind, "auth", `The server refused the credentials: ${reply.code} ${reply.lines.join(" ")}`, reply.code);
}

/** The reply when its code is one of `ok`; otherwise an SmtpError classified by the code. */
function expect(reply: SmtpReply, ok: number | number[], stage: SmtpStage): SmtpReply {
  if ((Array.isArray(ok) ? ok : [ok]).includes(reply.code)) return reply;
  const kind = reply.code >= 400 && reply.code < 500 ? "transient" : "permanent";
  throw new SmtpError(kind, stage, `${stage}: ${reply.code} ${reply.lines.join(" ")}`.slice(0, 500), reply.code);
}

/** Base64 of UTF-8 text (credentials may be non-ASCII). */
function base64(text: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}
