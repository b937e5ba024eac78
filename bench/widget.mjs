// `node bench/widget.mjs`: only the widget's figures of `npm run bench` (sizes, launcher time,
// longest task), on a fresh local database: a quick check while working on the widget.
// Build first (`node scripts/build-assets.mjs`); wrangler dev is stopped at the end, also on errors.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { prepareDatabase, startLocalServer } from "../scripts/local-server.mjs";
import { widgetFigures } from "./lib/widget-figures.mjs";
import { fmt } from "./lib/stats.mjs";

const figure = (name, value) => process.stdout.write(`${name}: ${typeof value === "number" ? fmt(value) : value}\n`);

const dir = mkdtempSync(join(tmpdir(), "atendimento-widget-bench-"));
let app;
try {
  figure("loadavg_1m_at_start", loadavg()[0]);
  prepareDatabase(dir);
  app = await startLocalServer({ persistTo: dir, vars: { TOKEN_SECRET: "widget-bench-secret-0123456789abcdef" } });
  await widgetFigures(app.url, figure, { loads: 5 });
  figure("loadavg_1m_at_end", loadavg()[0]);
} finally {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
}
