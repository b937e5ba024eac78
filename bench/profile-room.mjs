// Profiles the user worker's isolates with workerd's own V8 inspector (wrangler starts the user
// worker's workerd with `--inspector-addr=localhost:0`; its port is found with `ss -ltnp`, as
// the user worker's port is): CDP `Profiler.start` / `Profiler.stop` over a WebSocket per
// target: the app (`core:user:*`, the Worker and its Durable Objects) and the local D1
// (`d1:db:*`, a worker of its own in the same process, so its CPU counts in the room's figure).
// workerd answers with `{ id, method, result }`.
//
// An isolate has one inspector session, and wrangler's inspector proxy holds the app's (it
// relays console output and enables the Network domain). Relaying a profile through wrangler's
// --inspector-port stalled the proxy and the worker under load, so the profile closes wrangler's
// sessions (`ss -K`; wrangler does not reconnect them) and talks to workerd directly. From then
// on the server runs without them (no console relay, no Network events): the CPU figures of
// the steps after a profile are not comparable with a run without one.
//
// Used by bench/run.mjs with `BENCH_PROFILE=<step rate>` (e.g. BENCH_ONLY=ceiling
// BENCH_PROFILE=1500 node bench/run.mjs): the step at that rate is profiled, each target's
// profile is written as a .cpuprofile (open it in Chrome DevTools) and the top self-time
// functions go to stderr. Every call has a deadline: a profile never stalls the bench.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import WebSocket from "ws";

/** Microseconds between samples: fine enough for a 5 s step, coarse enough not to skew it. */
const SAMPLING_US = 250;
const TOP = 25;
const CALL_TIMEOUT_MS = 15_000;
const TARGETS = { app: /^core:user:/, d1: /^d1:db:/ };

/** workerd `pid`'s inspector port and the targets TARGETS name: `{ port, targets: [{ id, url }] }`. */
async function inspectorOf(pid) {
  const ports = execFileSync("ss", ["-ltnpH"])
    .toString()
    .split("\n")
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => line.match(/127\.0\.0\.1:(\d+)\s/)?.[1])
    .filter(Boolean);
  for (const port of ports) {
    const list = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(2000) })
      .then((res) => res.json())
      .catch(() => null);
    if (!Array.isArray(list)) continue;
    const targets = [];
    for (const [id, re] of Object.entries(TARGETS)) {
      const t = list.find((entry) => re.test(entry.id));
      if (t) targets.push({ id, url: t.webSocketDebuggerUrl });
    }
    return { port, targets };
  }
  throw new Error(`no V8 inspector found for workerd ${pid}`);
}

/** Closes the established connections to `port` (wrangler's inspector sessions). */
function closeSessions(port) {
  execFileSync("ss", ["-K", "-tnH", "state", "established", "dport", "=", `:${port}`]);
}

async function connect(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
    setTimeout(() => reject(new Error(`inspector ${url}: no connection`)), CALL_TIMEOUT_MS);
  });
  let id = 0;
  const waiting = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(data.toString());
    const w = msg.id !== undefined ? waiting.get(msg.id) : undefined;
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(msg.error.message));
    else w.resolve(msg.result);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      const timer = setTimeout(() => {
        waiting.delete(n);
        reject(new Error(`${method}: no answer in ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      waiting.set(n, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  return { ws, call };
}

/** Closes wrangler's inspector sessions to workerd `pid` (its console relay and Network events). */
export async function detachDevtools(pid) {
  closeSessions((await inspectorOf(pid)).port);
}

/**
 * Starts a CPU profile of the app and of D1 (both in workerd `pid`, the user worker); resolves
 * with `stop(prefix)`, which
 * ends it, writes `<prefix>-<target>.cpuprofile` per target and returns
 * `[{ id, file, top: [{ name, percent }] }]`.
 */
export async function startProfile(pid) {
  const sessions = [];
  const inspector = await inspectorOf(pid);
  closeSessions(inspector.port);
  for (const target of inspector.targets) {
    const session = await connect(target.url);
    await session.call("Profiler.enable");
    await session.call("Profiler.setSamplingInterval", { interval: SAMPLING_US });
    await session.call("Profiler.start");
    sessions.push({ ...target, ...session });
  }
  return async (prefix) => {
    const out = [];
    for (const s of sessions) {
      try {
        const { profile } = await s.call("Profiler.stop");
        const file = `${prefix}-${s.id}.cpuprofile`;
        writeFileSync(file, JSON.stringify(profile));
        out.push({ id: s.id, file, top: topSelf(profile), ms: (profile.endTime - profile.startTime) / 1000, busy: busyShare(profile) });
      } finally {
        s.ws.close();
      }
    }
    return out;
  };
}

/** The share of samples in which the isolate ran something (not idle). */
function busyShare(profile) {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  return profile.samples.filter((id) => !idle.has(id)).length / Math.max(1, profile.samples.length);
}

/** Self time per function (name, file:line) as a share of the busy samples, largest first. */
export function topSelf(profile, count = TOP) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map();
  let busy = 0;
  for (const id of profile.samples) {
    const f = nodes.get(id).callFrame;
    if (f.functionName === "(idle)") continue;
    busy++;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + 1);
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, n]) => ({ name, percent: (n / busy) * 100 }));
}
