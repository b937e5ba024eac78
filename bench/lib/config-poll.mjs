// The widget's config poll at scale: an account with 10 departments and 1,000 visitors, each
// fetching GET /api/widget/config once from its own IP (so the per-IP limit is not what is
// measured), 50 in flight. Reports the latency and how many department rooms the polls woke:
// the route says how many rooms it asked in its `Server-Timing: rooms;desc="N"` header.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { quietEnv, root } from "../../scripts/local-server.mjs";
import { pool } from "./clients.mjs";
import { percentile } from "./stats.mjs";

export const CONFIG_ACCOUNT_KEY = "bench-config-key";
const DEPARTMENTS = 10;
const VISITORS = 1000;
const IN_FLIGHT = 50;

const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/** Inserts the account and its departments into the local D1 before the server starts. */
export function addConfigAccount(persistTo) {
  const now = Date.now();
  const sql = [
    `INSERT OR IGNORE INTO accounts (id, name, public_key, secret, created_at) VALUES ('bench-config', 'Bench Config', '${CONFIG_ACCOUNT_KEY}', 'bench-secret', ${now})`,
    ...Array.from(
      { length: DEPARTMENTS },
      (_, i) => `INSERT OR IGNORE INTO departments (id, account_id, name, created_at) VALUES ('bench-dep-${i + 1}', 'bench-config', 'Departamento ${i + 1}', ${now})`,
    ),
  ];
  execFileSync(process.execPath, [wranglerBin, "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql.join("; ")], {
    cwd: root,
    env: quietEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** `{ p50, p99, roomsAsked, errors }` over VISITORS polls. */
export async function configPolls(base) {
  const latencies = [];
  let roomsAsked = 0;
  let errors = 0;
  await pool(Array.from({ length: VISITORS }, (_, i) => i), IN_FLIGHT, async (i) => {
    const started = performance.now();
    try {
      const res = await fetch(`${base}/api/widget/config?account=${CONFIG_ACCOUNT_KEY}`, {
        headers: { "cf-connecting-ip": `198.18.${Math.floor(i / 250)}.${i % 250}` },
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      if (!res.ok) errors++;
      const timing = /rooms;desc="(\d+)"/.exec(res.headers.get("server-timing") ?? "");
      roomsAsked += timing ? Number(timing[1]) : 0;
    } catch {
      errors++;
    }
  });
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), roomsAsked, errors, visitors: VISITORS, departments: DEPARTMENTS };
}
