// The floor under `widget_launcher_ms` on this machine and this Chromium: the same cold page
// load (fresh context, host page on one origin, an async script from another) with a script
// that does nothing but draw a round button in a shadow root, with no configuration to fetch.
// What it takes is the browser's own start-up of a page (navigation, parsing, the script's
// request, the first frames), which no widget can go below.
import { createServer } from "node:http";
import { freePort } from "../../scripts/local-server.mjs";

/** The floor's script: one custom element with a shadow root and a button, as the launcher's. */
const BUTTON_JS = `customElements.define("tomticket-chat",class extends HTMLElement{connectedCallback(){this.attachShadow({mode:"open"}).innerHTML='<style>:host{position:fixed;right:20px;bottom:20px}button{width:56px;height:56px;border:0;border-radius:50%;background:#1a73e8}</style><button part="launcher" type="button" aria-label="Abrir chat"></button>'}});document.body.append(document.createElement("tomticket-chat"));`;

/** The floor's script in a trace (widget-trace.mjs `scriptTasks`). */
export const FLOOR_SCRIPT_URL = /\/button\.js$/;

/**
 * Serves the floor's host page at `localhost:<port>/` and its script at `127.0.0.1:<port>/button.js`
 * (two origins, as the widget's), and measures `loads` cold loads with `measure(pageUrl)`, which
 * resolves to the ms from navigation start to the visible button, then runs `trace(pageUrl)`
 * (traced loads). Resolves to the samples and what `trace` resolved to.
 * @template T
 * @param {(url: string) => Promise<number>} measure
 * @param {number} loads
 * @param {(url: string) => Promise<T>} trace
 * @returns {Promise<{ samples: number[], traced: T }>}
 */
export async function launcherFloor(measure, loads, trace) {
  const port = await freePort();
  const html =
    '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Loja</title></head><body><h1>Loja Exemplo</h1>' +
    `<script src="http://127.0.0.1:${port}/button.js" async></script></body></html>`;
  const site = createServer((req, res) => {
    const script = req.url === "/button.js";
    res.writeHead(200, { "content-type": script ? "text/javascript" : "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(script ? BUTTON_JS : html);
  });
  await new Promise((resolve) => site.listen(port, "127.0.0.1", resolve));
  try {
    const samples = [];
    // One load first, not counted, as for the widget.
    for (let i = -1; i < loads; i++) {
      const ms = await measure(`http://localhost:${port}/`);
      if (i >= 0) samples.push(ms);
    }
    return { samples, traced: await trace(`http://localhost:${port}/`) };
  } finally {
    await new Promise((resolve) => site.close(resolve));
  }
}
