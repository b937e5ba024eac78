// The start and the end of `npm start` as a newcomer sees them: a busy port is named with the way
// out before anything runs, and Ctrl+C frees the port within a few seconds, saying so.
import { createServer } from "node:net";

/** How long wrangler dev gets to shut down on its own before its process group is killed. */
export const GRACE_MS = 1500;

/**
 * Resolves to the error code when `port` on `host` cannot be listened on (`EADDRINUSE` when another
 * process has it), or to null when it is free.
 * @param {number} port
 * @param {string} [host]
 * @returns {Promise<string | null>}
 */
export function portProblem(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error) => resolve(error.code ?? String(error)));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/**
 * The port `npm start` serves on: `PORT`, else 8787. Exits with a message saying which port and
 * how to choose another when it is not a port number or another process listens on it.
 * @returns {Promise<number>}
 */
export async function choosePort() {
  const raw = process.env.PORT ?? "8787";
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    fail(`PORT=${raw} is not a port number (1–65535). Example: PORT=8788 npm start`);
  }
  const problem = await portProblem(port);
  if (problem === "EADDRINUSE") {
    fail(`Port ${port} is already in use (another \`npm start\` or another program listens on 127.0.0.1:${port}).
Stop that program, or choose another port: PORT=${port === 65535 ? 8788 : port + 1} npm start`);
  }
  if (problem) fail(`Cannot listen on 127.0.0.1:${port} (${problem}). Choose another port: PORT=8788 npm start`);
  return port;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

/**
 * On SIGINT or SIGTERM: says it is stopping, ends wrangler dev's whole process group (SIGTERM,
 * then SIGKILL after `GRACE_MS`: left alone, its shutdown took about 20 s to free the port) and
 * exits. A second signal kills at once.
 * @param {import("node:child_process").ChildProcess} child wrangler dev, leader of its own process group
 */
export function stopOnSignals(child) {
  let stopping = false;
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = (signal) => {
    if (stopping) return kill("SIGKILL");
    stopping = true;
    console.log(`\n${signal}: stopping Atendimento Online (port free in a moment)…`);
    kill("SIGTERM");
    setTimeout(() => kill("SIGKILL"), GRACE_MS).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.once("exit", (code, signal) => {
    // Its workerd processes may outlive wrangler itself, still holding the port.
    kill("SIGKILL");
    if (stopping) console.log("Stopped.");
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
  });
}
