// Reading Chromium's trace of a page load (bench/lib/launcher-timing.mjs): the main-thread tasks
// that ran a given script's code (the widget's, the floor's), and what each did, its main parts
// by name, so the bench's stderr says which script, function, style or layout work made a task
// long instead of leaving it to guesswork.

/** Trace events worth naming inside a task, with the field that tells them apart. */
const PARTS = new Set([
  "EvaluateScript",
  "v8.compile",
  "FunctionCall",
  "TimerFire",
  "FireIdleCallback",
  "FireAnimationFrame",
  "EventDispatch",
  "RunMicrotasks",
  "UpdateLayoutTree",
  "Layout",
  "ParseHTML",
  "ParseAuthorStyleSheet",
  "Paint",
]);

/** A short label: the script's file, the function's name, the event's type, the elements restyled. */
function label(event) {
  const data = event.args?.data ?? event.args?.beginData ?? {};
  const file = (data.url ?? "").replace(/^.*\//, "").replace(/\?.*$/, "");
  const extra = [file, data.functionName, data.type, data.elementCount ? `${data.elementCount} el` : ""].filter(Boolean).join(":");
  return extra ? `${event.name}(${extra})` : event.name;
}

/** The named parts in `[from, to)` that no other of them contains, in order. */
function outermost(events, from, to, exclude) {
  const inside = events
    .filter((e) => e !== exclude && PARTS.has(e.name) && e.ts >= from && e.ts < to && e.dur >= 300)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const top = [];
  let until = -1;
  for (const e of inside) {
    if (e.ts < until) continue;
    top.push(e);
    until = e.ts + e.dur;
  }
  return top;
}

const ms = (e) => `${(e.dur / 1000).toFixed(1)}/${((e.tdur ?? e.dur) / 1000).toFixed(1)}`;

/**
 * The main parts of `task` (a `RunTask` trace event) among `events` (the main thread's complete
 * events): the outermost named parts of at least 0.3 ms, longest first (at most `limit`), each
 * as "name(file:function) wall/cpu ms" with its own outermost named parts in brackets.
 * @param {object[]} events
 * @param {{ ts: number, dur: number }} task
 */
export function describeTask(events, task, limit = 6) {
  return outermost(events, task.ts, task.ts + task.dur, task)
    .sort((a, b) => b.dur - a.dur)
    .slice(0, limit)
    .map((e) => {
      const parts = outermost(events, e.ts, e.ts + e.dur, e).sort((a, b) => b.dur - a.dur).slice(0, limit);
      return `${label(e)} ${ms(e)}${parts.length ? ` [${parts.map((p) => `${label(p)} ${ms(p)}`).join(", ")}]` : ""}`;
    })
    .join(", ");
}

/** A widget script, by its URL (widget.js, widget-panel.js, the chunks and language files). */
export const WIDGET_URL = /\/widget[\w-]*\.js(\?|$)/;

/**
 * The tasks of the renderer's main thread (Chromium's trace: `RunTask` events) that run code of
 * the scripts `scriptUrl` matches, i.e. that contain a compile, an evaluation, a call or a
 * timer/event handler of one, including the style and layout work the browser does inside it. The Long
 * Tasks API only reports tasks of 50 ms or more; the trace sees every task, so tasks of a few
 * milliseconds are measured too. Each as `{ ms, cpuMs }`: wall time, and the main thread's CPU
 * time in it (`tdur`), which a loaded machine stretches less (other processes' work is not in it).
 * @param {object[]} events the trace's `traceEvents`
 * @param {RegExp} scriptUrl the scripts whose tasks count (WIDGET_URL; the floor's button.js)
 */
export function scriptTasks(events, scriptUrl) {
  const isMark = (e) => {
    const data = e.args?.data ?? e.args?.beginData ?? {};
    return scriptUrl.test(data.url ?? data.scriptName ?? data.stackTrace?.[0]?.url ?? "");
  };
  // The page's renderer main thread: a trace may hold several renderers (e.g. one for the blank
  // page before the navigation), so the one that ran the scripts' code.
  const mains = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const main = mains.find((m) => events.some((e) => e.pid === m.pid && e.tid === m.tid && e.ph === "X" && isMark(e)));
  if (!main) return [];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
  const tasks = onMain.filter((e) => e.name === "RunTask").sort((a, b) => a.ts - b.ts);
  const marks = onMain.filter(isMark);
  const start = Math.min(...tasks.map((t) => t.ts));
  return tasks
    .filter((t) => marks.some((m) => m.ts >= t.ts && m.ts < t.ts + t.dur))
    .map((t) => ({ ms: t.dur / 1000, cpuMs: (t.tdur ?? t.dur) / 1000, at: (t.ts - start) / 1000, what: describeTask(onMain, t) }));
}
