// Starts the app locally the way `npm start` does: local D1 migrated, demo account seeded,
// `wrangler dev` on loopback. Used by `npm start`, the browser tests and the benchmark.
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { COMERCIAL_SHIFT_ID, demoSeedSql } from "./demo-seed.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
export const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" };

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function wrangler(args, persistTo) {
  const persist = persistTo ? ["--persist-to", persistTo] : [];
  execFileSync(process.execPath, [wranglerBin, ...args, ...persist], { cwd: root, env: quietEnv, stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Applies the D1 migrations and the (idempotent) demo seed to the local database.
 * @param {string} [persistTo]
 * @param {{ openAllHours?: boolean }} [options] `openAllHours` (the browser tests) removes
 *   Comercial's business hours after seeding, so the tests pass at any hour of the day.
 */
export function prepareDatabase(persistTo, { openAllHours = false } = {}) {
  wrangler(["d1", "migrations", "apply", "DB", "--local"], persistTo);
  const dir = join(persistTo ?? join(root, ".wrangler"), "tmp");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "demo-seed.sql");
  const openAll = openAllHours ? `DELETE FROM shifts WHERE id = '${COMERCIAL_SHIFT_ID}';\n` : "";
  writeFileSync(file, demoSeedSql() + openAll);
  wrangler(["d1", "execute", "DB", "--local", `--file=${file}`], persistTo);
}

/**
 * Runs `wrangler dev` and resolves once /api/health answers.
 * @param {{ port?: number, persistTo?: string, vars?: Record<string,string>, inherit?: boolean, onSpawn?: (child: import("node:child_process").ChildProcess) => void }} options
 *   `onSpawn` gets the child as soon as it runs (before it answers), e.g. to stop it on Ctrl+C.
 */
export async function startLocalServer({ port, persistTo, vars = {}, inherit = false, onSpawn } = {}) {
  port ??= await freePort();
  // Its own inspector port too: wrangler's default (9229) is taken by any other wrangler dev
  // running here (parallel test files, a developer's npm start), and then it refuses to start.
  const inspectorPort = await freePort();
  const args = [wranglerBin, "dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort), "--log-level", inherit ? "info" : "warn"];
  if (persistTo) args.push("--persist-to", persistTo);
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: quietEnv,
    stdio: inherit ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    detached: true,
  });
  onSpawn?.(child);
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      // A deadline per probe too: a request the starting worker accepts but never answers would
      // otherwise hold this loop, and its 60 s deadline, forever (a bench run once hung for 12
      // minutes while starting the app, most likely here).
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopProcessGroup(child);
      throw new Error(`wrangler dev did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, child, output: () => output, stop: () => stopProcessGroup(child) };
}

/** wrangler dev runs two workerd processes: end the whole group. */
export function stopProcessGroup(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
    }, 3000).unref();
  });
}
