/**
 * Rótulos (issue 10): an administrator creates "Financeiro" in Gestão › Rótulos with the rule
 * "primeira mensagem contém 'boleto'" (an empty condition is refused in place first); a customer
 * writes about a boleto and the new chat arrives in Ana's console already labelled, with the
 * internal line naming the rule; Ana adds a second label by hand in the chat window. The API's
 * chat detail carries both; the customer's widget never shows a label. Pages pass axe on a
 * desktop and a phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, ANA, acceptFromQueue, attendantConsole, onlineAttendant } from "./console";
import { consoleSection } from "./flows";
import { hostPage, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();
const CUSTOMER = "Rita Rotulada";

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe("Rótulos", () => {
  it("a rule labels a new chat; the attendant adds a second label by hand; the customer sees none", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    await consoleSection(admin, "nav-gestao");
    await consoleSection(admin, "gestao-labels");
    await admin.locator('[data-testid="labels-new"]').click();
    await admin.locator('[data-testid="label-name"]').fill("Financeiro");
    await admin.locator('[data-testid="label-color-hex"]').fill("#1a7f5a");
    await admin.locator('[data-testid="label-description"]').fill("Boletos e pagamentos");
    await admin.locator('[data-testid="cond-add"]').click();
    // Saved with the value empty: refused next to the value, nothing stored.
    await admin.locator('[data-testid="label-save"]').click();
    await admin.locator("#cond-0-value-error").waitFor();
    expect(await admin.locator('[data-testid="cond-0-value"]').getAttribute("aria-invalid")).toBe("true");
    await admin.locator('[data-testid="cond-0-field"]').selectOption("firstMessage");
    await admin.locator('[data-testid="cond-0-value"]').fill("boleto");
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "labels-form-1280");
    await admin.locator('[data-testid="label-save"]').click();
    await expect.poll(() => admin.locator('[data-testid="label-saved"]').textContent()).toContain("salvas");
    const stored = await (await admin.request.get(`${h.server}/api/labels`)).json();
    expect(stored.labels.map((l: { name: string; conditions: unknown[] }) => [l.name, l.conditions])).toEqual([
      ["Financeiro", [{ field: "firstMessage", operator: "contains", value: "boleto" }]],
    ]);
    // A second label, for applying by hand.
    expect((await admin.request.post(`${h.server}/api/labels`, { data: { name: "Prioridade", color: "#ffdd00" } })).status()).toBe(201);
    await admin.locator('[data-testid="labels-back"]').click();
    await admin.locator('[data-testid="label-item"]', { hasText: "Prioridade" }).waitFor();
    await snap(admin, "labels-list-1280");
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.locator('[data-testid="label-open"]', { hasText: "Financeiro" }).click();
    await admin.locator('[data-testid="cond-0-value"]').waitFor();
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "labels-form-390");

    const ana = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const customer = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await customer.goto(hostPage(h, "/labels.html"));
    await launcher(customer).click();
    const widget = panel(customer);
    await startChat(widget, { name: CUSTOMER, email: "rita@example.com", department: "Suporte", message: "Preciso da segunda via do BOLETO" });
    await acceptFromQueue(ana, CUSTOMER);

    const chips = ana.locator('ao-chat-window [data-testid="label-chip"]');
    await expect.poll(() => chips.allTextContents().then((t) => t.map((s) => s.replace("×", "").trim()))).toEqual(["Financeiro"]);
    await ana.locator('[data-testid="message"]', { hasText: "Rótulo Financeiro aplicado pela regra: primeira mensagem contém 'boleto'" }).waitFor();
    await ana.locator('ao-chat-window [data-testid="label-add"]').selectOption({ label: "Prioridade" });
    await expect.poll(() => chips.count()).toBe(2);
    await expectNoSeriousA11yViolations(ana);
    await snap(ana, "labels-chat-1280");
    // On a phone the chips wrap under the customer's details and stay usable.
    await ana.setViewportSize({ width: 390, height: 844 });
    await expectNoSeriousA11yViolations(ana);
    await snap(ana, "labels-chat-390");

    const list = await (await ana.request.get(`${h.server}/api/chats?status=active`)).json();
    const chat = list.chats.find((c: { customer: { name: string } }) => c.customer.name === CUSTOMER);
    const detail = await (await ana.request.get(`${h.server}/api/chats/${chat.id}`)).json();
    expect(detail.chat.labels.map((l: { name: string }) => l.name)).toEqual(["Financeiro", "Prioridade"]);

    // The history filtered by the hand-applied label finds the chat, with both chips.
    const prioridade = detail.chat.labels.find((l: { name: string }) => l.name === "Prioridade").id;
    // A bookmarked search, opened in another tab of Ana's session.
    const history = await ana.context().newPage();
    await history.setViewportSize({ width: 1280, height: 800 });
    await history.goto(`${h.server}/admin/#/history?status=all&labelId=${prioridade}`);
    const found = history.locator('[data-testid="history-item"]', { hasText: CUSTOMER });
    await found.waitFor();
    await expect.poll(() => history.locator('[data-testid="history-item"]').count()).toBe(1);
    await expect.poll(() => found.locator('[data-testid="label-chip"]').allTextContents()).toEqual(["Financeiro", "Prioridade"]);
    await expectNoSeriousA11yViolations(history);
    await snap(history, "labels-history-1280");

    // Removing by hand works too, and the customer never saw any of it.
    await ana.locator('ao-chat-window [data-testid="label-remove"]').last().click();
    await expect.poll(() => chips.count()).toBe(1);
    expect(await widget.locator('[part="messages"]').textContent()).not.toContain("Financeiro");
  });
});
