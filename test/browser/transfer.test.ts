/**
 * Transfer (issue 8, "Control of the queue"): Ana transfers her chat from Suporte to Comercial,
 * naming Bruno, with an internal note. The customer's widget reads that they were transferred and
 * goes on talking with Bruno in the new department; the note reaches Bruno's console and never
 * the customer. The dialog passes axe on a desktop and a phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ANA, BRUNO, acceptFromQueue, agentSays, customerMessagesSeen, onlineAttendant } from "./console";
import { customerSays, hostPage, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();

const CUSTOMER = "Tereza Transferida";
const NOTE = "Cliente quer orçamento de 40 licenças";

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe("Transfer", () => {
  it("moves a chat to another department and attendant: the customer is told and goes on with Bruno; the note stays among attendants", async () => {
    const ana = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const bruno = await onlineAttendant(h, await contexts.new({ viewport: { width: 390, height: 844 } }), BRUNO, "dep-comercial");
    const customer = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await customer.goto(hostPage(h, "/transfer.html"));
    await launcher(customer).click();
    const widget = panel(customer);
    await startChat(widget, { name: CUSTOMER, email: "tereza@example.com", department: "Suporte", message: "Quero falar com vendas" });
    await acceptFromQueue(ana, CUSTOMER);
    await agentSays(ana, "Vou passar você para o Comercial.");

    await ana.locator('[data-testid="transfer-chat"]').click();
    const dialog = ana.locator('[data-testid="transfer-dialog"]');
    await dialog.waitFor();
    await dialog.locator('[data-testid="transfer-department"]').selectOption({ label: "Comercial" });
    await expect.poll(() => dialog.locator('[data-testid="transfer-attendant"] option').allTextContents()).toContain("Bruno (Comercial)");
    await dialog.locator('[data-testid="transfer-attendant"]').selectOption({ label: "Bruno (Comercial)" });
    await dialog.locator('[data-testid="transfer-note"]').fill(NOTE);
    await expectNoSeriousA11yViolations(ana);
    await snap(ana, "transfer-dialog-1280");
    await dialog.locator('[data-testid="transfer-submit"]').click();
    await dialog.waitFor({ state: "hidden" });

    // The customer reads where they went, in the same conversation, and never the note.
    // Named together with the department, the attendant is who the customer is told about.
    await widget.locator('[part~="message"]', { hasText: "Você foi transferido para Bruno (Comercial)" }).waitFor();
    await expect.poll(() => widget.locator('[part="messages"]').textContent()).not.toContain(NOTE);
    await widget.locator('[part~="message"]', { hasText: "Vou passar você para o Comercial." }).waitFor();

    // Bruno has it, with the history and the internal note.
    const mine = bruno.locator('[data-testid="my-chat"]', { hasText: CUSTOMER });
    await mine.waitFor();
    await mine.click();
    await bruno.locator("#chat-title", { hasText: CUSTOMER }).waitFor();
    await bruno.locator('[data-testid="message"]', { hasText: NOTE }).waitFor();
    await expect.poll(() => customerMessagesSeen(bruno).allTextContents()).toContain("Quero falar com vendas");
    await snap(bruno, "transfer-bruno-390");

    // The conversation goes on both ways in the new department.
    await agentSays(bruno, "Olá, Tereza! Sou o Bruno, do Comercial.");
    await widget.locator('[part~="message"]', { hasText: "Sou o Bruno, do Comercial." }).waitFor();
    await customerSays(widget, "Preciso de 40 licenças");
    await expect.poll(() => customerMessagesSeen(bruno).allTextContents()).toContain("Preciso de 40 licenças");
    await snap(customer, "transfer-customer");

    // Ana's console let the chat go.
    await expect.poll(() => ana.locator('[data-testid="my-chat"]', { hasText: CUSTOMER }).count()).toBe(0);
  });
});
