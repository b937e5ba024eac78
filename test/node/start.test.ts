/**
 * `npm start` as a newcomer runs it (issue 13, "Two commands on any fresh machine"): Ctrl+C, a
 * SIGINT to its process group as a terminal sends it, frees the port within 3 s and says it is
 * stopping; a busy port is named at once with the way to choose another. Each run has its own
 * loopback port and its own state directory (`PERSIST_TO`), never the repository's .wrangler/.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { portProblem } from "../../scripts/lifecycle.mjs";
import { freePort, root } from "../../scripts/local-server.mjs";

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Kills every process group with a process whose command line mentions `text` (this run's state dir). */
function killGroupsMentioning(text: string): void {
  const groups = new Set<number>();
  for (const line of execFileSync("ps", ["-eo", "pgid=,args="], { encoding: "utf8" }).split("\n")) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match && match[2].includes(text)) groups.add(Number(match[1]));
  }
  for (const group of groups) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** `npm start` in its own process group (a terminal's foreground job), on `port`. */
function npmStart(port: number): Run {
  const state = mkdtempSync(join(tmpdir(), "atendimento-start-"));
  const child = spawn("npm", ["start"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), PERSIST_TO: state, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // After a failed assertion too: npm's group, then wrangler dev's own group (it is detached from
  // npm start), found by this run's state directory on its command line.
  cleanups.push(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    killGroupsMentioning(state);
    rmSync(state, { recursive: true, force: true });
  });
  return { child, output: () => output, exited };
}

async function until<T>(what: string, check: () => Promise<T | undefined>, ms: number, run: Run): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not within ${ms} ms; npm start said:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm start", () => {
  it("frees its port within 3 s of Ctrl+C (SIGINT to its process group) and says it is stopping", async () => {
    const port = await freePort();
    const run = npmStart(port);
    await until(
      "the banner, and an answer on /api/health",
      async () => {
        if (run.child.exitCode !== null) throw new Error(`npm start exited (${run.child.exitCode}):\n${run.output()}`);
        if (!run.output().includes("Press Ctrl+C to stop.")) return undefined;
        const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
        return res?.ok ? true : undefined;
      },
      // Two wrangler CLI runs (migrations, seed) and wrangler dev: seconds alone, far more on a
      // loaded machine.
      150_000,
      run,
    );
    expect(run.output()).toMatch(/Administrador\s+admin@demo\.test/);
    expect(run.output()).toMatch(/Gerente\s+gerente@demo\.test/);
    expect(run.output()).toMatch(/Atendente\s+ana@demo\.test/);

    const sent = Date.now();
    process.kill(-run.child.pid!, "SIGINT");
    await until("the port free again", async () => ((await portProblem(port)) === null ? true : undefined), 3000, run);
    await until("npm start gone", async () => (run.child.exitCode !== null || run.child.signalCode !== null ? true : undefined), 3000 - (Date.now() - sent), run);
    expect(Date.now() - sent).toBeLessThan(3000);
    expect(run.output()).toMatch(/stopping Atendimento Online/);
  }, 180_000);

  it("on a busy port names the port and how to choose another, and exits non-zero at once", async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    cleanups.push(() => void blocker.close());
    const started = Date.now();
    const run = npmStart(port);
    const code = await Promise.race([run.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000))]);
    expect(code, run.output()).not.toBe("timeout");
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.output()).toContain(`Port ${port} is already in use`);
    expect(run.output()).toContain(`PORT=${port + 1} npm start`);
    // Nothing ran: no migrations, no wrangler.
    expect(run.output()).not.toContain("Applying D1 migrations");
  }, 30_000);
});
