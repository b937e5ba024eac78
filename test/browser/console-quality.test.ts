/**
 * Issue 12, the console's items: who closed a chat (name and role) for the attendant, the
 * customer and the history (defect 5). Each screen passes axe and is saved for a person to look
 * at (`SCREENSHOTS=dir`).
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

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe("who closed a chat (defect 5)", () => {
  it("a manager's close names the manager and the role to the attendant, the customer and in the history", async () => {
    const customerName = "Carla Encerrada";
    const agent = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const customer = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await customer.goto(hostPage(h, "/closer.html"));
    await launcher(customer).click();
    await startChat(panel(customer), { name: customerName, email: "carla@example.com", department: "Suporte", message: "Quem vai encerrar?" });
    await acceptFromQueue(agent, customerName);
    const status = agent.locator('[data-testid="chat-status"]');
    await expect.poll(() => status.textContent()).toContain("Atendido por Ana");

    const manager = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), GERENTE);
    await consoleSection(manager, "nav-supervision");
    const row = manager.locator('[data-testid="supervision-row"]', { hasText: customerName });
    await row.locator('[data-testid="supervision-close"]').click();
    await manager.locator('[data-testid="confirm-ok"]').click();
    await row.waitFor({ state: "detached" });

    // The attendant: the notice and the header name the manager with the role; "Atendido por" is gone.
    await expect.poll(() => agent.locator('[data-testid="chat-closed"]').textContent()).toContain("Atendimento encerrado por Gerente Suporte (Gerente de departamento).");
    await expect.poll(() => status.textContent()).toContain("Encerrado por Gerente Suporte (Gerente de departamento)");
    expect(await status.textContent()).not.toContain("Atendido por");
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "closer-attendant-1280");

    // The customer's widget.
    const closed = panel(customer).locator('[part="closed"] p[role="status"]').first();
    await expect.poll(() => closed.textContent()).toBe("Encerrado por Gerente Suporte (gerente).");
    await snap(customer, "closer-customer-1280");

    // The history's transcript: who attended and who closed, with the role.
    await consoleSection(agent, "nav-history");
    await agent.locator('[data-testid="history-item"]', { hasText: customerName }).first().click();
    await expect.poll(() => agent.locator('[data-testid="transcript-closer"]').textContent()).toContain("Encerrado por Gerente Suporte (Gerente de departamento)");
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "closer-transcript-1280");
  });
});
