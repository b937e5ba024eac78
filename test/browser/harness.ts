/**
 * Browser-test harness: the app under `wrangler dev` (fresh local D1, migrated and seeded with
 * the demo account), a host site on another origin that embeds the widget with the README's
 * snippet, and headless Debian Chromium driven by playwright-core.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { freePort, prepareDatabase, startLocalServer } from "../../scripts/local-server.mjs";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface Harness {
  /** The app, e.g. http://127.0.0.1:40123 */
  server: string;
  /** The host site on another origin, e.g. http://localhost:40124 */
  site: string;
  browser: Browser;
  /** Serves `html` at `path` on the host site. */
  page(path: string, html: string): void;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const state = mkdtempSync(join(tmpdir(), "atendimento-e2e-"));
  prepareDatabase(state);
  const app = await startLocalServer({ persistTo: state, vars: { TOKEN_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef" } });
  const pages = new Map<string, string>();
  const sitePort: number = await freePort();
  const site: Server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? "/", "http://x").pathname);
    res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise<void>((resolve) => site.listen(sitePort, "127.0.0.1", resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  return {
    server: app.url,
    // "localhost" vs "127.0.0.1": a different origin (host and port) from the app.
    site: `http://localhost:${sitePort}`,
    browser,
    page: (path, html) => pages.set(path, html),
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
