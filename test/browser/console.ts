/**
 * The attendant's side of the browser tests: the demo logins, the console at `/admin/` in its
 * own browser context, and waiting until a department is online for the widget (an attendant
 * of it online AND a console socket open, so the login alone is not enough). Every wait is
 * bounded by Playwright's default timeouts or an explicit `expect.poll` timeout.
 */
import { expect } from "vitest";
import type { BrowserContext, Locator, Page } from "playwright-core";
import type { Harness } from "./harness";

/** The demo account's public key (scripts/demo-seed.mjs). */
export const ACCOUNT = "demo-public-key";

/** A demo login. */
export interface Login {
  email: string;
  password: string;
}

/** Suporte, online on login. */
export const ANA: Login = { email: "ana@demo.test", password: "demo-ana-123" };
/** Comercial, online on login. */
export const BRUNO: Login = { email: "bruno@demo.test", password: "demo-bruno-123" };
/** Administrator of every department, offline on login. */
export const ADMIN: Login = { email: "admin@demo.test", password: "demo-admin-123" };

/** Opens the console in `context` and logs in; resolves once the header is there. */
export async function attendantConsole(h: Harness, context: BrowserContext, who: Login): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${h.server}/admin/`);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await page.click('button[type="submit"]');
  await page.locator('[data-testid="status-toggle"]').waitFor();
  return page;
}

/** Whether `GET /api/widget/config` (what the widget reads) lists the department as online. */
export async function departmentOnline(h: Harness, departmentId: string): Promise<boolean> {
  const res = await fetch(`${h.server}/api/widget/config?account=${ACCOUNT}`);
  const body = (await res.json()) as { departments: { id: string; online: boolean }[] };
  return body.departments.some((d) => d.id === departmentId && d.online);
}

/**
 * Waits until the widget's configuration says the department is `online` (or not). The poll
 * is slow on purpose: every request counts against the public endpoints' rate limit.
 */
export async function expectDepartment(h: Harness, departmentId: string, online: boolean): Promise<void> {
  await expect.poll(() => departmentOnline(h, departmentId), { timeout: 10_000, interval: 250 }).toBe(online);
}

/** An attendant logged in to the console, with the department online for the widget. */
export async function onlineAttendant(h: Harness, context: BrowserContext, who: Login, departmentId: string): Promise<Page> {
  const page = await attendantConsole(h, context, who);
  await expectDepartment(h, departmentId, true);
  return page;
}

/** The queue entry of the waiting chat whose customer or summary contains `text`. */
export const queueItem = (agent: Page, text: string): Locator =>
  agent.locator('[data-testid="queue-item"]', { hasText: text });

/** Accepts the waiting chat of `customerName` and resolves once it is the attendant's, selected. */
export async function acceptFromQueue(agent: Page, customerName: string): Promise<void> {
  await queueItem(agent, customerName).locator('[data-testid="accept"]').click();
  const mine = agent.locator('[data-testid="my-chat"]', { hasText: customerName });
  await mine.waitFor();
  await mine.click();
  await agent.locator("#chat-title", { hasText: customerName }).waitFor();
}

/** The attendant writes in the selected chat; resolves once the console shows it stored. */
export async function agentSays(agent: Page, text: string): Promise<void> {
  await agent.locator('textarea[name="compose"]').fill(text);
  await agent.locator('[data-testid="send"]').click();
  await agent.locator('[data-testid="message"][data-author="attendant"]', { hasText: text }).waitFor();
}

/** The customer's messages as the console shows them in the selected chat. */
export const customerMessagesSeen = (agent: Page): Locator =>
  agent.locator('[data-testid="message"][data-author="customer"] .body');
