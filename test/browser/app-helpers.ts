/**
 * Steps of the app Meu Suporte's browser test: its data written straight into the app's local
 * D1 (a customer with a login, tickets, a published knowledge-base article), the attendant's
 * side through the console's API, and a phone context that records every notification the page
 * constructs.
 */
import { execFileSync } from "node:child_process";
import { pbkdf2Sync, randomBytes } from "node:crypto";
import { request } from "node:http";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { quietEnv, root } from "../../scripts/local-server.mjs";
import { ACCOUNT, ADMIN } from "./console";
import type { Contexts } from "./harness";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
export const APP_PATH = `/app/${ACCOUNT}/`;

/** The customer who logs in to the app, and another one whose ticket must never show. */
export const CARLA = { id: "cus-app-carla", name: "Carla Aplicativo", email: "carla.app@example.com", password: "senha-da-carla-123" };
const OTHER = { id: "cus-app-other", name: "Outro Cliente", email: "outro.app@example.com" };
export const TICKET = { id: "tk-app-carla", number: 7001, subject: "Minha impressora não liga" };
export const OTHER_TICKET = { number: 7002, subject: "Ticket de outra pessoa" };
/** A department with a UUID id (the surfaces API takes only those; the demo's are named), attended by Ana. */
export const APP_DEPARTMENT = { id: "6d0f3c2e-8a1b-4c5d-9e7f-0a1b2c3d4e5f", name: "Aplicativo" };
export const ARTICLE = { id: "kb-app-article", title: "Como ligar a impressora", category: "Impressoras" };

const sq = (v: string) => `'${v.replaceAll("'", "''")}'`;

/** The stored hash format of worker/auth/password.ts, made with Node's PBKDF2 (same bytes). */
function passwordHash(password: string): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 100_000, 32, "sha256");
  return `pbkdf2-sha256$100000$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/**
 * Carla (with a login) and her ticket, another customer's ticket, and a published article
 * whose stored HTML carries an event handler: the sanitizer would have dropped it, so it proves
 * the app's sandboxed frame on its own.
 */
export function seedAppData(state: string): void {
  const now = Date.now();
  const sql = [
    ...[CARLA, OTHER].map(
      (c) =>
        `INSERT INTO customers (id, account_id, name, email, verified_email, created_at, updated_at) VALUES (${sq(c.id)}, 'demo-account', ${sq(c.name)}, ${sq(c.email)}, ${sq(c.email)}, ${now}, ${now})`,
    ),
    `INSERT INTO customer_credentials (customer_id, account_id, password_hash, created_at, updated_at) VALUES (${sq(CARLA.id)}, 'demo-account', ${sq(passwordHash(CARLA.password))}, ${now}, ${now})`,
    `INSERT INTO tickets (id, account_id, number, subject, customer_id, department_id, status, source, created_at, updated_at) VALUES (${sq(TICKET.id)}, 'demo-account', ${TICKET.number}, ${sq(TICKET.subject)}, ${sq(CARLA.id)}, 'dep-suporte', 'in_progress', 'console', ${now - 60_000}, ${now - 60_000})`,
    `INSERT INTO ticket_entries (id, account_id, ticket_id, kind, author_id, author_name, body, created_at) VALUES ('tke-app-1', 'demo-account', ${sq(TICKET.id)}, 'customer', ${sq(CARLA.id)}, ${sq(CARLA.name)}, 'A luz não acende.', ${now - 60_000})`,
    `INSERT INTO tickets (id, account_id, number, subject, customer_id, department_id, status, source, created_at, updated_at) VALUES ('tk-app-other', 'demo-account', ${OTHER_TICKET.number}, ${sq(OTHER_TICKET.subject)}, ${sq(OTHER.id)}, 'dep-suporte', 'new', 'console', ${now}, ${now})`,
    `INSERT INTO departments (id, account_id, name, initial_message, created_at) VALUES (${sq(APP_DEPARTMENT.id)}, 'demo-account', ${sq(APP_DEPARTMENT.name)}, '', ${now})`,
    `INSERT INTO attendant_departments (account_id, attendant_id, department_id, attends, manages) VALUES ('demo-account', 'att-ana', ${sq(APP_DEPARTMENT.id)}, 1, 0)`,
    `INSERT INTO kb_categories (id, account_id, name, slug, description, position, created_at, updated_at) VALUES ('kbc-app', 'demo-account', ${sq(ARTICLE.category)}, 'impressoras', 'Tudo sobre impressoras', 0, ${now}, ${now})`,
    `INSERT INTO kb_articles (id, account_id, category_id, title, slug, description, body, html, status, created_at, updated_at, published_at) VALUES (${sq(ARTICLE.id)}, 'demo-account', 'kbc-app', ${sq(ARTICLE.title)}, 'como-ligar', 'Passo a passo', 'Aperte o botão', ${sq('<p>Aperte o <strong>botão verde</strong> por três segundos.</p><img src="data:," onerror="parent.__framePwned = 1"><p><a href="https://example.com/manual">Manual completo</a></p>')}, 'published', ${now}, ${now}, ${now})`,
  ];
  d1Execute(state, sql);
}

function d1Execute(state: string, sql: string[]): void {
  const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  execFileSync(process.execPath, [wrangler, "d1", "execute", "DB", "--local", "--persist-to", state, "--command", sql.join("; ")], { cwd: root, env: quietEnv, stdio: "pipe" });
}

/**
 * A JSON request from Node on a connection of its own: fetch's pooled keep-alive socket from
 * the harness's health checks may have been closed by `wrangler dev` since, and a POST on it
 * fails ("other side closed") instead of being retried.
 */
function send(url: string, method: string, body: unknown, cookie = ""): Promise<{ status: number; text: string; cookie: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(url, { method, agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), cookie } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text, cookie: /sid=[^;]+/.exec(String(res.headers["set-cookie"] ?? ""))?.[0] ?? "" }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** An administrator's console session cookie (for the console's API from Node). */
export async function adminCookie(server: string): Promise<string> {
  const res = await send(`${server}/api/auth/login`, "POST", { email: ADMIN.email, password: ADMIN.password });
  if (res.status !== 200) throw new Error(`admin login: ${res.status} ${res.text}`);
  return res.cookie;
}

/** Aplicativo Meu Suporte's chat switch, as the console saves it. */
export async function setAppChat(server: string, chat: { chatEnabled: boolean; departmentId: string | null }): Promise<void> {
  const res = await send(`${server}/api/account/surfaces/app`, "PUT", chat, await adminCookie(server));
  if (res.status !== 200) throw new Error(`surfaces: ${res.status} ${res.text}`);
}

/**
 * An attendant's public reply to a ticket, stored as the console's reply stores it. Written to
 * D1 directly: the console refuses to reply before the account's outbound e-mail is set up,
 * and what the app reads (`/updates`) is the stored entry.
 */
export function attendantReplied(state: string, ticketId: string, body: string): void {
  const now = Date.now();
  d1Execute(state, [
    `INSERT INTO ticket_entries (id, account_id, ticket_id, kind, author_id, author_name, body, created_at) VALUES ('tke-app-reply-${now}', 'demo-account', ${sq(ticketId)}, 'reply', 'att-admin', 'Administradora Demo', ${sq(body)}, ${now})`,
    `UPDATE tickets SET updated_at = ${now}, status = 'waiting_customer' WHERE id = ${sq(ticketId)}`,
  ]);
}

/**
 * Every `new Notification(title, { body })` the page makes, kept in `window.__notifications`,
 * with the permission granted. A recording stand-in rather than the browser's own class (as in
 * notifications.test.ts): the headless-shell Chromium of @sparticuz/chromium, which `npm test`
 * uses on a machine without Debian's, answers "denied" whatever the context grants.
 */
const CAPTURE_NOTIFICATIONS = `(() => {
  window.__notifications = [];
  class Recorded {
    static permission = "granted";
    static async requestPermission() { return "granted"; }
    constructor(title, options) { window.__notifications.push({ title, body: options && options.body }); }
    close() {}
    addEventListener() {}
  }
  window.Notification = Recorded;
})();`;

/**
 * A Notification API whose permission was never asked (the app then offers its button); each
 * `requestPermission()` is counted in `window.__asked` and granted.
 */
export const UNASKED_NOTIFICATIONS = `(() => {
  window.__asked = 0;
  class Unasked {
    static permission = "default";
    static async requestPermission() { window.__asked++; Unasked.permission = "granted"; return "granted"; }
    close() {}
    addEventListener() {}
  }
  window.Notification = Unasked;
})();`;

/** A phone-sized context in Portuguese with notifications allowed (and recorded) on `server`. */
export async function phoneContext(contexts: Contexts, server: string, viewport = PHONE): Promise<BrowserContext> {
  const context = await contexts.new({ viewport, locale: "pt-BR", serviceWorkers: "allow" });
  await context.grantPermissions(["notifications"], { origin: server });
  await context.addInitScript(CAPTURE_NOTIFICATIONS);
  return context;
}

/** The notifications the page constructed so far. */
export const notifications = (page: Page): Promise<{ title: string; body: string }[]> =>
  page.evaluate(() => (window as unknown as { __notifications?: { title: string; body: string }[] }).__notifications ?? []);

/** Logs Carla in on the app's login form; resolves once her tickets are listed. */
export async function logIn(page: Page): Promise<void> {
  await page.fill("#ms-email", CARLA.email);
  await page.fill("#ms-password", CARLA.password);
  await page.click('ms-login button[type="submit"]');
  await page.locator('[data-testid="tickets"]').waitFor();
}

/** Saves a screenshot when SCREENSHOTS names a folder. */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: false });
}
