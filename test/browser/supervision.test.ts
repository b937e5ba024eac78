/**
 * Supervisão (issue 8, "Control of the queue"): the demo's department manager watches Suporte
 * live and closes Ana's chat from the supervision view; Ana's console and the customer's widget
 * both show it closed, naming the manager. The page passes axe on a desktop and on a phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ANA, acceptFromQueue, attendantConsole, onlineAttendant, type Login } from "./console";
import { consoleSection } from "./flows";
import { hostPage, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();

/** The demo's manager of Suporte (scripts/demo-seed.mjs). */
const GERENTE: Login = { email: "gerente@demo.test", password: "demo-gerente-123" };
const CUSTOMER = "Rita Supervisionada";

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe("Supervisão", () => {
  it("a manager watches a chat live and closes it; the attendant's console and the customer's widget name who closed it", async () => {
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const customer = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await customer.goto(hostPage(h, "/supervision.html"));
    await launcher(customer).click();
    await startChat(panel(customer), { name: CUSTOMER, email: "rita@example.com", department: "Suporte", message: "Preciso de ajuda" });

    const manager = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), GERENTE);
    await consoleSection(manager, "nav-supervision");
    const row = manager.locator('[data-testid="supervision-row"]', { hasText: CUSTOMER });
    const attendant = row.locator('[data-testid="supervision-attendant"]');
    await expect.poll(() => row.getAttribute("data-status")).toBe("waiting");
    await expect.poll(() => attendant.textContent()).toContain("na fila");

    // Ana accepts: the row follows without a reload, and its clock ticks.
    await acceptFromQueue(agent, CUSTOMER);
    await expect.poll(() => row.getAttribute("data-status")).toBe("active");
    await expect.poll(() => attendant.textContent()).toContain("Ana (Suporte)");
    const clock = row.locator('[data-testid="supervision-clock"]');
    const first = await clock.textContent();
    await expect.poll(() => clock.textContent(), { timeout: 15_000 }).not.toBe(first);
    await expect.poll(() => manager.locator('[data-testid="supervision-counts"]').textContent()).toContain("1 em atendimento");

    await expectNoSeriousA11yViolations(manager);
    await snap(manager, "supervision-1280");
    await manager.setViewportSize({ width: 390, height: 844 });
    // On a phone each row is a card: nothing scrolls sideways.
    await expect.poll(() => manager.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(manager);
    await snap(manager, "supervision-390");

    // Cancel leaves the chat alone; confirming closes it.
    await row.locator('[data-testid="supervision-close"]').click();
    await manager.locator('[data-testid="confirm-cancel"]').click();
    await expect.poll(() => row.getAttribute("data-status")).toBe("active");
    await row.locator('[data-testid="supervision-close"]').click();
    await expectNoSeriousA11yViolations(manager);
    await snap(manager, "supervision-confirm-390");
    await manager.locator('[data-testid="confirm-ok"]').click();
    await row.waitFor({ state: "detached" });
    await manager.locator('[data-testid="supervision-empty"]').waitFor();

    // Ana's console: the chat on screen says who closed it, and a notice tells her.
    await expect.poll(() => agent.locator('[data-testid="chat-closed"]').textContent()).toContain("Atendimento encerrado por Gerente Suporte");
    await expect.poll(() => agent.locator('[data-testid="notice"][data-key="notice.closedByOther"]').textContent()).toContain("Gerente Suporte encerrou o atendimento");
    await expect.poll(() => agent.locator('[data-testid="message"]', { hasText: "Atendimento encerrado por Gerente Suporte" }).count()).toBe(1);
    await snap(agent, "supervision-attendant");

    // The customer's widget: closed, by the manager, with the line in the conversation.
    await panel(customer).locator('[part="closed"]').waitFor();
    await expect.poll(() => panel(customer).locator('[part="closed"] p[role="status"]').first().textContent()).toBe("Encerrado por Gerente Suporte (gerente).");
    await snap(customer, "supervision-customer");
  });

  it("is not offered to an attendant, and its address shows the desk instead", async () => {
    const agent = await attendantConsole(h, await contexts.new(), ANA);
    await expect.poll(() => agent.locator('[data-testid="nav-supervision"]').count()).toBe(0);
    await agent.goto(`${h.server}/admin/#/supervision`);
    await agent.locator('[data-testid="status-toggle"]').waitFor();
    await expect.poll(() => agent.locator("ao-supervision").count()).toBe(0);
  });
});
