// The `console_render_*` lines of a consoleRender() result, shared by run.mjs and bench/console.mjs.
import { fmt, log } from "./stats.mjs";

/** Prints the figures (stdout) and the detail (stderr: per-tag Lit updates, what showed each message). */
export function reportConsoleRender(r, figure) {
  if (r.skipped) return figure("console_render_ms", `n/a (${r.skipped})`);
  const shown = {};
  for (const s of r.samples) shown[s.shown] = (shown[s.shown] ?? 0) + 1;
  log(`console render: ${r.samples.length} messages, median ${fmt(r.median, 2)} ms, p95 ${fmt(r.p95, 2)} ms, max ${fmt(r.max, 2)} ms; shown as ${JSON.stringify(shown)}`);
  log(`console render: desk ${JSON.stringify(r.counts)}; Lit updates during the messages ${JSON.stringify(r.updates)}; long tasks ${JSON.stringify(r.longTasks)}`);
  figure("console_render_ms", r.p95);
  figure("console_render_median_ms", r.median);
  figure("console_render_tasks_ms", r.longestTaskMs);
  figure("console_render_cpu_per_message_ms", r.cpuPerMessageMs);
  figure("console_render_missing", r.samples.filter((s) => s.shown === "missing").length);
}
