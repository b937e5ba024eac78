/**
 * The satisfaction survey ("Pesquisa de satisfação") end to end: off by default, switched on by
 * the administrator in "Políticas de Atendimento Online", asked when the attendant closes a chat,
 * stored once, shown in the console's history and in the satisfaction report.
 */
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { ACCOUNT, ADMIN, ANA, agentSays, attendantConsole, onlineAttendant } from "./console";
import { acceptChat, agentCloses, ANA_ID, consoleSection, customerToken, startChat } from "./flows";
import { hostPage, launcher, useHarness } from "./harness";

const { h, contexts } = useHarness();

/** A customer on a fresh page view chats with Ana, who closes the chat; resolves to the chat's id. */
async function chatClosedByAna(agent: Page, context: BrowserContext, shop: string, name: string): Promise<{ page: Page; chatId: string }> {
  const page = await context.newPage();
  await page.goto(shop);
  await launcher(page).click();
  const chatId = await startChat(page, { name, email: `${name.toLowerCase()}@example.com`, message: "Preciso de ajuda com a entrega" });
  await acceptChat(agent, chatId);
  await agentSays(agent, "Resolvido: o pedido sai hoje.");
  await agentCloses(agent, page);
  return { page, chatId };
}

describe("satisfaction survey", () => {
  it("is asked only once the administrator turns it on, is stored once, and shows in the history and the report", async () => {
    const shop = hostPage(h, "/survey.html", { embeds: [' data-department="dep-suporte"'] });
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");

    // Off by default: a closed chat offers no survey.
    const before = await chatClosedByAna(agent, await contexts.new(), shop, "Carla");
    await before.page.locator('[part="closed"] button[part="new-chat"]').waitFor();
    expect(await before.page.locator('form[part="survey"]').count()).toBe(0);

    // The administrator ticks the policy in the console; it is saved at once.
    const admin = await attendantConsole(h, await contexts.new(), ADMIN);
    await consoleSection(admin, "nav-customize");
    const policy = admin.locator('input[name="policies.surveyEnabled"]');
    await expect.poll(() => policy.isChecked()).toBe(false);
    await policy.check();
    await admin.locator('[data-testid="settings-saved"]').waitFor();
    const config = await (await fetch(`${h.server}/api/widget/config?account=${ACCOUNT}`)).json();
    expect(config.surveyEnabled).toBe(true);

    // A new chat closed by the attendant asks the survey.
    const { page: customer, chatId } = await chatClosedByAna(agent, await contexts.new(), shop, "Diego");
    const survey = customer.locator('form[part="survey"]');
    await survey.waitFor();
    expect(await survey.locator('input[name="solved"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      "yes",
      "no",
    ]);
    expect(await survey.locator('input[name="grade"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
    await survey.locator('input[name="solved"][value="yes"]').check();
    await survey.locator('input[name="grade"][value="4"]').check();
    await survey.locator('textarea[name="comment"]').fill("Rápido e <b>gentil</b>");
    await survey.locator('button[type="submit"]').click();
    await expect.poll(() => customer.locator('[part="survey-thanks"]').textContent()).not.toBe("");
    expect(await survey.count()).toBe(0);

    // Stored once: the console's transcript shows the answer.
    const detail = await (await admin.request.get(`${h.server}/api/chats/${chatId}`)).json();
    expect(detail.survey).toMatchObject({ solved: true, grade: 4, comment: "Rápido e <b>gentil</b>" });
    await consoleSection(admin, "nav-history");
    await admin.locator(`[data-testid="history-item"]`, { hasText: "Diego" }).first().click();
    const shown = admin.locator('[data-testid="survey"]');
    await expect.poll(() => shown.getAttribute("data-answered")).toBe("true");
    expect(await shown.locator('[data-testid="survey-grade"]').textContent()).toContain("4");
    expect(await shown.locator('[data-testid="survey-comment"]').textContent()).toBe("Rápido e <b>gentil</b>");
    expect(await shown.locator("b").count()).toBe(0);

    // The satisfaction report: Ana, one answer, grade 4.
    await consoleSection(admin, "nav-satisfaction");
    const row = admin.locator(`[data-testid="satisfaction-attendant"][data-id="${ANA_ID}"]`);
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]?.trim()).toBe("1");
    expect(cells[1]?.trim()).toMatch(/^4[,.]0$/);
    expect(await admin.locator('[data-testid="satisfaction-attendant"]').count()).toBe(1);

    // A second answer to the same chat is refused.
    const token = await customerToken(customer);
    const again = await customer.request.post(`${h.server}/api/widget/chats/${chatId}/survey`, {
      headers: { authorization: `Bearer ${token}` },
      data: { account: ACCOUNT, solved: false, grade: 1 },
    });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.code).toBe("survey_already_answered");
    const unchanged = await (await admin.request.get(`${h.server}/api/chats/${chatId}`)).json();
    expect(unchanged.survey).toEqual(detail.survey);
  });
});
