// The simulated people: attendants (session cookie → ws-token → department socket) and
// customers (POST /api/widget/chats → chat socket), all against 127.0.0.1.
import WebSocket from "ws";

const TIMEOUT_MS = 10_000;

/** JSON request; returns `{ status, body, cookie }`. `ip` becomes the cf-connecting-ip header. */
export async function request(base, path, { method = "GET", body, cookie, ip } = {}) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (cookie) headers.cookie = cookie;
  if (ip) headers["cf-connecting-ip"] = ip;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { raw: text };
  }
  const setCookie = res.headers.get("set-cookie");
  return { status: res.status, body: json, cookie: setCookie ? setCookie.split(";")[0] : null };
}

function expectStatus(res, ok, what) {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Logs an attendant in; returns `{ id, name, email, cookie }`. */
export async function login(base, email, password) {
  const res = await request(base, "/api/auth/login", { method: "POST", body: { email, password } });
  const body = expectStatus(res, [200], `login ${email}`);
  if (!res.cookie) throw new Error(`login ${email}: no session cookie`);
  return { id: body.attendant.id, name: body.attendant.name, email, chatStatus: body.attendant.chatStatus, cookie: res.cookie };
}

export async function setOnline(base, attendant) {
  expectStatus(await request(base, "/api/me/status", { method: "PUT", body: { status: "online" }, cookie: attendant.cookie }), [200], "status");
}

export async function wsToken(base, attendant) {
  return expectStatus(await request(base, "/api/ws-token", { method: "POST", cookie: attendant.cookie }), [200], "ws-token").token;
}

/** Starts a chat as a new customer with its own IP; returns the 201 body. */
export async function startChat(base, index, ip) {
  const n = String(index + 1).padStart(3, "0");
  const res = await request(base, "/api/widget/chats", {
    method: "POST",
    ip,
    body: {
      account: "demo-public-key",
      departmentId: "dep-suporte",
      name: `Cliente ${n}`,
      email: `cliente${n}@bench.test`,
      message: `Olá, sou o cliente ${n} do benchmark`,
      pageUrl: "https://bench.test/",
    },
  });
  return expectStatus(res, [201], `chat ${n}`);
}

/**
 * Opens a socket and resolves with it once `session.ready` arrives. Frames go to
 * `socket.onFrame(frame, receivedAt)`, receivedAt taken before parsing. `init(socket)` runs
 * before any frame: a handler set there sees every frame, also those that arrive in the same
 * read as `session.ready`, which are dispatched before the promise's caller resumes (a browser
 * widget sets its handler when it makes the socket, so it misses none either).
 */
export function openSocket(url, headers = {}, init) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, headers });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no session.ready from ${url.split("?")[0]}`));
    }, TIMEOUT_MS);
    let ready = false;
    ws.onFrame = () => {};
    init?.(ws);
    ws.on("message", (data) => {
      const at = performance.now();
      const frame = JSON.parse(data.toString());
      if (frame.type === "session.ready" && !ready) {
        ready = true;
        ws.ready = frame;
        clearTimeout(timer);
        resolve(ws);
      }
      ws.onFrame(frame, at);
    });
    ws.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`upgrade refused: HTTP ${res.statusCode}`));
    });
  });
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Closes sockets and waits (bounded) until they are closed. */
export async function closeAll(sockets) {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve) => {
          if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 2000);
          ws.once("close", () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1000);
        }),
    ),
  );
}
