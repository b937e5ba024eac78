/**
 * The app Meu Suporte's service worker, served at `/app/<key>/sw.js` (scope `/app/<key>/`).
 * - install: precaches the shell (`/app/<key>/`), the app's script and style sheet, and the
 *   manifest;
 * - pages and the app's files: network first (always fresh when online), the cached copy when
 *   the network fails; a page of the scope falls back to the cached shell, which then says the
 *   app is offline;
 * - API calls: network first; when the network fails, the last copy of the app's public config
 *   (`/api/app/<key>/config`, so the app can draw its frame) or a 503 marked with
 *   `x-meu-suporte-offline`. The customer's tickets and chats are never stored.
 * - a click on a notification shown through the worker opens the app at its hash.
 */

/** The parts of the service-worker global scope used here (the DOM lib has no WebWorker types). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification & { data?: { hash?: string } };
}
interface WindowClient {
  url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface WorkerScope {
  registration: { scope: string };
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; matchAll(options: { type: "window" }): Promise<WindowClient[]>; openWindow(url: string): Promise<unknown> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  addEventListener(type: "notificationclick", listener: (event: NotificationEvent) => void): void;
}
export {};
declare const self: WorkerScope;
/** A hash of the app's built files (scripts/build-assets.mjs): a new build is a new cache. */
declare const __APP_VERSION__: string;

const scope = new URL(self.registration.scope);
const base = scope.pathname; // "/app/<key>/"
const key = base.split("/")[2] ?? "";
const PREFIX = `meu-suporte:${base}:`;
const CACHE = `${PREFIX}${__APP_VERSION__}`;
const CONFIG = `/api/app/${key}/config`;
const PRECACHE = [base, "/app/app.js", "/app/app.css", `${base}manifest.webmanifest`];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** The network's answer, kept in the cache when `keep`; the cached copy (or `fallback`) when the network fails. */
async function networkFirst(request: Request, keep: boolean, fallback: () => Promise<Response>): Promise<Response> {
  try {
    const response = await fetch(request);
    if (keep && response.ok) {
      const copy = response.clone();
      void caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch {
    return (await caches.match(request, { cacheName: CACHE, ignoreSearch: request.mode === "navigate" })) ?? fallback();
  }
}

const offlineAnswer = (): Promise<Response> =>
  Promise.resolve(
    new Response(JSON.stringify({ error: { code: "offline", message: "The server cannot be reached" } }), {
      status: 503,
      headers: { "content-type": "application/json", "x-meu-suporte-offline": "1" },
    }),
  );

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  if (url.pathname.startsWith("/api/")) {
    event.respondWith(networkFirst(request, url.pathname === CONFIG, offlineAnswer));
  } else if (request.mode === "navigate" && url.pathname.startsWith(base)) {
    event.respondWith(networkFirst(request, url.pathname === base, async () => (await caches.match(base, { cacheName: CACHE })) ?? Response.error()));
  } else if (PRECACHE.includes(url.pathname) || url.pathname.startsWith(base)) {
    event.respondWith(networkFirst(request, true, () => Promise.resolve(Response.error())));
  }
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = `${base}${event.notification.data?.hash ?? ""}`;
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then(async (windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === base);
      if (!open) return self.clients.openWindow(target);
      await open.navigate(target);
      return open.focus();
    }),
  );
});
