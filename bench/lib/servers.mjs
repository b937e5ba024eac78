// The two servers the bench runs: the app (`wrangler dev` of the project, through
// scripts/local-server.mjs) and the bare echo fixture in bench/echo/. Both on 127.0.0.1 only,
// each in its own process group so that one kill ends both of its workerd processes.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "../../scripts/demo-seed.mjs";
import { freePort, quietEnv, root, stopProcessGroup } from "../../scripts/local-server.mjs";
import { sleep } from "./stats.mjs";

const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

export const BENCH_PASSWORD = "bench-attendant-123";

/** Three more attendants of dep-suporte, online on login (the demo has Ana and the manager). */
export function benchAttendants(count = 3) {
  return Array.from({ length: count }, (_, i) => ({
    id: `att-bench-${i + 1}`,
    name: `Bench ${i + 1}`,
    email: `bench${i + 1}@demo.test`,
  }));
}

const q = (v) => (typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

/** Inserts the bench attendants into the local D1 with the same wrangler as local-server.mjs. */
export function addBenchAttendants(persistTo, attendants) {
  const now = Date.now();
  const sql = attendants.flatMap((a) => [
    `INSERT OR IGNORE INTO attendants (id, account_id, name, email, password_hash, role, chat_status_on_login, chat_status, active, created_at) VALUES (${[
      a.id, "demo-account", a.name, a.email, hashPassword(BENCH_PASSWORD), "attendant", "online", "offline", 1, now,
    ].map(q).join(", ")})`,
    `INSERT OR IGNORE INTO attendant_departments (account_id, attendant_id, department_id) VALUES (${["demo-account", a.id, "dep-suporte"].map(q).join(", ")})`,
  ]);
  execFileSync(process.execPath, [wranglerBin, "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql.join("; ")], {
    cwd: root,
    env: quietEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function answers(url, timeoutMs = 1000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    return res.ok ? text : null;
  } catch {
    return null;
  }
}

/** Starts `wrangler dev -c bench/echo/wrangler.toml` and resolves once /health answers. */
export async function startEchoServer(persistTo) {
  const port = await freePort();
  // An explicit inspector port: the app's wrangler takes the default 9229 at the same moment.
  const inspector = await freePort();
  const args = [wranglerBin, "dev", "-c", join(root, "bench", "echo", "wrangler.toml"), "--ip", "127.0.0.1", "--port", String(port)];
  args.push("--inspector-port", String(inspector), "--persist-to", persistTo, "--log-level", "warn");
  const child = spawn(process.execPath, args, { cwd: root, env: quietEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while ((await answers(`${url}/health`)) !== "ok") {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopProcessGroup(child);
      throw new Error(`echo wrangler dev did not start:\n${output}`);
    }
    await sleep(200);
  }
  return { url, port, child, stop: () => stopProcessGroup(child) };
}

/**
 * The user worker's own port behind wrangler's proxy (STACK.md: "find it with ss -ltnp"): a
 * loopback port held by a workerd of the same process group, other than the proxy's, that
 * answers `probePath` as the proxy does. Returns `{ port, pid }`, or null when none does.
 */
export async function findDirectPort(child, proxyPort, probePath, expect) {
  let pids;
  let listening;
  try {
    pids = new Set(execFileSync("ps", ["-o", "pid=", "-g", String(child.pid)]).toString().split(/\s+/).filter(Boolean));
    listening = execFileSync("ss", ["-ltnpH"]).toString().split("\n");
  } catch {
    return null;
  }
  const candidates = [];
  for (const line of listening) {
    const local = line.match(/127\.0\.0\.1:(\d+)\s/);
    const owner = line.match(/"workerd",pid=(\d+)/);
    if (local && owner && pids.has(owner[1]) && Number(local[1]) !== proxyPort) candidates.push({ port: Number(local[1]), pid: owner[1] });
  }
  for (const candidate of candidates) {
    const body = await answers(`http://127.0.0.1:${candidate.port}${probePath}`);
    if (body !== null && expect(body)) return candidate;
  }
  return null;
}

/**
 * CPU time (ms) used so far by each workerd of `child`'s process group, read from /proc:
 * `{ [port or pid]: ms }`. Only for the progress log, to show which process is the limit.
 */
export function workerdCpu(child) {
  const out = {};
  try {
    const pids = execFileSync("ps", ["-o", "pid=,comm=", "-g", String(child.pid)]).toString().trim().split("\n");
    for (const line of pids) {
      const [pid, comm] = line.trim().split(/\s+/);
      if (comm !== "workerd") continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second).
      out[pid] = (Number(fields[11]) + Number(fields[12])) * 10;
    }
  } catch {
    // the process group is gone
  }
  return out;
}
