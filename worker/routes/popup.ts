/**
 * GET /chat/:key: the pop-up chat page, for a link or a `window.open` instead of the embedded
 * launcher. A small HTML document that loads `/widget.js` and puts the element on the whole
 * page (`mode="popup"`: opened, no launcher). Every value written into the page is escaped by
 * hono/html, and only values read back from D1 are written: an unknown key or department gets
 * a plain 404 that repeats nothing from the request.
 */
import { and, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import { database } from "../db/client";
import { accounts, departmentPresence, departments } from "../db/schema";
import type { AppEnv } from "../env";
import { logoUrl } from "../logos";
import { clientIp, enforce } from "../rate-limit";
import { pickLang, type Lang } from "../settings/look";

const TEXT: Record<Lang, { title: string; noscript: string }> = {
  "pt-BR": { title: "Atendimento", noscript: "Ative o JavaScript para conversar com a gente." },
  en: { title: "Chat", noscript: "Turn on JavaScript to chat with us." },
  es: { title: "Atención", noscript: "Activa JavaScript para hablar con nosotros." },
};

/**
 * The page only runs our own scripts and talks to our own origin (HTTP and WebSocket). Inline
 * styles stay allowed: Lit falls back to <style> elements where constructable stylesheets are
 * missing. No frame-ancestors: a help desk may show this page inside its own app.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self' ws: wss:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * The active department the page is for, with the logo to show: the online variant while its
 * room says it takes chats (the summary in department_presence; no summary yet counts as
 * offline), the offline variant otherwise.
 */
async function popupDepartment(db: D1Database, accountId: string, departmentId: string) {
  return database(db)
    .select({
      id: departments.id,
      name: departments.name,
      logoOnline: departments.logoOnline,
      logoOffline: departments.logoOffline,
      online: departmentPresence.online,
    })
    .from(departments)
    .leftJoin(departmentPresence, and(eq(departmentPresence.departmentId, departments.id), eq(departmentPresence.accountId, departments.accountId)))
    .where(and(eq(departments.id, departmentId), eq(departments.accountId, accountId), eq(departments.active, true)))
    .get();
}

function notFoundPage(c: Context<AppEnv>) {
  return c.text("Chat not found", 404, { "Cache-Control": "no-cache" });
}

export const popupRoutes = new Hono<AppEnv>().get("/:key", async (c) => {
  await enforce(c.env.PUBLIC_LIMITER, `popup:${clientIp(c)}`);
  const key = c.req.param("key");
  const departmentId = c.req.query("department");
  if (key.length > 100 || (departmentId !== undefined && departmentId.length > 100)) return notFoundPage(c);
  const orm = database(c.env.DB);
  const account = await orm
    .select({ id: accounts.id, name: accounts.name, publicKey: accounts.publicKey, locale: accounts.locale })
    .from(accounts)
    .where(eq(accounts.publicKey, key))
    .get();
  if (!account) return notFoundPage(c);
  const department = departmentId ? await popupDepartment(c.env.DB, account.id, departmentId) : undefined;
  if (departmentId && !department) return notFoundPage(c);
  const logo = department ? logoUrl(department.online ? department.logoOnline : department.logoOffline) : null;

  const lang = pickLang(c.req.query("lang"), account.locale);
  const text = TEXT[lang];
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title} · ${account.name}</title>
<style>html,body{margin:0;height:100%}body{background:#eef1f5}tomticket-chat{display:block;height:100%}header{display:flex;align-items:center;justify-content:center;box-sizing:border-box;height:64px;padding:8px}header img{max-height:48px;max-width:100%}header+tomticket-chat{--tt-popup-top:64px}</style>
<script src="/widget.js" defer></script>
</head>
<body>
${logo && department ? html`<header><img src="${logo}" alt="${department.name} · ${account.name}"></header>` : ""}
<tomticket-chat account="${account.publicKey}" mode="popup" lang="${lang}"${department ? html` department="${department.id}"` : ""}></tomticket-chat>
<noscript>${text.noscript}</noscript>
</body>
</html>`;
  return c.html(page, 200, {
    "Content-Security-Policy": CSP,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  });
});
