/**
 * Test helpers for the Workers pool: accounts with departments and attendants written straight
 * to D1, requests through the Worker (`exports.default.fetch`), and real WebSockets to the
 * department rooms. Storage is shared by the tests of one file, so every helper makes fresh ids.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { hashPassword } from "../../worker/auth/password";
import type { ClientFrame, ServerFrame } from "../../durable-objects/protocol";
import type { WidgetStartChatResponse } from "../../worker/views";

export const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | null = null;

export const ORIGIN = "http://chat.test";

export interface TestAccount {
  id: string;
  publicKey: string;
  departments: { support: string; sales: string };
  attendants: {
    admin: TestAttendant;
    manager: TestAttendant;
    support1: TestAttendant;
    support2: TestAttendant;
    sales: TestAttendant;
  };
}
export interface TestAttendant {
  id: string;
  email: string;
  name: string;
}

/** An account with two departments, an administrator, a manager of support and three attendants. */
export async function createAccount(label = "acme"): Promise<TestAccount> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const id = crypto.randomUUID();
  const now = Date.now();
  const publicKey = `pk-${id}`;
  const support = crypto.randomUUID();
  const sales = crypto.randomUUID();
  const people = {
    admin: { role: "administrator", departments: [] as string[] },
    manager: { role: "department_manager", departments: [support] },
    support1: { role: "attendant", departments: [support] },
    support2: { role: "attendant", departments: [support] },
    sales: { role: "attendant", departments: [sales] },
  } as const;
  const statements = [
    env.DB.prepare("INSERT INTO accounts (id, name, public_key, secret, created_at) VALUES (?, ?, ?, ?, ?)").bind(
      id,
      `${label} Ltda`,
      publicKey,
      "identity-secret",
      now,
    ),
    env.DB.prepare("INSERT INTO departments (id, account_id, name, initial_message, created_at) VALUES (?, ?, ?, ?, ?)").bind(
      support,
      id,
      "Suporte",
      "Olá! Já vamos atender.",
      now,
    ),
    env.DB.prepare("INSERT INTO departments (id, account_id, name, initial_message, created_at) VALUES (?, ?, ?, ?, ?)").bind(
      sales,
      id,
      "Comercial",
      "",
      now,
    ),
  ];
  const attendants = {} as TestAccount["attendants"];
  for (const [key, person] of Object.entries(people)) {
    const attendant = { id: crypto.randomUUID(), email: `${key}.${id}@example.com`, name: `${key} of ${label}` };
    attendants[key as keyof TestAccount["attendants"]] = attendant;
    statements.push(
      env.DB.prepare(
        `INSERT INTO attendants (id, account_id, name, email, password_hash, role, chat_status_on_login, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'online', ?)`,
      ).bind(attendant.id, id, attendant.name, attendant.email, hash, person.role, now),
    );
    for (const dep of person.departments) {
      statements.push(
        // The manager manages support and also attends it (takes its chats).
        env.DB.prepare("INSERT INTO attendant_departments (account_id, attendant_id, department_id, attends, manages) VALUES (?, ?, ?, 1, ?)").bind(
          id,
          attendant.id,
          dep,
          person.role === "department_manager" ? 1 : 0,
        ),
      );
    }
  }
  await env.DB.batch(statements);
  return { id, publicKey, departments: { support, sales }, attendants };
}

/** A request through the Worker. Each call gets its own client IP unless one is given. */
export async function api(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "cf-connecting-ip": `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers["content-type"] = "application/json";
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  }
  const method = init.method ?? (body ? "POST" : "GET");
  if (method === "PUT" && init.cookie && !Object.keys(headers).some((h) => h.toLowerCase() === "if-match")) {
    const etag = await settingsEtagFor(path, init.cookie);
    if (etag) headers["if-match"] = etag;
  }
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body }));
}

/**
 * A settings PUT must name the version it replaces (If-Match): like the console, the helper
 * reads the document's current ETag first, unless the test sets If-Match itself.
 */
async function settingsEtagFor(path: string, cookie: string): Promise<string | undefined> {
  const match = /^\/api\/settings(?:\/departments\/([^/?]+))?(?:\?|$)/.exec(path);
  if (!match) return undefined;
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/settings`, { headers: { cookie } }));
  if (res.status !== 200) return undefined;
  const { etags } = (await res.json()) as { etags?: { account: string; departments: Record<string, string> } };
  return match[1] ? etags?.departments[match[1]] : etags?.account;
}

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Asserts the error envelope and returns its code. */
export async function expectError(response: Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  const body = await json<{ error: { code: string; message: string } }>(response);
  expect(typeof body.error.message).toBe("string");
  if (code) expect(body.error.code).toBe(code);
  return body.error.code;
}

/** Logs in and returns the session cookie header value. */
export async function login(email: string, password = PASSWORD): Promise<string> {
  const res = await api("/api/auth/login", { body: { email, password } });
  expect(res.status).toBe(200);
  const cookie = res.headers.get("set-cookie") ?? "";
  const value = /sid=([^;]+)/.exec(cookie)?.[1];
  expect(value).toBeTruthy();
  return `sid=${value}`;
}

/** A WebSocket client that records every frame and lets a test wait for one. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private consumed = new Set<number>();
  private listeners: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (event) => {
      this.frames.push(JSON.parse(String(event.data)));
      this.listeners.forEach((l) => l());
    });
    ws.addEventListener("close", (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.listeners.forEach((l) => l());
    });
  }

  static async open(path: string): Promise<TestSocket> {
    const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: { Upgrade: "websocket" } }));
    if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
    res.webSocket.accept();
    return new TestSocket(res.webSocket);
  }

  send(frame: ClientFrame | Record<string, unknown> | string) {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Waits for the next unconsumed frame of `type` (and matching `where`), and consumes it. */
  next<T extends ServerFrame["type"]>(
    type: T,
    where: (frame: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = this.frames.findIndex(
          (f, i) => !this.consumed.has(i) && f.type === type && where(f as Extract<ServerFrame, { type: T }>),
        );
        if (index >= 0) {
          this.consumed.add(index);
          this.listeners = this.listeners.filter((l) => l !== check);
          clearTimeout(timer);
          resolve(this.frames[index] as Extract<ServerFrame, { type: T }>);
        }
      };
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`));
      }, timeoutMs);
      this.listeners.push(check);
      check();
    });
  }

  /** Frames of `type` received so far (consumed or not). */
  all<T extends ServerFrame["type"]>(type: T): Extract<ServerFrame, { type: T }>[] {
    return this.frames.filter((f): f is Extract<ServerFrame, { type: T }> => f.type === type);
  }

  /** Waits until the socket is closed by the server. */
  async waitClosed(timeoutMs = 3000) {
    const start = Date.now();
    while (!this.closed && Date.now() - start < timeoutMs) await new Promise((r) => setTimeout(r, 10));
    return this.closed;
  }

  close() {
    try {
      this.ws.close(1000, "test done");
    } catch {
      // already closed
    }
  }
}

/**
 * Round trip on a socket: resolves once the room has answered a ping, so every frame the room
 * sent to this socket before handling it has arrived.
 *
 * Under the Workers pool it does NOT prove that a frame sent just before it was handled: the
 * pool's Durable Object wrapper makes an RPC to its runner object at the start of every event,
 * so two frames sent back to back on one socket may be handled in either order. Wait for a
 * frame's own answer (or effect) first; use settle() afterwards to collect what else it sent.
 */
export async function settle(socket: TestSocket) {
  const before = socket.all("pong").length;
  socket.send({ type: "ping" });
  await socket.next("pong", () => socket.all("pong").length > before);
}

/** Logs in, fetches a socket token and connects to a department's room. */
export async function attendantSocket(email: string, departmentId: string, cookie?: string): Promise<TestSocket> {
  cookie ??= await login(email);
  const { token } = await json<{ token: string }>(await api("/api/ws-token", { method: "POST", cookie }));
  const socket = await TestSocket.open(`/api/ws?token=${encodeURIComponent(token)}&department=${departmentId}&v=1`);
  await socket.next("session.ready");
  return socket;
}

/** Starts a chat as a new (or the given) customer. */
export async function startChat(
  account: TestAccount,
  departmentId: string,
  overrides: Partial<{ name: string; email: string; message: string; token: string; pageUrl: string }> = {},
): Promise<WidgetStartChatResponse> {
  const res = await api("/api/widget/chats", {
    body: {
      account: account.publicKey,
      departmentId,
      name: overrides.name ?? "Maria Cliente",
      email: overrides.email ?? `maria.${crypto.randomUUID()}@example.com`,
      message: overrides.message ?? "Olá, preciso de ajuda",
      pageUrl: overrides.pageUrl ?? "https://shop.example.com/checkout",
    },
    headers: overrides.token ? { authorization: `Bearer ${overrides.token}` } : {},
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`start chat: ${res.status} ${await res.text()}`);
  return json<WidgetStartChatResponse>(res);
}

/** Opens the customer's socket from a start-chat (or /me) answer. */
export async function customerSocket(ws: { url: string }): Promise<TestSocket> {
  const url = new URL(ws.url);
  const socket = await TestSocket.open(`${url.pathname}${url.search}`);
  await socket.next("session.ready");
  return socket;
}

// ---------------------------------------------------------------- added for the protocol suites

/** The raw answer to a WebSocket upgrade, for the cases where the Worker must refuse it. */
export function upgrade(path: string): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: { Upgrade: "websocket" } }));
}

/** The department's Durable Object, as the Worker names it. */
export function room(account: TestAccount, departmentId: string) {
  return env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`${account.id}:${departmentId}`));
}

/** A fresh socket token for a logged-in attendant. */
export async function wsToken(cookie: string): Promise<string> {
  const res = await api("/api/ws-token", { method: "POST", cookie });
  expect(res.status).toBe(200);
  return (await json<{ token: string }>(res)).token;
}

/** GET /api/widget/me with a customer token. */
export function widgetMe(accountKey: string, customerToken: string): Promise<Response> {
  return api(`/api/widget/me?account=${encodeURIComponent(accountKey)}`, { headers: { authorization: `Bearer ${customerToken}` } });
}

/** The messages of a chat as one socket's `chat.sync` returns them (consumes the chat.history). */
export async function history(socket: TestSocket, chatId: string, afterSeq = 0) {
  socket.send({ type: "chat.sync", chatId, afterSeq });
  return (await socket.next("chat.history", (f) => f.chatId === chatId)).messages;
}

/** Error frames a socket received about one chat. */
export function errorsAbout(socket: TestSocket, chatId: string) {
  return socket.all("error").filter((f) => f.chatId === chatId);
}

/** Row count of a D1 query (the query must select `COUNT(*) AS n`). */
export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...params).first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * Every message a socket holds for a chat: what it received live plus a `chat.sync` from 0
 * (which leaves out what this socket already received live), once each, by seq.
 */
export async function held(socket: TestSocket, chatId: string) {
  const synced = await history(socket, chatId);
  const live = socket.all("message.created").map((f) => f.message).filter((m) => m.chatId === chatId);
  const bySeq = new Map([...synced, ...live].map((m) => [m.seq, m]));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * A new account's Suporte chat accepted by support1, with the attendant's and the customer's
 * sockets open (`agent`, `customer`).
 */
export async function openAcceptedChat(label: string) {
  const account = await createAccount(label);
  const { support } = account.departments;
  const agent = await attendantSocket(account.attendants.support1.email, support);
  const started = await startChat(account, support);
  const customer = await customerSocket(started.ws);
  agent.send({ type: "chat.accept", chatId: started.chat.id });
  await customer.next("chat.accepted");
  return { account, support, agent, customer, started, chatId: started.chat.id };
}
