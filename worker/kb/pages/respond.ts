/**
 * How the public knowledge base answers: a strict Content-Security-Policy (our own scripts only:
 * the footer chat's /widget.js; forms post to us), a short shared cache with an ETag so a
 * revisit costs a 304, and no caching for what a visitor just changed.
 */
import type { Context } from "hono";
import type { AppEnv } from "../../env";

/**
 * Scripts and connections: our origin only (the widget and its socket). Inline styles: the
 * page's own <style>, and Lit's fallback where constructable stylesheets are missing. Images:
 * an article may show https images from elsewhere (the sanitizer kept only http(s) URLs).
 */
export const KB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self' ws: wss:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join("; ");

/** Seconds a page may be reused without asking: an edit shows within a minute. */
export const KB_MAX_AGE = 60;

const SECURITY_HEADERS = {
  "Content-Security-Policy": KB_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

async function etagOf(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  return `"${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/** A cacheable answer: 304 when the visitor's copy is current. */
export async function cachedResponse(c: Context<AppEnv>, body: string, contentType: string, status: 200 | 404 = 200): Promise<Response> {
  const etag = await etagOf(body);
  const headers = { ...SECURITY_HEADERS, "Content-Type": contentType, "Cache-Control": `public, max-age=${KB_MAX_AGE}`, ETag: etag };
  if (status === 200 && c.req.header("if-none-match")?.split(/\s*,\s*/).includes(etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status, headers: status === 200 ? headers : { ...headers, "Cache-Control": "no-cache" } });
}

/** An answer that depends on what the visitor just did (a vote's thank-you): never cached. */
export function freshResponse(body: string, status: 200 | 404 = 200): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
