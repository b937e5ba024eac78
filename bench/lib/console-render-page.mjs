// What `console-render.mjs` runs inside the console's page. Functions here are serialised by
// Playwright (addInitScript / evaluate): each must stand alone, with no outer variables.

/**
 * Init script, before the console's own scripts: every socket the page opens gets a `message`
 * listener of its own, registered in the constructor and so called before the console's
 * `onmessage`. For each `message.created` whose body starts with `prefix` it stamps the frame's
 * arrival (t0), asks for the next animation frame and, from that frame's callback, posts a
 * MessageChannel message: its handler runs once the frame (style, layout, paint) is done, and
 * stamps `paintedAt`. Chromium runs without the 60 Hz limit (see console-render.mjs), so the
 * frame is not held back to a vsync: paintedAt − t0 is the console's work for the frame plus
 * the frame itself. Samples go to `window.__renders`; the page checks afterwards (outside the
 * timed span) that the message is on screen (`__renderShown`).
 */
export function probeRenders(prefix) {
  window.__renders = [];
  const Native = window.WebSocket;
  class Probed extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const t0 = performance.now();
        if (typeof event.data !== "string" || !event.data.includes(prefix)) return;
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch {
          return;
        }
        if (frame.type !== "message.created" || !frame.message.body.startsWith(prefix)) return;
        const { chatId, body } = frame.message;
        requestAnimationFrame(() => {
          const frameAt = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const paintedAt = performance.now();
            window.__renders.push({ chatId, body, t0, frameAt, paintedAt, shown: window.__renderShown?.(chatId, body) ?? null });
          };
          channel.port2.postMessage(0);
        });
      });
    }
  }
  window.WebSocket = Probed;
}

/** Init script: long tasks (≥ 50 ms, the Long Tasks API's floor) from the moment it is armed. */
export function observeLongTasks() {
  window.__longTasks = [];
  window.__longTasksArmed = false;
  new PerformanceObserver((list) => {
    if (!window.__longTasksArmed) return;
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: "longtask" });
}

/**
 * Evaluated once the desk is up: defines `__renderShown(chatId, body)` (the message is a row of
 * the open chat, or the chat's unread badge grew) and `__updates` (Lit `update()` calls per
 * element tag, counted from then on, to see what one message re-renders).
 */
export function installChecks() {
  const desk = document.querySelector("ao-app")?.shadowRoot?.querySelector("ao-desk")?.shadowRoot;
  const unread = {};
  window.__renderShown = (chatId, body) => {
    const messages = desk?.querySelector("ao-chat-window")?.shadowRoot?.querySelector("ao-messages")?.shadowRoot;
    const rows = messages ? [...messages.querySelectorAll('[data-testid="message"] .body')] : [];
    if (rows.some((p) => p.textContent === body)) return "row";
    const lists = [...(desk?.querySelectorAll("ao-chat-list") ?? [])].map((l) => l.shadowRoot);
    for (const list of lists) {
      const badge = list?.querySelector(`[data-chat-id="${chatId}"] [data-testid="unread"] [aria-hidden]`);
      const count = Number(badge?.textContent ?? 0);
      if (count > (unread[chatId] ?? 0)) {
        unread[chatId] = count;
        return "badge";
      }
    }
    return "missing";
  };
  window.__updates = {};
  const seen = new Set();
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      const ctor = customElements.get(el.localName);
      if (ctor && !seen.has(ctor)) {
        seen.add(ctor);
        const tag = el.localName;
        const original = ctor.prototype.update;
        ctor.prototype.update = function (...args) {
          window.__updates[tag] = (window.__updates[tag] ?? 0) + 1;
          return original.apply(this, args);
        };
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
}

/** Counts of what the desk shows: queue rows and the attendant's chats. */
export function deskCounts() {
  const desk = document.querySelector("ao-app")?.shadowRoot?.querySelector("ao-desk")?.shadowRoot;
  const queue = desk?.querySelector("ao-queue")?.shadowRoot;
  const mine = desk?.querySelector('ao-chat-list[kind="mine"]')?.shadowRoot ?? desk?.querySelector("ao-chat-list")?.shadowRoot;
  const badge = queue?.querySelector(".count")?.textContent ?? "0";
  return {
    queueRows: queue?.querySelectorAll('[data-testid="queue-item"]').length ?? 0,
    queueCount: Number(badge),
    mine: mine?.querySelectorAll('[data-testid="my-chat"]').length ?? 0,
  };
}
