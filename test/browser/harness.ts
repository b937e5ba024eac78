/**
 * Browser-test harness: the app under `wrangler dev` (fresh local D1, migrated and seeded with
 * the demo account), a host site on another origin that embeds the widget with the README's
 * snippet (and serves the static files a host page needs, e.g. a CSS framework from
 * node_modules), and headless Chromium driven by playwright-core (Debian's, or the one inside the
 * npm package @sparticuz/chromium: scripts/chromium.mjs).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import { freePort, prepareDatabase, startLocalServer } from "../../scripts/local-server.mjs";


export interface Harness {
  /** The app, e.g. http://127.0.0.1:40123 */
  server: string;
  /** The host site on another origin, e.g. http://localhost:40124 */
  site: string;
  browser: Browser;
  /** The app's local state directory (`--persist-to`): a test may insert D1 rows there with `wrangler d1 execute`. */
  state: string;
  /** Serves `html` at `path` on the host site. */
  page(path: string, html: string): void;
  /** Serves the file at `file` (absolute, read now) at `path` on the host site, e.g. a style sheet. */
  file(path: string, file: string, contentType: string): void;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const state = mkdtempSync(join(tmpdir(), "atendimento-e2e-"));
  // The database global-setup.ts prepared once for the run; prepared here when run without it.
  const prepared = inject("preparedState");
  if (prepared) cpSync(prepared, state, { recursive: true });
  else prepareDatabase(state, { openAllHours: true });
  const app = await startLocalServer({ persistTo: state, vars: { TOKEN_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef", EMAIL_SECRET: "e2e-email-secret-0123456789abcdef01234567" } });
  const pages = new Map<string, { type: string; body: string | Buffer }>();
  const site: Server = createServer((req, res) => {
    const found = pages.get(new URL(req.url ?? "/", "http://x").pathname);
    res.writeHead(found ? 200 : 404, { "content-type": found?.type ?? "text/plain; charset=utf-8" });
    res.end(found?.body ?? "not found");
  });
  let sitePort: number;
  let browser: Browser;
  try {
    sitePort = await freePort();
    await new Promise<void>((resolve) => site.listen(sitePort, "127.0.0.1", resolve));
    browser = await chromium.launch(await chromiumLaunchOptions());
  } catch (error) {
    // Without this a missing browser leaves a `wrangler dev` (about 3 GB) running per test file.
    site.close();
    await app.stop();
    rmSync(state, { recursive: true, force: true });
    throw error;
  }
  return {
    server: app.url,
    // "localhost" vs "127.0.0.1": a different origin (host and port) from the app.
    site: `http://localhost:${sitePort}`,
    browser,
    state,
    page: (path, html) => pages.set(path, { type: "text/html; charset=utf-8", body: html }),
    file: (path, file, contentType) => pages.set(path, { type: contentType, body: readFileSync(file) }),
    async stop() {
      await browser.close().catch(() => {});
      await new Promise((r) => site.close(r));
      await app.stop();
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/** The README's embed snippet, pointed at the test server. */
export function readmeSnippet(server: string, extra = ""): string {
  return `<script src="${server}/widget.js" data-account="demo-public-key"${extra} async></script>`;
}

/**
 * The browser contexts a test opened (a fresh one per customer and per attendant); `closeAll()`
 * runs in `afterEach` (`useHarness()` registers it), so that a test that fails half-way leaves
 * no socket open (an open console keeps its department online for the next test).
 */
export class Contexts {
  #open: BrowserContext[] = [];
  #browser: () => Browser;
  constructor(browser: () => Browser) {
    this.#browser = browser;
  }

  async new(options?: Parameters<Browser["newContext"]>[0]): Promise<BrowserContext> {
    const context = await this.#browser().newContext(options);
    this.#open.push(context);
    return context;
  }

  /** A page in a new context. */
  async page(options?: Parameters<Browser["newContext"]>[0]): Promise<Page> {
    return (await this.new(options)).newPage();
  }

  async closeAll(): Promise<void> {
    const open = this.#open.splice(0);
    await Promise.all(open.map((c) => c.close().catch(() => {})));
  }
}

/**
 * One harness for the calling test file: registers `beforeAll` (start it), `afterEach` (close
 * the contexts the test opened) and `afterAll` (stop it). Call it at the top of the file, before
 * the file's own hooks, so that theirs run after the harness started and before it stops.
 * `h` stands for the started harness (it throws if used before `beforeAll` ran).
 */
export function useHarness(): { h: Harness; contexts: Contexts } {
  let started: Harness | undefined;
  const current = (): Harness => {
    if (!started) throw new Error("the browser-test harness is not running: use it inside a hook or a test");
    return started;
  };
  const h: Harness = {
    get server() {
      return current().server;
    },
    get site() {
      return current().site;
    },
    get browser() {
      return current().browser;
    },
    get state() {
      return current().state;
    },
    page: (path, html) => current().page(path, html),
    file: (path, file, contentType) => current().file(path, file, contentType),
    stop: () => current().stop(),
  };
  const contexts = new Contexts(() => current().browser);
  beforeAll(async () => {
    started = await startHarness();
  });
  afterEach(() => contexts.closeAll());
  afterAll(async () => {
    await started?.stop();
    started = undefined;
  });
  return { h, contexts };
}

/** What a page printed to its console (and uncaught errors, as type "pageerror"), from now on. */
export function consoleLog(page: Page): { type: string; text: string }[] {
  const log: { type: string; text: string }[] = [];
  page.on("console", (message: ConsoleMessage) => log.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => log.push({ type: "pageerror", text: String(error) }));
  return log;
}

// ------------------------------------------------------------------ the customer's side

/**
 * Serves a host page on the other origin and returns its URL: a mobile-friendly viewport meta,
 * `head` (style sheets…), `body`, then one README snippet per entry of `embeds` (the extra
 * `data-` attributes of each).
 */
export function hostPage(h: Harness, path: string, options: { head?: string; body?: string; embeds?: string[] } = {}): string {
  const { head = "", body = "<h1>Loja Exemplo</h1>", embeds = [""] } = options;
  h.page(
    path,
    '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>Loja ${path}</title>${head}</head><body>${body}${embeds.map((extra) => readmeSnippet(h.server, extra)).join("")}</body></html>`,
  );
  return `${h.site}${path}`;
}

/** `<tomticket-chat>`, or the one fixed on `department`. */
export const chatElement = (page: Page, department?: string): Locator =>
  page.locator(department ? `tomticket-chat[department="${department}"]` : "tomticket-chat");

/** The launcher button (Playwright's CSS locators pierce open shadow roots). */
export const launcher = (page: Page, department?: string): Locator =>
  chatElement(page, department).locator('button[part="launcher"]');

/** The chat panel the loader shows over the page. */
export const panel = (page: Page, department?: string): Locator => chatElement(page, department).locator('[part="panel"]');

/**
 * Fills the pre-chat form of the open panel (only the fields given) and starts the chat;
 * resolves once the panel shows the message input.
 */
export async function startChat(
  scope: Locator,
  chat: { name?: string; email?: string; department?: string; message: string },
): Promise<void> {
  const form = scope.locator('form[part="form"]');
  await form.waitFor();
  if (chat.name !== undefined) await form.locator('input[name="name"]').fill(chat.name);
  if (chat.email !== undefined) await form.locator('input[name="email"]').fill(chat.email);
  if (chat.department !== undefined) await form.locator('select[name="department"]').selectOption({ label: chat.department });
  await form.locator('textarea[name="message"]').fill(chat.message);
  await form.locator('button[type="submit"]').click();
  await scope.locator('textarea[name="compose"]').waitFor();
}

/** The customer writes in the open panel; resolves once the server acknowledged it (it has a seq). */
export async function customerSays(scope: Locator, text: string): Promise<void> {
  await scope.locator('textarea[name="compose"]').fill(text);
  await scope.locator('button[part="send"]').click();
  await scope.locator('[part~="message"][data-author="customer"][data-seq]', { hasText: text }).waitFor();
}

/** The focused element, looking through open shadow roots: its tag, `name` and `part`. */
export function focused(page: Page): Promise<{ tag: string; name: string | null; part: string | null }> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { tag: active?.tagName.toLowerCase() ?? "", name: active?.getAttribute("name") ?? null, part: active?.getAttribute("part") ?? null };
  });
}

/** Whether two boxes share any area. */
export function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
