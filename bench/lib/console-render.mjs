// `console_render_ms`: how long the attendant console takes to show a new message while its
// department holds 500 waiting chats and the attendant 50 active ones. On the bench's server:
// 550 customers start a chat in dep-suporte (each from its own address in 198.19.0.0/16, half
// of the RFC 2544 range the delivery load does not use), the attendant accepts 50 of them over
// a socket of their own, then opens /admin/ in headless Chromium and one of the active chats.
// Customers then send messages, one at a time: every second one to the open chat (a new row),
// the others to other active chats (an unread badge). The page stamps each frame's arrival on
// its socket and the end of the frame painted after it (console-render-page.mjs). At the end
// every chat is closed by its customer, so the rest of the bench finds dep-suporte as before.
import { randomUUID } from "node:crypto";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import { closeAll, login, openSocket, pool, setOnline, startChat, wsToken } from "./clients.mjs";
import { acceptEvenly, connectCustomers } from "./department.mjs";
import { deskCounts, installChecks, observeLongTasks, probeRenders } from "./console-render-page.mjs";
import { log, percentile, sleep } from "./stats.mjs";

const DEPARTMENT = "dep-suporte";
const PREFIX = "bench-render-";
const TIMEOUT_MS = 60_000;
/** Messages not counted first (the first renders compile templates and warm the JIT). */
const WARMUP = 5;
/** Between two messages: long enough for each to be rendered alone. */
const GAP_MS = 250;
/**
 * Without the 60 Hz limit and vsync, Chromium draws a frame as soon as one is needed, so the
 * time to the painted frame is the console's work, not a wait for the next vsync (0–16.7 ms).
 */
const RENDER_ARGS = ["--disable-frame-rate-limit", "--disable-gpu-vsync"];

/** Chats started from 198.19.x.y, 8 in flight; returns `[{ chatId, wsUrl, ip }]`. */
async function startMany(base, count) {
  return pool(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const ip = `198.19.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    const body = await startChat(base, 1000 + i, ip);
    return { chatId: body.chat.id, wsUrl: body.ws.url, ip };
  });
}

/**
 * The attendant's own socket (as in department.mjs): with it open the department is online,
 * so customers may start chats, and it accepts them. Closed at the end.
 */
async function attendantSocket(server, port, attendant) {
  const token = await wsToken(server, attendant);
  const ws = await openSocket(`ws://127.0.0.1:${port}/api/ws?token=${encodeURIComponent(token)}&department=${DEPARTMENT}&v=1`);
  return { id: attendant.id, ws };
}

/** Every customer closes its chat (bounded), so the department is back to where it was. */
async function closeChats(chats, port) {
  await pool(chats, 20, async (chat) => {
    try {
      const [customer] = await connectCustomers([chat], port);
      customer.ws.send(JSON.stringify({ type: "chat.close", chatId: chat.chatId }));
      await sleep(20);
      await closeAll([customer.ws]);
    } catch (error) {
      log(`console render: closing ${chat.chatId} failed: ${error.message}`);
    }
  });
}

/** Sends `count` messages one at a time; even ones to `open`, odd ones round robin to `others`. */
async function sendMessages(open, others, count, offset) {
  for (let i = 0; i < count; i++) {
    const target = i % 2 === 0 ? open : others[(i >> 1) % others.length];
    target.ws.send(JSON.stringify({ type: "message.send", chatId: target.chatId, clientId: randomUUID(), body: `${PREFIX}${offset + i}` }));
    await sleep(GAP_MS);
  }
}

function summary(samples) {
  const ms = samples.map((s) => s.paintedAt - s.t0);
  return { median: percentile(ms, 50), p95: percentile(ms, 95), max: Math.max(...ms) };
}

/** Opens the console as `login` and waits until it lists every chat; returns the page. */
async function openConsole(browser, server, login, waiting, active) {
  const res = await fetch(`${server}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(login) });
  const sid = /sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!res.ok || !sid) throw new Error(`console login failed: ${res.status}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name: "sid", value: sid, url: server }]);
  await context.addInitScript(probeRenders, PREFIX);
  await context.addInitScript(observeLongTasks);
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(`${server}/admin/`, { waitUntil: "commit", timeout: TIMEOUT_MS });
  await page.waitForFunction(
    ([fn, w, a]) => {
      const c = new Function(`return (${fn})()`)();
      return c.queueCount >= w && c.mine >= a;
    },
    [deskCounts.toString(), waiting, active],
    { timeout: TIMEOUT_MS, polling: 200 },
  );
  log(`console render: desk up with ${waiting} waiting and ${active} active in ${Math.round(performance.now() - started)} ms`);
  return page;
}

/**
 * Resolves to `{ median, p95, max, longestTaskMs, longTasks, updates, counts, samples }`, or to
 * `{ skipped }` without a Chromium.
 * @param {string} server the app's origin
 * @param {{ email: string, password: string }} account an attendant of dep-suporte
 * @param {{ waiting?: number, active?: number, messages?: number, screenshots?: string }} [options]
 */
export async function consoleRender(server, account, { waiting = 500, active = 50, messages = 50, screenshots } = {}) {
  let launch;
  try {
    launch = await chromiumLaunchOptions();
  } catch (error) {
    return { skipped: error.message };
  }
  const port = Number(new URL(server).port);
  const attendant = await login(server, account.email, account.password);
  if (attendant.chatStatus !== "online") await setOnline(server, attendant);
  const own = await attendantSocket(server, port, attendant);
  let chats = [];
  let customers = [];
  let browser = null;
  try {
    const startedAt = performance.now();
    chats = await startMany(server, waiting + active);
    log(`console render: ${chats.length} chats started in ${Math.round(performance.now() - startedAt)} ms`);
    const mine = chats.slice(0, active);
    await acceptEvenly(mine, [own]);
    browser = await chromium.launch({ ...launch, args: [...launch.args, ...RENDER_ARGS] });
    const page = await openConsole(browser, server, account, waiting, active);
    const [open, ...others] = mine;
    await page.locator(`[data-testid="my-chat"][data-chat-id="${open.chatId}"]`).click({ timeout: TIMEOUT_MS });
    await page.locator('ao-messages [data-testid="message"]').first().waitFor({ timeout: TIMEOUT_MS });
    if (screenshots) await page.screenshot({ path: `${screenshots}/console-500-1280.png` });
    customers = await connectCustomers(mine, port);
    const byChat = new Map(customers.map((c) => [c.chatId, c]));
    await page.evaluate(installChecks);
    await sendMessages(byChat.get(open.chatId), others.map((c) => byChat.get(c.chatId)), WARMUP, 0);
    await sleep(500);
    await page.evaluate(() => {
      window.__renders = [];
      window.__updates = Object.fromEntries(Object.keys(window.__updates).map((k) => [k, 0]));
      window.__longTasksArmed = true;
    });
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
    const profiler = process.env.CONSOLE_PROFILE ? await startJsProfile(page) : null;
    await sendMessages(byChat.get(open.chatId), others.map((c) => byChat.get(c.chatId)), messages, WARMUP);
    await sleep(1000);
    if (profiler) (await import("node:fs")).writeFileSync(process.env.CONSOLE_PROFILE, JSON.stringify(await profiler.stop()));
    const traceText = (await browser.stopTracing()).toString();
    if (process.env.CONSOLE_TRACE) (await import("node:fs")).writeFileSync(process.env.CONSOLE_TRACE, traceText);
    const trace = JSON.parse(traceText);
    const result = await page.evaluate(() => ({ samples: window.__renders, updates: window.__updates, longTasks: window.__longTasks }));
    const counts = await page.evaluate(`(${deskCounts})()`);
    if (screenshots) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('button.back').first().click().catch(() => {});
      await page.screenshot({ path: `${screenshots}/console-500-390.png` });
    }
    const events = trace.traceEvents ?? trace;
    return { ...summary(result.samples), longestTaskMs: longestTask(events), cpuPerMessageMs: mainThreadCpu(events) / messages, ...result, counts };
  } finally {
    await browser?.close().catch(() => {});
    await closeAll(customers.map((c) => c.ws));
    await closeChats(chats, port);
    await closeAll([own.ws]);
  }
}

/**
 * `CONSOLE_PROFILE=<file>.cpuprofile`: the page's JavaScript profile (DevTools' Profiler, 100 µs
 * samples) while the messages arrive, to open in DevTools or speedscope.
 */
async function startJsProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  return { stop: async () => (await cdp.send("Profiler.stop")).profile };
}

/** The `RunTask` events of the renderer's main thread in a Chromium trace. */
function mainTasks(events) {
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) return [];
  return events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.name === "RunTask");
}

/** The longest main-thread task, in ms (wall time: stretched when other work takes the CPU). */
function longestTask(events) {
  const tasks = mainTasks(events);
  return tasks.length ? Math.max(...tasks.map((t) => t.dur / 1000)) : null;
}

/**
 * The main thread's CPU time over the whole traced run, in ms (`tdur`: thread time, which other
 * processes on the machine do not stretch as they do wall time).
 */
function mainThreadCpu(events) {
  return mainTasks(events).reduce((sum, t) => sum + (t.tdur ?? 0) / 1000, 0);
}
