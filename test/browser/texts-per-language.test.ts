/**
 * Custom texts per language end to end: the console's language switch edits the English texts
 * beside the Portuguese ones, a page with `lang="en"` shows the English title and greeting, a
 * language without texts of its own shows the account's (Portuguese) ones, and a panel whose
 * `lang` changes while open follows; the pop-up page in English too.
 */
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ACCOUNT, ADMIN, ANA, attendantConsole, onlineAttendant } from "./console";
import { consoleSection } from "./flows";
import { chatElement, hostPage, launcher, useHarness } from "./harness";

const { h, contexts } = useHarness();

const PT = { title: "Fale com a Loja Exemplo", greeting: "Olá! Em que podemos ajudar?" };
const EN = { title: "Talk to Loja Exemplo", greeting: "Hi! How can we help?" };

/** Saves the page with `focus` in view at 1280×800 and 390×844 (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, focus: Locator, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  await focus.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/${name}-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await focus.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/${name}-390.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

const title = (scope: Locator) => scope.locator('[part="title"]');
const greeting = (scope: Locator) => scope.locator('[part="greeting"]');

async function openWidget(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await launcher(page).click();
  const chat = chatElement(page);
  await chat.locator('form[part="form"]').waitFor();
  return chat;
}

describe("custom texts per language", () => {
  it("edits the English texts with the console's switch; lang=en shows them, Spanish falls back to Portuguese", async () => {
    // An attendant online, so the widget shows its pre-chat form with the greeting.
    await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    await consoleSection(admin, "nav-customize");
    await admin.locator('input[name="texts.pt-BR.title"]').fill(PT.title);
    await admin.locator('input[name="texts.pt-BR.greeting"]').fill(PT.greeting);
    await expect.poll(() => admin.locator('[data-testid="text-lang-pt-BR"]').textContent()).toContain("personalizados: 2");
    await expect.poll(() => admin.locator('[data-testid="text-lang-en"]').textContent()).toContain("nenhum personalizado");

    await admin.locator('[data-testid="text-lang-en"] input').check();
    const enTitle = admin.locator('input[name="texts.en.title"]');
    await enTitle.waitFor();
    // An empty English field shows what it falls back to: the account's Portuguese text.
    expect(await enTitle.getAttribute("placeholder")).toBe(PT.title);
    await enTitle.fill(EN.title);
    await admin.locator('input[name="texts.en.greeting"]').fill(EN.greeting);
    await expect.poll(() => admin.locator('[data-testid="preview-title"]').textContent()).toBe(EN.title);
    // The preview's message field speaks the language shown too (its text is in a widget chunk).
    await expect.poll(() => admin.locator('[data-testid="preview-panel"] .field').textContent()).toBe("Type your message…");
    await expect.poll(() => admin.locator('[data-testid="text-lang-en"]').textContent()).toContain("personalizados: 2");
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, admin.locator('[data-testid="text-lang-en"]'), "texts-per-language-console");
    await admin.locator('[data-testid="save-settings"]').click();
    await admin.locator('[data-testid="settings-saved"]').waitFor();

    const english = await openWidget(await contexts.page(), hostPage(h, "/en.html", { embeds: [' data-lang="en"'] }));
    await expect.poll(() => title(english).textContent()).toBe(EN.title);
    await expect.poll(() => greeting(english).textContent()).toBe(EN.greeting);

    const spanishPage = await contexts.page();
    const spanish = await openWidget(spanishPage, hostPage(h, "/es.html", { embeds: [' data-lang="es"'] }));
    await expect.poll(() => title(spanish).textContent()).toBe(PT.title);
    await expect.poll(() => greeting(spanish).textContent()).toBe(PT.greeting);
    // The page switches the open widget to English: the texts follow, not only the labels.
    await spanishPage.evaluate(() => document.querySelector("tomticket-chat")?.setAttribute("lang", "en"));
    await expect.poll(() => title(spanish).textContent()).toBe(EN.title);
    await expect.poll(() => greeting(spanish).textContent()).toBe(EN.greeting);

    const popup = await contexts.page({ viewport: { width: 390, height: 844 } });
    await popup.goto(`${h.server}/chat/${ACCOUNT}?lang=en`);
    await expect.poll(() => title(chatElement(popup)).textContent()).toBe(EN.title);
    const portuguese = await contexts.page();
    await portuguese.goto(`${h.server}/chat/${ACCOUNT}`);
    await expect.poll(() => title(chatElement(portuguese)).textContent()).toBe(PT.title);
  });
});
