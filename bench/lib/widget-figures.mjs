// The widget's figures, shared by `npm run bench` (run.mjs) and the widget-only run (widget.mjs):
// download sizes (gzip and brotli), the time to a visible launcher and the longest main-thread
// task that ran widget code.
import { join } from "node:path";
import { root } from "../../scripts/local-server.mjs";
import { launcherTiming } from "./launcher-timing.mjs";
import { withAttendantOnline } from "./widget-online.mjs";
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
  const launcher = await launcherTiming(url, { loads, online: (run) => withAttendantOnline(url, run) });
  if (launcher.skipped) {
    figure("widget_launcher_ms", `n/a (${launcher.skipped})`);
    return;
  }
  log(`launcher visible after ${launcher.samples.map((ms) => fmt(ms, 1)).join(", ")} ms (cold page loads)`);
  figure("widget_launcher_ms", launcher.median);
  // The floor: a page whose script only draws a button (launcher-floor.mjs), same cold loads.
  log(`floor: button visible after ${launcher.floor.map((ms) => fmt(ms, 1)).join(", ")} ms (cold page loads)`);
  figure("widget_launcher_floor_ms", launcher.floorMedian);
  // Where the launcher's time goes (medians, ms since navigation start): the host page's own
  // parsing is the browser's, the fetches are the server's and the network's, the rest the
  // main thread's.
  for (const [phase, ms] of Object.entries(launcher.phases)) figure(`widget_launcher_${phase}_ms`, ms);
  log(`${launcher.widgetTasks} main-thread tasks ran widget code; Long Tasks API entries (>= 50 ms): ${JSON.stringify(launcher.longTasks)}`);
  reportTasks("offline form (nobody online)", launcher.tasks);
  // The same traced load with Ana online: the chat's pre-chat form instead of the offline one.
  const online = launcher.online;
  if (online) reportTasks("pre-chat form (Ana online)", online.tasks);
  // The longest of both loads, and the online one beside it.
  const longest = (key) => Math.max(launcher[key] ?? -Infinity, online?.[key] ?? -Infinity);
  figure("widget_longest_task_ms", launcher.longestTaskMs === null ? "n/a (no widget task in the trace)" : longest("longestTaskMs"));
  figure("widget_longest_task_cpu_ms", launcher.longestTaskCpuMs === null ? "n/a" : longest("longestTaskCpuMs"));
  if (online) {
    figure("widget_longest_task_online_ms", online.longestTaskMs ?? "n/a");
    figure("widget_longest_task_online_cpu_ms", online.longestTaskCpuMs ?? "n/a");
  }
  // The same trace of the floor's page: the task of a script that only draws a button.
  figure("widget_longest_task_floor_ms", launcher.floorLongest?.ms ?? "n/a (no task of the floor's script in the trace)");
  figure("widget_longest_task_floor_cpu_ms", launcher.floorLongest?.cpuMs ?? "n/a");
}

/** Each widget task of a traced load on stderr: when (ms from the first task), wall/CPU ms, and what it did. */
function reportTasks(name, tasks) {
  log(`${name}: ${tasks.length} widget tasks`);
  for (const t of tasks) log(`  +${fmt(t.at, 0)} ms: ${fmt(t.ms, 1)}/${fmt(t.cpuMs, 1)} ms: ${t.what}`);
}
