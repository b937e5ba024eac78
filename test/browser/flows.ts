/**
 * Steps of the stateful customer-chat browser tests (customization, survey, resume, identity)
 * on top of the shared helpers: harness.ts (host pages, contexts, the widget's locators) and
 * console.ts (logins, the console, presence). What is here works by chat id, read from what the
 * widget keeps in `localStorage` (widget/storage.ts documents the keys). Every wait is bounded
 * by Playwright's default timeouts or an explicit `expect.poll`.
 */
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";
import { ACCOUNT, agentSays } from "./console";
import { launcher, startChat as fillStartForm } from "./harness";

/** Ana's attendant id (scripts/demo-seed.mjs): the satisfaction report's rows carry it. */
export const ANA_ID = "att-ana";

/** The customer's confirmed messages in the panel (pending ones have no seq yet). */
export const customerRows = (page: Page): Locator => page.locator('[part="messages"] [part~="message"][data-seq]');

/** An attendant message in the panel. */
export const attendantMessage = (page: Page, text: string): Locator =>
  page.locator('[part="messages"] [part~="message"][data-author="attendant"]', { hasText: text });

/**
 * Fills the pre-chat form of the open panel (only the fields given) and starts the chat;
 * resolves to the chat's id.
 */
export async function startChat(
  page: Page,
  chat: { name?: string; email?: string; department?: string; message: string },
): Promise<string> {
  await fillStartForm(page.locator("tomticket-chat"), chat);
  const id = await page.evaluate((key) => localStorage.getItem(`tomticket-chat:${key}:chat`), ACCOUNT);
  expect(id).toBeTruthy();
  return id as string;
}

/** The customer token the widget keeps for the demo account. */
export function customerToken(page: Page): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(`tomticket-chat:${key}`), ACCOUNT);
}

/** Accepts the chat `chatId` from the queue and selects it among the attendant's chats. */
export async function acceptChat(agent: Page, chatId: string): Promise<void> {
  await agent.locator(`[data-testid="queue-item"][data-chat-id="${chatId}"] [data-testid="accept"]`).click();
  const mine = agent.locator(`[data-testid="my-chat"][data-chat-id="${chatId}"]`);
  await mine.waitFor();
  await mine.click();
  await expect.poll(() => mine.getAttribute("aria-current")).toBe("true");
}

/**
 * On `customer` (a page already set up, e.g. with its sockets routed): opens `url`, starts a
 * chat as `name`, which `agent` accepts and greets; resolves once the greeting shows there.
 */
export async function chatAnswered(agent: Page, customer: Page, url: string, name: string): Promise<string> {
  await customer.goto(url);
  await launcher(customer).click();
  const chatId = await startChat(customer, { name, email: `${name.toLowerCase()}@example.com`, message: `Olá, aqui é ${name}` });
  await acceptChat(agent, chatId);
  await agentSays(agent, `Olá ${name}, sou a Ana.`);
  await attendantMessage(customer, `Olá ${name}, sou a Ana.`).waitFor();
  return chatId;
}

/** The attendant closes the selected chat; resolves once the customer's panel shows it closed. */
export async function agentCloses(agent: Page, customer: Page): Promise<void> {
  await agent.locator('[data-testid="close-chat"]').click();
  await agent.locator('[data-testid="chat-closed"]').waitFor();
  await customer.locator('[part="closed"]').waitFor();
}

/** Every confirmed message in the panel as `{ seq, author, body }`, in page order. */
export function panelMessages(page: Page): Promise<{ seq: string | null; author: string | null; body: string }[]> {
  return customerRows(page).evaluateAll((rows) =>
    rows.map((row) => ({
      seq: row.getAttribute("data-seq"),
      author: row.getAttribute("data-author"),
      body: row.querySelector('[part="body"]')?.textContent ?? "",
    })),
  );
}

/**
 * Clicks a header link (`nav-history`, `nav-profile`…), first opening the menu that holds it when
 * it is not on the header's row: "Mais"/"Menu" for sections, the attendant's menu for the profile.
 */
export async function clickNav(page: Page, testId: string): Promise<void> {
  const link = page.locator(`[data-testid="${testId}"]`);
  await page.locator('[data-testid="status-toggle"]').waitFor();
  if (!(await link.isVisible())) await page.locator(testId === "nav-profile" ? '[data-testid="user-menu"]' : '[data-testid="nav-more"]').click();
  await link.click();
}

/** Goes to a section of the console (`nav-customize`, `nav-history`, `nav-satisfaction`…). */
export async function consoleSection(page: Page, testId: string): Promise<void> {
  const link = page.locator(`[data-testid="${testId}"]`);
  await clickNav(page, testId);
  await expect.poll(() => link.getAttribute("aria-current")).toBe("page");
}

/** The computed background colour of what `locator` finds. */
export function background(locator: Locator): Promise<string> {
  return locator.evaluate((el) => getComputedStyle(el).backgroundColor);
}

/** `#rrggbb` as Chromium computes it: `rgb(r, g, b)`. */
export function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
