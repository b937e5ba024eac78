/**
 * The mail lab: a `globalSetup` of the Workers project that runs in Node. It starts real SMTP
 * servers (`smtp-server`) on 127.0.0.1 on demand and parses what they receive with `mailparser`.
 * Tests in the Workers pool drive it over HTTP on loopback (its URL comes through
 * `inject("mailLab")`): each test makes its own server, so files and tests never share one.
 *
 *   POST /servers { user?, pass?, authMethods?, starttls? } → { id, port }
 *   POST /servers/:id/mode { mode }   "ok" | "tempfail" (451 to MAIL FROM) | "drop" (hang up when DATA
 *                                     starts) | "reject" (550 to RCPT TO: no such mailbox)
 *   POST /servers/:id/stop, /start    close the port (connections refused) / listen again on it
 *   POST /servers/:id/auth { user, pass }
 *   GET  /servers/:id/messages        what arrived, parsed
 *   GET  /servers/:id/stats           { connections, drops }
 *   POST /silent → { port }           a TCP server that accepts and never says a word
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The mail lab's base URL (`http://127.0.0.1:<port>`). */
    mailLab: string;
  }
}

type Mode = "ok" | "tempfail" | "drop" | "reject";

interface Received {
  envelope: { from: string; to: string[] };
  from: string;
  fromName: string;
  to: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  headerNames: string[];
  raw: string;
}

interface LabServer {
  smtp: SMTPServer;
  options: { authMethods?: string[]; starttls: boolean };
  port: number;
  mode: Mode;
  credentials: { user: string; pass: string } | null;
  messages: Received[];
  sockets: Set<Socket>;
  stats: { connections: number; drops: number };
}

const servers = new Map<string, LabServer>();
const silent: Server[] = [];

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ""));
}

async function parse(raw: Buffer, envelope: Received["envelope"]): Promise<Received> {
  const mail = await simpleParser(raw);
  const refs = mail.references;
  return {
    envelope,
    from: mail.from?.value[0]?.address ?? "",
    fromName: mail.from?.value[0]?.name ?? "",
    to: addresses(mail.to),
    replyTo: mail.replyTo?.value[0]?.address ?? null,
    subject: mail.subject ?? "",
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : "",
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: Array.isArray(refs) ? refs : refs ? [refs] : [],
    headerNames: [...mail.headers.keys()],
    raw: raw.toString("utf8"),
  };
}

function smtpServer(lab: LabServer, options: { authMethods?: string[]; starttls?: boolean }): SMTPServer {
  const smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    ...(options.authMethods ? { authMethods: options.authMethods } : {}),
    disabledCommands: options.starttls ? [] : ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = lab.credentials && auth.username === lab.credentials.user && auth.password === lab.credentials.pass;
      callback(ok ? null : new Error("Invalid username or password"), ok ? { user: auth.username } : undefined);
    },
    onMailFrom(_address, session, callback) {
      if (lab.credentials && !session.user) return callback(Object.assign(new Error("Authentication required"), { responseCode: 530 }));
      if (lab.mode === "tempfail") return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
      callback();
    },
    onRcptTo(_address, _session, callback) {
      if (lab.mode === "reject") return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      if (lab.mode === "drop") {
        lab.stats.drops++;
        for (const socket of lab.sockets) socket.destroy();
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        parse(Buffer.concat(chunks), envelope).then(
          (received) => {
            lab.messages.push(received);
            callback(null, "Queued as lab-" + lab.messages.length);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  smtp.on("error", () => undefined);
  smtp.server.on("connection", (socket: Socket) => {
    lab.stats.connections++;
    lab.sockets.add(socket);
    socket.on("close", () => lab.sockets.delete(socket));
  });
  return smtp;
}

function listen(smtp: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(port, "127.0.0.1", () => resolve((smtp.server.address() as { port: number }).port));
  });
}

async function stop(lab: LabServer): Promise<void> {
  for (const socket of lab.sockets) socket.destroy();
  await new Promise<void>((resolve) => lab.smtp.close(() => resolve()));
}

async function body(req: IncomingMessage): Promise<Record<string, any>> {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return text ? JSON.parse(text) : {};
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const [, first, id, action] = (req.url ?? "").split("/");
  if (first === "silent") {
    const server = createTcpServer(() => undefined);
    silent.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { port: (server.address() as { port: number }).port };
  }
  if (first !== "servers") throw new Error("unknown route");
  if (!id) {
    const input = await body(req);
    const lab: LabServer = {
      smtp: undefined as unknown as SMTPServer,
      options: { authMethods: input.authMethods, starttls: input.starttls === true },
      port: 0,
      mode: "ok",
      credentials: input.user ? { user: input.user, pass: input.pass } : null,
      messages: [],
      sockets: new Set(),
      stats: { connections: 0, drops: 0 },
    };
    lab.smtp = smtpServer(lab, lab.options);
    lab.port = await listen(lab.smtp, 0);
    const key = String(servers.size + 1);
    servers.set(key, lab);
    return { id: key, port: lab.port };
  }
  const lab = servers.get(id);
  if (!lab) throw new Error("unknown server");
  const input = req.method === "POST" ? await body(req) : {};
  if (action === "mode") lab.mode = input.mode;
  else if (action === "auth") lab.credentials = { user: input.user, pass: input.pass };
  else if (action === "stop") await stop(lab);
  else if (action === "start") {
    lab.smtp = smtpServer(lab, lab.options);
    await listen(lab.smtp, lab.port);
  } else if (action === "messages") return lab.messages;
  else if (action === "stats") return lab.stats;
  res.statusCode = 200;
  return { ok: true };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const http = createHttpServer((req, res) => {
    route(req, res).then(
      (answer) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(answer));
      },
      (error: Error) => {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: error.message }));
      },
    );
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  project.provide("mailLab", `http://127.0.0.1:${(http.address() as { port: number }).port}`);
  return async () => {
    for (const lab of servers.values()) await stop(lab).catch(() => undefined);
    for (const server of silent) server.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
}
