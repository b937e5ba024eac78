import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, ANA, attendantConsole, expectDepartment } from "./console";
import { hostPage, launcher, panel, startChat, useHarness } from "./harness";
import { clickNav } from "./flows";
import { trackRequests } from "./requests";

const { h, contexts } = useHarness();

/** The console's pages an administrator opens from the header, by their nav test ids. */
const CONSOLE_PAGES = ["nav-live", "nav-supervision", "nav-history", "nav-offline", "nav-customize", "nav-publish", "nav-satisfaction", "nav-profile"];
/** Gestão's sections, by their menu's test ids. */
const GESTAO_SECTIONS = ["gestao-departments", "gestao-hours", "gestao-attendants", "gestao-customers", "gestao-account", "gestao-audit"];

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

describe("accessibility (axe-core: no serious or critical violation)", () => {
  // 28 pages, each given half a second without requests before axe reads it.
  it("the console's login screen and every page an administrator opens, on a desktop and a phone", { timeout: 120_000 }, async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const context = await contexts.new({ viewport });
      const login = await context.newPage();
      await login.goto(`${h.server}/admin/`);
      await login.locator('input[name="email"]').waitFor();
      await expectNoSeriousA11yViolations(login);
      const admin = await attendantConsole(h, context, ADMIN);
      const requests = trackRequests(admin);
      for (const testId of CONSOLE_PAGES) {
        await clickNav(admin, testId);
        await requests.settled();
        await expectNoSeriousA11yViolations(admin);
        await snap(admin, `${testId}-${viewport.width}`);
      }
      await clickNav(admin, "nav-gestao");
      for (const testId of GESTAO_SECTIONS) {
        await admin.locator(`[data-testid="${testId}"]`).click();
        await requests.settled();
        await expectNoSeriousA11yViolations(admin);
        await snap(admin, `${testId}-${viewport.width}`);
      }
    }
  });

  it("the widget's launcher, pre-chat form and open chat on a host page, and the pop-up chat page", async () => {
    await attendantConsole(h, await contexts.new(), ANA);
    await expectDepartment(h, "dep-suporte", true);
    const page = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await page.goto(hostPage(h, "/a11y.html"));
    await launcher(page).waitFor();
    await expectNoSeriousA11yViolations(page);
    await launcher(page).click();
    await panel(page).locator('form[part="form"]').waitFor();
    await expectNoSeriousA11yViolations(page);
    await startChat(panel(page), { name: "Lia", email: "lia@example.com", department: "Suporte", message: "Olá" });
    await expectNoSeriousA11yViolations(page);

    const popup = await contexts.page({ viewport: { width: 390, height: 844 } });
    await popup.goto(`${h.server}/chat/demo-public-key`);
    await popup.locator("tomticket-chat").locator('form[part="form"]').waitFor();
    await expectNoSeriousA11yViolations(popup);
  });
});
