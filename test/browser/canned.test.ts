/**
 * Respostas prontas: an administrator writes one in Gestão (the form's hint shows the
 * placeholders), and an attendant inserts it in a chat by typing `/` and searching, with the
 * keyboard (arrows, Enter, Escape), the placeholders replaced by the customer's and her own name.
 * Axe on the page, the form and the open list; `SCREENSHOTS=dir` saves them at 1280×800 and 390×844.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, ANA, attendantConsole, onlineAttendant } from "./console";
import { acceptChat, attendantMessage, consoleSection, startChat } from "./flows";
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

async function createResponse(admin: Page, scope: string, shortcut: string, title: string, body: string): Promise<void> {
  await admin.locator('[data-testid="canned-new"]').click();
  await admin.locator('[data-testid="canned-scope"]').selectOption({ label: scope });
  await admin.locator('[data-testid="canned-shortcut"]').fill(shortcut);
  await admin.locator('[data-testid="canned-title"]').fill(title);
  await admin.locator('[data-testid="canned-body"]').fill(body);
  await admin.locator('[data-testid="canned-save"]').click();
  await admin.locator('[data-testid="canned-saved"]', { hasText: /./ }).waitFor();
  await admin.locator('[data-testid="canned-back"]').click();
}

describe("Respostas prontas", () => {
  it("are written in Gestão and inserted with / in the composer, placeholders filled", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    await consoleSection(admin, "nav-gestao");
    await consoleSection(admin, "gestao-canned");
    await admin.locator('[data-testid="canned-new"]').click();
    await admin.getByText("{{customer.name}}").first().waitFor();
    // A shortcut with a space is refused next to its field, before asking the server.
    await admin.locator('[data-testid="canned-shortcut"]').fill("com espaço");
    await admin.locator('[data-testid="canned-save"]').click();
    await admin.locator("#canned-shortcut-error").waitFor();
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "canned-form");
    await admin.locator('[data-testid="canned-back"]').click();
    await createResponse(admin, "Toda a conta", "ola", "Saudação", "Olá {{customer.name}}, aqui é {{attendant.name}}. Como posso ajudar?");
    await createResponse(admin, "Suporte", "senha", "Trocar a senha", "Clique em “Esqueci a senha” na tela de entrada.");
    await createResponse(admin, "Comercial", "preco", "Preços", "Nossa tabela de preços está no site.");
    await expect.poll(() => admin.locator('[data-testid="canned-item"]').count()).toBe(3);
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "canned-list");

    const agent = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const customer = await contexts.page();
    await customer.goto(hostPage(h, "/canned.html", { embeds: [' data-department="dep-suporte"'] }));
    await launcher(customer).click();
    const chatId = await startChat(customer, { name: "Quésia", email: "quesia@example.com", message: "Oi, esqueci minha senha" });
    await acceptChat(agent, chatId);

    const compose = agent.locator('textarea[name="compose"]');
    const options = agent.locator('[data-testid="canned-option"]');
    await compose.pressSequentially("/");
    // Suporte's chat: the account's and Suporte's, not Comercial's.
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining("/ola"), expect.stringContaining("/senha")]);
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "canned-picker");
    // Escape closes it and leaves the text as typed.
    await compose.press("Escape");
    await agent.locator('[data-testid="canned-picker"]').waitFor({ state: "detached" });
    expect(await compose.inputValue()).toBe("/");

    await compose.fill("");
    await compose.pressSequentially("/sau");
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining("Saudação")]);
    await compose.press("Backspace");
    await compose.press("Backspace");
    await compose.press("Backspace");
    await expect.poll(() => options.count()).toBe(2);
    await compose.press("ArrowDown");
    await compose.press("ArrowUp");
    expect(await compose.getAttribute("aria-activedescendant")).toBe("canned-option-0");
    await compose.press("Enter");
    expect(await compose.inputValue()).toBe("Olá Quésia, aqui é Ana (Suporte). Como posso ajudar?");
    await agent.locator('[data-testid="send"]').click();
    await attendantMessage(customer, "Olá Quésia, aqui é Ana (Suporte). Como posso ajudar?").waitFor();

    // In the middle of a sentence, with the arrow keys.
    await compose.pressSequentially("Veja: /");
    await expect.poll(() => options.count()).toBe(2);
    await compose.press("ArrowDown");
    await compose.press("Enter");
    expect(await compose.inputValue()).toBe("Veja: Clique em “Esqueci a senha” na tela de entrada.");
  });
});
