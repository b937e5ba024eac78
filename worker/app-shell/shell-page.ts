/**
 * The HTML shell of the app Meu Suporte: a small document that links the manifest and icons,
 * loads the app's script and style sheet (`/app/app.js`, `/app/app.css`, built from `app/`) and
 * carries the account's name, key, locale and colour in attributes, so the app can draw its
 * frame and say it is offline from the service worker's cached copy, without the network.
 * Every value is escaped by hono/html.
 */
import { html } from "hono/html";
import { pickLang, type Lang } from "../settings/look";
import { appBase, type AppAccount } from "./account";

const TEXT: Record<Lang, { loading: string; noscript: string }> = {
  "pt-BR": { loading: "Carregando…", noscript: "Ative o JavaScript para usar o Meu Suporte." },
  en: { loading: "Loading…", noscript: "Turn on JavaScript to use Meu Suporte (My Support)." },
  es: { loading: "Cargando…", noscript: "Activa JavaScript para usar Meu Suporte (Mi Soporte)." },
};

/**
 * Only our own scripts, styles (plus inline ones: Lit and the widget fall back to <style>
 * elements, and the theme colour is a style attribute), requests to our own origin (HTTP and
 * the chat's WebSocket) and the service worker. Images may come from https: a knowledge-base
 * article may show a picture hosted elsewhere (its HTML is sanitized on the server and shown in
 * a sandboxed frame without scripts).
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The shell document for `account`, in `requestedLang` (else the account's locale) until the app picks. */
export function shellPage(account: AppAccount, requestedLang?: string) {
  const lang = pickLang(requestedLang, account.locale);
  const base = appBase(account);
  const version = account.themeColor.slice(1);
  const title = `Meu Suporte · ${account.name}`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${title}</title>
<meta name="theme-color" content="${account.themeColor}">
<link rel="manifest" href="${base}manifest.webmanifest">
<link rel="icon" type="image/png" sizes="192x192" href="${base}icon-192.png?v=${version}">
<link rel="apple-touch-icon" href="${base}icon-192.png?v=${version}">
<link rel="stylesheet" href="/app/app.css">
<script src="/app/app.js" defer></script>
</head>
<body style="--ms-primary:${account.themeColor}">
<ms-app account="${account.publicKey}" company="${account.name}" locale="${account.locale}" base="${base}"><p class="ms-boot" role="status">${TEXT[lang].loading}</p></ms-app>
<noscript><p class="ms-boot">${TEXT[lang].noscript}</p></noscript>
</body>
</html>`;
}
