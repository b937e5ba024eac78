/**
 * The customer's presence and abandoned chats (issue 12, defect 6): the queue and the chat show
 * "No site" / "Saiu agora"; with "Tirar da fila como abandonado" at 1 minute (the Políticas form),
 * a waiting chat whose customer closed the tab leaves the queue after that minute, shows as
 * "Abandonado" in the history, and comes back at its place when the customer returns to the
 * site. Waits that one real minute: the room's timer cannot be moved from a browser test.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, ANA, attendantConsole, onlineAttendant, queueItem } from "./console";
import { consoleSection, startChat } from "./flows";
import { hostPage, launcher, useHarness } from "./harness";

const { h, contexts } = useHarness();

async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  await page.screenshot({ path: `${dir}/${name}-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${dir}/${name}-390.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("abandoned chats", () => {
  it("shows the customer's presence, takes the chat out of the queue after the setting, and resumes it when the customer returns", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    await consoleSection(admin, "nav-customize");
    const field = admin.locator('[data-testid="policies-abandonAfterMinutes"]');
    await field.scrollIntoViewIfNeeded();
    await field.fill("0");
    await admin.locator('[data-testid="policies-save"]').click();
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await field.fill("1");
    await admin.locator('[data-testid="policies-save"]').click();
    await admin.locator('[data-testid="policies-saved"]').waitFor();
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "abandon-policy");

    const agent = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const site = hostPage(h, "/abandon.html", { embeds: [' data-department="dep-suporte"'] });
    const customerContext = await contexts.new();
    let customer = await customerContext.newPage();
    await customer.goto(site);
    await launcher(customer).click();
    const chatId = await startChat(customer, { name: "Rui Ausente", email: "rui@example.com", message: "Vou precisar sair já já" });

    const item = queueItem(agent, "Rui Ausente");
    const presence = item.locator('[data-testid="customer-presence"]');
    await expect.poll(() => presence.getAttribute("data-here")).toBe("true");
    expect(await presence.textContent()).toContain("No site");
    await item.locator("button.open").click();
    await agent.locator('header [data-testid="customer-presence"][data-here="true"]').waitFor();
    await expectNoSeriousA11yViolations(agent);

    // The customer closes the tab: "Saiu agora", in the queue and in the open chat.
    await customer.close();
    await expect.poll(() => presence.getAttribute("data-here")).toBe("false");
    expect(await presence.textContent()).toContain("Saiu agora");
    await agent.locator('header [data-testid="customer-presence"][data-here="false"]').waitFor();
    await snap(agent, "abandon-presence");

    // A minute later the chat leaves the queue, kept in the history as abandoned.
    await item.waitFor({ state: "detached", timeout: 90_000 });
    // The history opens on closed chats: every status shows the abandoned one too.
    await admin.evaluate(() => void (location.hash = "#/history?status=all"));
    const row = admin.locator(`[data-testid="history-item"][data-chat-id="${chatId}"]`);
    // The history is D1's copy, which the room writes about 100 ms after it tells the consoles:
    // a history opened within that moment still shows the chat waiting, so it is read again.
    await expect
      .poll(
        async () => {
          await admin.reload();
          await row.waitFor();
          return row.locator('[data-testid="history-status"]').textContent();
        },
        { timeout: 15_000 },
      )
      .toBe("Abandonado");

    // Back on the site: the same chat waits again, with the customer on the page.
    customer = await customerContext.newPage();
    await customer.goto(site);
    const back = agent.locator(`[data-testid="queue-item"][data-chat-id="${chatId}"]`);
    await back.waitFor({ timeout: 15_000 });
    await expect.poll(() => back.locator('[data-testid="customer-presence"]').getAttribute("data-here")).toBe("true");
    await admin.reload();
    await row.waitFor();
    expect(await row.locator('[data-testid="history-status"]').textContent()).toBe("aguardando");
  }, 180_000);
});
