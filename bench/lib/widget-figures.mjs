// The widget's figures, shared by `npm run bench` (run.mjs) and the widget-only run (widget.mjs):
// download sizes (gzip and brotli), the time to a visible launcher and the longest main-thread
// task that ran widget code.
import { join } from "node:path";
import { root } from "../../scripts/local-server.mjs";
import { launcherTiming } from "./launcher-timing.mjs";
import { widgetSizes } from "./sizes.mjs";
import { fmt, log } from "./stats.mjs";

/**
 * Prints the widget's figures through `figure(name, value)` for the app at `url`.
 * The config is the one the loader asks for (`compact=1`: only what differs from the defaults).
 * @param {string} url
 * @param {(name: string, value: unknown) => void} figure
 * @param {{ loads: number }} options
 */
export async function widgetFigures(url, figure, { loads }) {
  const configJson = await (await fetch(`${url}/api/widget/config?account=demo-public-key&lang=&compact=1`)).text();
  for (const [name, value] of widgetSizes(join(root, "public"), configJson)) figure(name, value);
  const launcher = await launcherTiming(url, { loads });
  if (launcher.skipped) {
    figure("widget_launcher_ms", `n/a (${launcher.skipped})`);
    return;
  }
  log(`launcher visible after ${launcher.samples.map((ms) => fmt(ms, 1)).join(", ")} ms (cold page loads)`);
  figure("widget_launcher_ms", launcher.median);
  // Where the launcher's time goes (medians, ms since navigation start): the host page's own
  // parsing is the browser's, the fetches are the server's and the network's, the rest the
  // main thread's.
  for (const [phase, ms] of Object.entries(launcher.phases)) figure(`widget_launcher_${phase}_ms`, ms);
  log(`${launcher.widgetTasks} main-thread tasks ran widget code; Long Tasks API entries (>= 50 ms): ${JSON.stringify(launcher.longTasks)}`);
  figure("widget_longest_task_ms", launcher.longestTaskMs ?? "n/a (no widget task in the trace)");
  log(`widget tasks (wall/cpu ms): ${launcher.tasks.map((t) => `${fmt(t.ms, 1)}/${fmt(t.cpuMs, 1)}`).join(", ")}`);
  figure("widget_longest_task_cpu_ms", launcher.longestTaskCpuMs ?? "n/a");
}
