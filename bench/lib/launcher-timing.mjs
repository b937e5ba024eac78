// Time to the widget's launcher in headless Chromium: cold page loads (a fresh browser context
// each: empty cache and storage) of a host page on another origin with the README snippet. In
// each, a script injected before the page's own records `performance.now()` (milliseconds since
// the navigation started) at the first animation frame in which `button[part="launcher"]` is
// visible, i.e. after widget.js ran, fetched the configuration and showed the element.
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { freePort } from "../../scripts/local-server.mjs";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import { DEMO } from "../../scripts/demo-seed.mjs";
import { FLOOR_SCRIPT_URL, launcherFloor } from "./launcher-floor.mjs";
import { scriptTasks, WIDGET_URL } from "./widget-trace.mjs";

/** Bound on one page load, from navigation to a visible launcher. */
const LOAD_TIMEOUT_MS = 15_000;

/**
 * What the probe logs once the launcher shows. The bench waits for this console message rather
 * than with `page.waitForFunction`: that one makes Playwright inject its own script (about
 * 330 KB) into the page while it loads, whose evaluation (about 30 ms of CPU, 100 ms on a
 * loaded machine) ran on the main thread before widget.js and was counted in the launcher's time.
 */
const LAUNCHER_VISIBLE = "tomticket-bench:launcher-visible";

/** Resolves once `page` logs that the launcher shows (subscribe before navigating). */
const launcherVisible = (page) =>
  page.waitForEvent("console", { predicate: (m) => m.text() === LAUNCHER_VISIBLE, timeout: LOAD_TIMEOUT_MS });

/** Runs in the page before its scripts: polls each frame until the launcher shows. */
function probeLauncher(LAUNCHER_VISIBLE) {
  const look = () => {
    const button = document.querySelector("tomticket-chat")?.shadowRoot?.querySelector('button[part="launcher"]');
    if (button && button.checkVisibility() && button.getBoundingClientRect().width > 0) {
      window.__launcherVisibleAt = performance.now();
      console.debug(LAUNCHER_VISIBLE);
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
/** The probe with its console message bound (an init script is a function and one argument). */
const probe = [probeLauncher, LAUNCHER_VISIBLE];

/**
 * Runs in the page before its scripts: every long task (50 ms or more: the threshold of the
 * Long Tasks API) the page's main thread runs, kept in `__longTasks`.
 */
function observeLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
}

/**
 * Runs in the page once the launcher shows: where its time went, in ms since the navigation
 * started (Resource Timing): the host page parsed (`page_parsed`, the browser's own work, the
 * same without a widget), widget.js requested and received, the configuration requested and
 * received. What lies between is the main thread running other work (or the widget's script).
 */
function loadPhases() {
  const entry = (path) => performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === path);
  const script = entry("/widget.js");
  const config = entry("/api/widget/config");
  return {
    page_parsed: performance.getEntriesByType("navigation")[0]?.domInteractive ?? NaN,
    script_requested: script?.startTime ?? NaN,
    script_received: script?.responseEnd ?? NaN,
    config_requested: config?.startTime ?? NaN,
    config_received: config?.responseEnd ?? NaN,
  };
}

/** The median of `values`. */
function middle(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * One more cold load, traced: the launcher shows, the customer clicks it and the chat's form
 * (or, with nobody online, the offline form) appears. Resolves to the longest main-thread task
 * that ran widget code (`longestTaskMs`, from the trace) and the Long Tasks API's entries of the
 * same load (`longTasks`, ms each).
 */
async function longestTasks(browser, port) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(...probe);
    await context.addInitScript(observeLongTasks);
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
    const visible = launcherVisible(page);
    await page.goto(`http://localhost:${port}/`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await visible;
    await page.locator('button[part="launcher"]').click({ timeout: LOAD_TIMEOUT_MS });
    await page.locator("tomticket-chat-panel textarea").waitFor({ state: "visible", timeout: LOAD_TIMEOUT_MS });
    // Whatever the opening set off (rendering, idle work) ends within this.
    await page.waitForTimeout(500);
    const longTasks = await page.evaluate(() => window.__longTasks);
    const raw = await browser.stopTracing();
    // BENCH_WIDGET_TRACE=<dir>: keep the trace (open it in Chrome DevTools' Performance panel).
    if (process.env.BENCH_WIDGET_TRACE) writeFileSync(join(process.env.BENCH_WIDGET_TRACE, `widget-${Date.now()}.json`), raw);
    const trace = JSON.parse(raw.toString());
    const tasks = scriptTasks(trace.traceEvents ?? trace, WIDGET_URL);
    return {
      longestTaskMs: tasks.length ? Math.max(...tasks.map((t) => t.ms)) : null,
      longestTaskCpuMs: tasks.length ? Math.max(...tasks.map((t) => t.cpuMs)) : null,
      widgetTasks: tasks.length,
      tasks,
      longTasks,
    };
  } finally {
    await context.close();
  }
}

/**
 * One more cold load of the floor's page (launcher-floor.mjs), traced as the widget's: the tasks
 * that ran its script, each `{ ms, cpuMs }`. What the same trace gives a script that only draws a
 * button, on this machine and this Chromium: the floor under `widget_longest_task_ms`.
 */
async function floorTasks(browser, url) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(...probe);
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
    const visible = launcherVisible(page);
    await page.goto(url, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await visible;
    await page.waitForTimeout(500);
    const trace = JSON.parse((await browser.stopTracing()).toString());
    return scriptTasks(trace.traceEvents ?? trace, FLOOR_SCRIPT_URL);
  } finally {
    await context.close();
  }
}

/**
 * One cold load of `url` in a fresh context of `browser`: ms from navigation start to the
 * first frame with the launcher visible (`at`), and where that time went (`phases`).
 */
async function coldLoad(browser, url) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(...probe);
    const page = await context.newPage();
    const visible = launcherVisible(page);
    await page.goto(url, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await visible;
    const at = await page.evaluate(() => window.__launcherVisibleAt);
    const phases = await page.evaluate(loadPhases);
    // From widget.js received to the visible launcher: what the widget itself takes.
    phases.from_script = at - phases.script_received;
    return { at, phases };
  } finally {
    await context.close();
  }
}

/**
 * Loads a host page embedding the widget of `server` `loads` times (after one warm-up load), each
 * in a new context.
 * Resolves to the samples (ms from navigation start to a visible launcher) and their median,
 * the floor's samples and median (launcher-floor.ts: a page whose script only draws a button)
 * and the longest task of its traced loads (`floorLongest`, `{ ms, cpuMs }`),
 * and the traced load's tasks; with `online` (it runs its argument with an attendant online),
 * the traced load again with the chat's pre-chat form (`online`); or to `{ skipped }` when
 * there is no Chromium to run.
 * @param {string} server the app's origin, e.g. http://127.0.0.1:8787
 * @param {{ loads?: number, online?: (run: () => Promise<object>) => Promise<object> }} [options]
 */
export async function launcherTiming(server, { loads = 5, online } = {}) {
  let launch;
  try {
    launch = await chromiumLaunchOptions();
  } catch (error) {
    return { skipped: error.message };
  }
  const html =
    '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Loja</title></head><body><h1>Loja Exemplo</h1>' +
    `<script src="${server}/widget.js" data-account="${DEMO.publicKey}" async></script></body></html>`;
  const port = await freePort();
  const site = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(html);
  });
  await new Promise((resolve) => site.listen(port, "127.0.0.1", resolve));
  const browser = await chromium.launch(launch);
  try {
    const samples = [];
    const breakdown = [];
    // One load first, not counted: the worker's first request compiles it, which is not the widget's cost.
    for (let i = -1; i < loads; i++) {
      // Another origin than the app's (localhost vs 127.0.0.1), as on a customer's site.
      const { at, phases } = await coldLoad(browser, `http://localhost:${port}/`);
      if (i >= 0) {
        samples.push(at);
        breakdown.push(phases);
      }
    }
    // Traced twice, as the widget is (the offline and the online load), for a like maximum.
    const floorTraced = async (url) => [...(await floorTasks(browser, url)), ...(await floorTasks(browser, url))];
    const floor = await launcherFloor(async (url) => (await coldLoad(browser, url)).at, loads, floorTraced);
    const tasks = await longestTasks(browser, port);
    const onlineTasks = online ? await online(() => longestTasks(browser, port)) : undefined;
    const median = middle(samples);
    const phases = Object.fromEntries(Object.keys(breakdown[0] ?? {}).map((k) => [k, middle(breakdown.map((b) => b[k]))]));
    const floorLongest = floor.traced.length ? { ms: Math.max(...floor.traced.map((t) => t.ms)), cpuMs: Math.max(...floor.traced.map((t) => t.cpuMs)) } : null;
    return { samples, median, phases, floor: floor.samples, floorMedian: middle(floor.samples), floorLongest, ...tasks, online: onlineTasks };
  } finally {
    await browser.close().catch(() => {});
    await new Promise((resolve) => site.close(resolve));
  }
}
