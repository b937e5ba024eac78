// `node bench/console.mjs`: only `console_render_ms` of `npm run bench` (bench/lib/console-render.mjs),
// on a fresh local database in /dev/shm: a quick check while working on the console. Build first
// (`node scripts/build-assets.mjs`); wrangler dev is stopped at the end, also on errors.
// SCREENSHOTS=<dir> also saves the desk with 500 waiting chats at 1280×800 and 390×844.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO } from "../scripts/demo-seed.mjs";
import { prepareDatabase, startLocalServer } from "../scripts/local-server.mjs";
import { consoleRender } from "./lib/console-render.mjs";
import { reportConsoleRender } from "./lib/console-render-report.mjs";
import { fmt } from "./lib/stats.mjs";

const figure = (name, value) => process.stdout.write(`${name}: ${typeof value === "number" ? fmt(value) : value}\n`);
const ana = DEMO.attendants.find((a) => a.departments.includes("dep-suporte"));

const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "atendimento-console-bench-"));
let app;
try {
  figure("loadavg_1m_at_start", loadavg()[0]);
  prepareDatabase(dir);
  app = await startLocalServer({ persistTo: dir, vars: { TOKEN_SECRET: "console-bench-secret-0123456789abcdef" } });
  reportConsoleRender(await consoleRender(app.url, { email: ana.email, password: ana.password }, { screenshots: process.env.SCREENSHOTS }), figure);
  figure("loadavg_1m_at_end", loadavg()[0]);
} finally {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
}
