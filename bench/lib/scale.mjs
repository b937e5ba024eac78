// The scale step (issue 14): 5,000 customer sockets in one department room, on the user
// worker's own port (the wrangler proxy holds about 3,300 sockets), 20 attendants, 500
// messages/s across the accepted chats for 10 s. Then the reconnect storm (storm.mjs).
//
// The room is a department of its own, `dep-escala` (inserted before the server starts), so
// that the 200 chats of the delivery steps in dep-suporte do not mix in. Its 20 attendants are
// inserted with `max_chats` = 100 (the most the attendants API accepts): 2,000 chats accepted,
// 3,000 waiting. A department of that size has both, and the waiting ones are what makes the
// room's per-event fan-out grow (queue positions on every accept, presence to every customer).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "../../scripts/demo-seed.mjs";
import { quietEnv, root } from "../../scripts/local-server.mjs";
import { closeAll, openSocket, pool, request, wsToken } from "./clients.mjs";
import { DeliveryProbe } from "./load.mjs";
import { workerdCpu } from "./servers.mjs";
import { log, sleep } from "./stats.mjs";
import { reconnectStorm } from "./storm.mjs";

export const SCALE = {
  department: "dep-escala",
  customers: Number(process.env.BENCH_SCALE_CUSTOMERS ?? 5000),
  attendants: 20,
  /** Each attendant's max_chats: the attendants API's maximum. */
  maxChats: 100,
  rate: 500,
  ms: 10_000,
  password: "bench-escala-123",
  /** Requests / upgrades in flight while the chats start and their sockets connect. */
  startConcurrency: 16,
  connectConcurrency: 50,
  acceptTimeoutMs: 120_000,
};

const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const q = (v) => (typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

function scaleAttendants() {
  return Array.from({ length: SCALE.attendants }, (_, i) => ({ id: `att-escala-${i + 1}`, name: `Escala ${i + 1}`, email: `escala${i + 1}@demo.test` }));
}

/** Inserts dep-escala and its 20 attendants (max_chats 100, online on login) into the local D1, before the server starts. */
export function addScaleDepartment(persistTo) {
  const now = Date.now();
  const hash = hashPassword(SCALE.password);
  const sql = [
    `INSERT OR IGNORE INTO departments (id, account_id, name, active, initial_message, created_at) VALUES (${[SCALE.department, "demo-account", "Escala", 1, "", now].map(q).join(", ")})`,
    ...scaleAttendants().flatMap((a) => [
      `INSERT OR IGNORE INTO attendants (id, account_id, name, email, password_hash, role, chat_status_on_login, chat_status, active, max_chats, created_at) VALUES (${[
        a.id, "demo-account", a.name, a.email, hash, "attendant", "online", "offline", 1, SCALE.maxChats, now,
      ].map(q).join(", ")})`,
      `INSERT OR IGNORE INTO attendant_departments (account_id, attendant_id, department_id) VALUES (${["demo-account", a.id, SCALE.department].map(q).join(", ")})`,
    ]),
  ];
  execFileSync(process.execPath, [wranglerBin, "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql.join("; ")], {
    cwd: root,
    env: quietEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** VmRSS of a process in MB, or NaN when it is gone. */
export function rssMb(pid) {
  try {
    const kb = Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** Logs the 20 attendants in, each from its own address (the login limiter counts per IP). */
async function loginAll(base) {
  return pool(scaleAttendants(), 4, async (a, i) => {
    const res = await request(base, "/api/auth/login", { method: "POST", body: { email: a.email, password: SCALE.password }, ip: `198.19.250.${i + 1}` });
    if (res.status !== 200 || !res.cookie) throw new Error(`login ${a.email}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return { id: a.id, email: a.email, cookie: res.cookie };
  });
}

/** One department socket per attendant on the direct port. */
export async function connectScaleAttendants(apiBase, port, attendants) {
  return pool(attendants, 4, async (a) => {
    const token = await wsToken(apiBase, a);
    const url = `ws://127.0.0.1:${port}/api/ws?token=${encodeURIComponent(token)}&department=${SCALE.department}&v=1`;
    return { id: a.id, ws: await openSocket(url) };
  });
}

/** Customer i's address: 198.19.0.0/16 (the delivery steps use 198.18.x.y). */
const ipOf = (i) => `198.19.${Math.floor(i / 250)}.${(i % 250) + 1}`;

async function startScaleChats(base) {
  return pool(Array.from({ length: SCALE.customers }, (_, i) => i), SCALE.startConcurrency, async (i) => {
    const ip = ipOf(i);
    const res = await retried(`chat ${i + 1}`, () =>
      request(base, "/api/widget/chats", {
        method: "POST",
        ip,
        body: { account: "demo-public-key", departmentId: SCALE.department, name: `Escala ${i + 1}`, email: `escala${i + 1}@bench.test`, message: `Olá, cliente ${i + 1}` },
      }), retries);
    if (res.status !== 201) throw new Error(`chat ${i + 1}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return { i, ip, chatId: res.body.chat.id, wsUrl: res.body.ws.url, customerToken: res.body.customerToken, lastSeq: 0, frames: 0 };
  });
}

/** Tracks the highest seq a customer saw (its next chat.sync starts there) and counts its frames. */
export function trackCustomer(c) {
  const inner = c.ws.onFrame;
  c.ws.onFrame = (frame, at) => {
    c.frames++;
    if (frame.type === "message.created") c.lastSeq = Math.max(c.lastSeq, frame.message.seq);
    inner(frame, at);
  };
}

async function connectScaleCustomers(chats, port) {
  await pool(chats, SCALE.connectConcurrency, async (c) => {
    const url = new URL(c.wsUrl);
    url.port = String(port);
    c.ws = await retried(`socket ${c.i + 1}`, () => openSocket(url.toString(), { "cf-connecting-ip": c.ip }), retries);
    trackCustomer(c);
  });
}

/** Attendant k accepts chats [k·100, (k+1)·100); resolves when every owner saw its chat.accepted. */
async function acceptScale(chats, sockets) {
  const waiting = new Set();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${waiting.size} chats not accepted in time`)), SCALE.acceptTimeoutMs);
    for (const s of sockets) {
      s.ws.onFrame = (frame) => {
        if (frame.type === "error") return reject(new Error(`accept refused: ${frame.code} ${frame.message}`));
        if (frame.type !== "chat.accepted" || frame.chat.attendant?.id !== s.id || !waiting.delete(frame.chat.id)) return;
        if (waiting.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
    }
    sockets.forEach((s, k) => {
      for (const chat of chats.slice(k * SCALE.maxChats, (k + 1) * SCALE.maxChats)) {
        chat.ownerId = s.id;
        waiting.add(chat.chatId);
        s.ws.send(JSON.stringify({ type: "chat.accept", chatId: chat.chatId }));
      }
    });
  });
  for (const s of sockets) s.ws.onFrame = () => {};
}

const seconds = (from) => (performance.now() - from) / 1000;

/** Tries `fn` up to 4 times (a visitor's browser retries too); every retry is logged and counted. */
export async function retried(what, fn, counter) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt === 4) throw error;
      counter.retries++;
      log(`${what}: ${error.message}; again`);
      await sleep(1000 * attempt);
    }
  }
}
const retries = { retries: 0 };
const cpuMs = (child, pid) => workerdCpu(child)[pid] ?? NaN;

/**
 * The scale step and then the reconnect storm. `ctx`: `{ app, direct: { port, pid }, restart,
 * figure }`; `restart()` stops the app server and starts it again on the same data, resolving
 * with `{ app, direct }`. Every socket is closed at the end.
 */
export async function scaleStep(ctx) {
  const { figure } = ctx;
  const base = `http://127.0.0.1:${ctx.direct.port}`;
  let attendants = [];
  let chats = [];
  try {
    const accounts = await loginAll(ctx.app.url);
    attendants = await connectScaleAttendants(ctx.app.url, ctx.direct.port, accounts);
    let t = performance.now();
    chats = await startScaleChats(base);
    figure("scale_start_s", seconds(t));
    const rssBefore = rssMb(ctx.direct.pid);
    figure("scale_room_rss_before_sockets_mb", rssBefore);
    t = performance.now();
    await connectScaleCustomers(chats, ctx.direct.port);
    figure("scale_connect_s", seconds(t));
    figure("scale_customers", chats.length);
    figure("scale_start_connect_retries", retries.retries);
    const rssConnected = rssMb(ctx.direct.pid);
    figure("scale_room_rss_connected_mb", rssConnected);
    figure("scale_room_kb_per_socket", ((rssConnected - rssBefore) * 1024) / chats.length);
    log(`scale: ${chats.length} customer and ${attendants.length} attendant sockets open`);

    const accepted = chats.slice(0, SCALE.attendants * SCALE.maxChats);
    const framesBefore = chats.reduce((n, c) => n + c.frames, 0);
    const cpu0 = cpuMs(ctx.app.child, ctx.direct.pid);
    t = performance.now();
    await acceptScale(accepted, attendants);
    figure("scale_accept_s", seconds(t));
    figure("scale_accept_room_cpu_ms", cpuMs(ctx.app.child, ctx.direct.pid) - cpu0);
    await sleep(500);
    figure("scale_accept_customer_frames", chats.reduce((n, c) => n + c.frames, 0) - framesBefore);
    figure("scale_accepted", accepted.length);
    figure("scale_waiting", chats.length - accepted.length);

    const probe = new DeliveryProbe(attendants, accepted.map((c) => ({ chatId: c.chatId, ownerId: c.ownerId, ws: c.ws })));
    // The probe took the customers' frames: keep following their seqs too.
    for (const c of accepted) trackCustomer(c);
    const cpu1 = cpuMs(ctx.app.child, ctx.direct.pid);
    const r = await probe.run(SCALE.rate, SCALE.ms);
    const cpu = cpuMs(ctx.app.child, ctx.direct.pid) - cpu1;
    log(`scale ${SCALE.rate}/s: delivered ${Math.round(r.achievedPerS)}/s p50 ${r.p50} p99 ${r.p99} max ${r.max}; bench cpu ${Math.round(r.clientCpuPct)}%`);
    figure("scale_delivery_p50_ms", r.p50);
    figure("scale_delivery_p99_ms", r.p99);
    figure("scale_achieved_per_s", Math.round(r.achievedPerS));
    figure("scale_room_cpu_us_per_message", (cpu * 1000) / Math.max(1, r.sent));
    figure("scale_room_rss_mb", rssMb(ctx.direct.pid));
    figure("scale_lost", r.lost + r.refused + r.errors);
    figure("scale_bench_loop_delay_p99_ms", r.clientLoopP99);
    figure("scale_bench_cpu_pct", Math.round(r.clientCpuPct));
    if (probe.unexpected.size) log(`scale: error frames ${JSON.stringify(Object.fromEntries(probe.unexpected))}`);

    await reconnectStorm({ ...ctx, chats, accepted, attendants, accounts, figure });
  } finally {
    await closeAll([...chats.map((c) => c.ws), ...attendants.map((a) => a.ws)]);
  }
}
