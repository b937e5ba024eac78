// What the attendant console transfers until its queue shows: `/admin/` opened in headless
// Chromium by a signed-in attendant (a fresh context: nothing cached), every HTTP response's
// body gzip -9 on its own (as the widget's figures), from navigation until the queue section
// (`ao-queue h2`) is visible. The session cookie comes from the login API beforehand, so the
// login form's own requests are not counted. WebSocket frames are not HTTP responses: not counted.
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";

/** Bound on the page load, from navigation to a visible queue. */
const LOAD_TIMEOUT_MS = 20_000;

/**
 * Resolves to `{ bytes, responses }` (the sum, and each URL with its gzip size), or `{ skipped }`
 * when there is no Chromium to run.
 * @param {string} server the app's origin, e.g. http://127.0.0.1:8787
 * @param {{ email: string, password: string }} login an attendant of the demo account
 */
export async function consoleSize(server, login) {
  let launch;
  try {
    launch = await chromiumLaunchOptions();
  } catch (error) {
    return { skipped: error.message };
  }
  const res = await fetch(`${server}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(login),
  });
  const sid = /sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!res.ok || !sid) throw new Error(`console login failed: ${res.status}`);
  const browser = await chromium.launch(launch);
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: "sid", value: sid, url: server }]);
    const page = await context.newPage();
    const pending = [];
    const responses = [];
    let done = false;
    page.on("response", (response) => {
      if (done) return;
      pending.push(
        response
          .body()
          .then((body) => responses.push({ url: response.url(), bytes: gzipSync(body, { level: 9 }).length }))
          // Redirects and aborted loads have no body: nothing was transferred for them.
          .catch(() => {}),
      );
    });
    await page.goto(`${server}/admin/`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await page.locator("ao-queue h2").waitFor({ timeout: LOAD_TIMEOUT_MS });
    done = true;
    await Promise.all(pending);
    return { bytes: responses.reduce((sum, r) => sum + r.bytes, 0), responses };
  } finally {
    await browser.close();
  }
}
