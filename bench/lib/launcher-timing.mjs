// Time to the widget's launcher in headless Chromium: cold page loads (a fresh browser context
// each: empty cache and storage) of a host page on another origin with the README snippet. In
// each, a script injected before the page's own records `performance.now()` (milliseconds since
// the navigation started) at the first animation frame in which `button[part="launcher"]` is
// visible, i.e. after widget.js ran, fetched the configuration and showed the element.
import { createServer } from "node:http";
import { chromium } from "playwright-core";
import { freePort } from "../../scripts/local-server.mjs";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import { DEMO } from "../../scripts/demo-seed.mjs";

/** Bound on one page load, from navigation to a visible launcher. */
const LOAD_TIMEOUT_MS = 15_000;

/** Runs in the page before its scripts: polls each frame until the launcher shows. */
function probeLauncher() {
  const look = () => {
    const button = document.querySelector("tomticket-chat")?.shadowRoot?.querySelector('button[part="launcher"]');
    if (button && button.checkVisibility() && button.getBoundingClientRect().width > 0) {
      window.__launcherVisibleAt = performance.now();
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/**
 * Loads a host page embedding the widget of `server` `loads` times (after one warm-up load), each
 * in a new context.
 * Resolves to the samples (ms from navigation start to a visible launcher) and their median,
 * or to `{ skipped }` when there is no Chromium to run.
 * @param {string} server the app's origin, e.g. http://127.0.0.1:8787
 * @param {{ loads?: number }} [options]
 */
export async function launcherTiming(server, { loads = 5 } = {}) {
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
    // One load first, not counted: the worker's first request compiles it, which is not the widget's cost.
    for (let i = -1; i < loads; i++) {
      const context = await browser.newContext();
      try {
        await context.addInitScript(probeLauncher);
        const page = await context.newPage();
        // Another origin than the app's (localhost vs 127.0.0.1), as on a customer's site.
        await page.goto(`http://localhost:${port}/`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
        await page.waitForFunction(() => typeof window.__launcherVisibleAt === "number", null, { timeout: LOAD_TIMEOUT_MS });
        const at = await page.evaluate(() => window.__launcherVisibleAt);
        if (i >= 0) samples.push(at);
      } finally {
        await context.close();
      }
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { samples, median };
  } finally {
    await browser.close().catch(() => {});
    await new Promise((resolve) => site.close(resolve));
  }
}
