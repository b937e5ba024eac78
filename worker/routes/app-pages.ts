/**
 * The app Meu Suporte's own files, per account: `GET /app/:key/` (the HTML shell), its
 * manifest, its icons (PNG drawn in the account's colour) and its service worker. The app's
 * script and style sheet are static assets (`/app/app.js`, `/app/app.css`); the service worker's
 * code is one too (`/app/sw.js`), served again here under the app's path so that its scope is
 * `/app/<key>/` without any special header.
 */
import { Hono, type Context } from "hono";
import { appAccount, appBase } from "../app-shell/account";
import { ICONS, iconPng, type IconName } from "../app-shell/icon";
import { appManifest } from "../app-shell/manifest";
import { APP_CSP, shellPage } from "../app-shell/shell-page";
import type { AppEnv } from "../env";
import { clientIp, enforce } from "../rate-limit";

function notFoundPage(c: Context<AppEnv>) {
  return c.text("Not found", 404, { "Cache-Control": "no-cache" });
}

/** The account of the path's key, after the public rate limit; null for an unknown key. */
async function accountOf(c: Context<AppEnv>) {
  await enforce(c.env.PUBLIC_LIMITER, `app:${clientIp(c)}`);
  return appAccount(c.env.DB, c.req.param("key") ?? "");
}

/** The shell page. */
async function shell(c: Context<AppEnv>) {
  const account = await accountOf(c);
  if (!account) return notFoundPage(c);
  return c.html(shellPage(account, c.req.query("lang")), 200, {
    "Content-Security-Policy": APP_CSP,
    // Revalidated on every load: the service worker's copy is the offline fallback, not a cache.
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  });
}

const ICON_NAMES = new Set<string>(ICONS.map((i) => i.name));

export const appPageRoutes = new Hono<AppEnv>()
  .get("/:key", (c) => {
    // The manifest's scope ends with a slash; so must the address the app is opened at.
    const key = c.req.param("key");
    return key.length > 100 ? notFoundPage(c) : c.redirect(`/app/${encodeURIComponent(key)}/`, 301);
  })
  .get("/:key/", shell)
  .get("/:key/manifest.webmanifest", async (c) => {
    const account = await accountOf(c);
    if (!account) return notFoundPage(c);
    return c.body(JSON.stringify(appManifest(account)), 200, {
      "Content-Type": "application/manifest+json; charset=utf-8",
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
  })
  .get("/:key/sw.js", async (c) => {
    const account = await accountOf(c);
    if (!account) return notFoundPage(c);
    const asset = await c.env.ASSETS.fetch(new URL("/app/sw.js", c.req.url));
    if (!asset.ok) return notFoundPage(c);
    return c.body(await asset.text(), 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      // Browsers check a service worker for updates at most once a day anyway; never longer.
      "Cache-Control": "no-cache",
      "Service-Worker-Allowed": appBase(account),
      "X-Content-Type-Options": "nosniff",
    });
  })
  .get("/:key/:icon{icon-[a-z0-9-]+\\.png}", async (c) => {
    const name = c.req.param("icon");
    if (!ICON_NAMES.has(name)) return notFoundPage(c);
    const account = await accountOf(c);
    if (!account) return notFoundPage(c);
    const png = await iconPng(name as IconName, account.themeColor);
    const etag = `"${name}-${account.themeColor.slice(1)}"`;
    const headers = {
      "Content-Type": "image/png",
      // The manifest's URLs carry the colour (`?v=`): a changed colour is a new URL.
      "Cache-Control": "public, max-age=86400",
      ETag: etag,
      "X-Content-Type-Options": "nosniff",
    };
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304, headers);
    return c.body(png.slice().buffer, 200, headers);
  });
