import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, attendantConsole } from "./console";
import { consoleSection } from "./flows";
import { useHarness } from "./harness";

/**
 * The attendance policies in the console: the queue controls of "Políticas de Atendimento
 * Online", the department's routing override and the attendant's own chat limit, each saved and
 * read back from the API, with inline errors. `SCREENSHOTS=dir` saves each at 1280×800 and 390×844.
 */
const { h, contexts } = useHarness();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: false });
}

/** GET `path` with the page's session (what the API stored). */
function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => (await fetch(url, { credentials: "same-origin" })).json(), path) as Promise<T>;
}

type Settings = { account: { policies: Record<string, unknown> }; departments: Record<string, { policies?: { routing?: string } }> };

describe("Políticas de Atendimento Online: the queue controls", () => {
  it("checks each field inline, saves routing, default limit, grace and inactivity, and reads them back", async () => {
    for (const [label, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const admin = await attendantConsole(h, await contexts.new({ viewport }), ADMIN);
      await consoleSection(admin, "nav-customize");
      const form = admin.locator('[data-testid="policies-queue"]');
      await form.waitFor();
      await form.scrollIntoViewIfNeeded();
      if (label === "desktop") {
        await admin.locator('[data-testid="policies-inactivityCloseMinutes"]').fill("1");
        await admin.locator('[data-testid="policies-maxChatsPerAttendant"]').fill("101");
        await admin.locator('[data-testid="policies-save"]').click();
        const inactivity = admin.locator('[data-testid="policies-inactivityCloseMinutes"]');
        await expect.poll(() => admin.locator('[data-testid="policies-maxChatsPerAttendant"]').getAttribute("aria-invalid")).toBe("true");
        expect(await inactivity.getAttribute("aria-invalid")).toBe("true");
        expect(await admin.locator("#pol-inactivityCloseMinutes-error").textContent()).toContain("2 a 1440");
        // Focus goes to the first field in error.
        expect(await admin.locator('[data-testid="policies-maxChatsPerAttendant"]').evaluate((el) => el.matches(":focus"))).toBe(true);
        await snap(admin, `policies-errors-${label}`);

        await admin.locator('[data-testid="policies-routing"]').selectOption("automatic");
        await admin.locator('[data-testid="policies-maxChatsPerAttendant"]').fill("3");
        await admin.locator('[data-testid="policies-offlineGraceSeconds"]').fill("120");
        await inactivity.fill("15");
        await admin.locator('[data-testid="policies-save"]').click();
        await admin.locator('[data-testid="policies-saved"]').waitFor();
        const settings = await apiGet<Settings>(admin, "/api/settings");
        expect(settings.account.policies).toMatchObject({ routing: "automatic", maxChatsPerAttendant: 3, offlineGraceSeconds: 120, inactivityCloseMinutes: 15 });
      } else {
        // Saved values come back into the form.
        expect(await admin.locator('[data-testid="policies-inactivityCloseMinutes"]').inputValue()).toBe("15");
      }
      await form.scrollIntoViewIfNeeded();
      await snap(admin, `policies-queue-${label}`);
      await expectNoSeriousA11yViolations(admin);
    }
  });
});

describe("Gestão: the department's routing and the attendant's limit", () => {
  it("a department overrides the account's routing; an attendant gets their own most simultaneous chats", async () => {
    for (const [label, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const admin = await attendantConsole(h, await contexts.new({ viewport }), ADMIN);
      await admin.goto(`${h.server}/admin/#/gestao/departments/dep-comercial`);
      const routing = admin.locator('[data-testid="department-routing"]');
      await routing.waitFor();
      await expect.poll(() => routing.isEnabled()).toBe(true);
      if (label === "desktop") {
        await routing.selectOption("manual");
        await admin.locator('[data-testid="department-routing-save"]').click();
        await admin.getByText("Distribuição salva.").waitFor();
        const settings = await apiGet<Settings>(admin, "/api/settings");
        expect(settings.departments["dep-comercial"]?.policies).toEqual({ routing: "manual" });
      }
      await routing.scrollIntoViewIfNeeded();
      await snap(admin, `department-routing-${label}`);
      await expectNoSeriousA11yViolations(admin);

      await admin.goto(`${h.server}/admin/#/gestao/attendants/att-ana`);
      const limit = admin.locator('[data-testid="attendant-max-chats"]');
      await limit.waitFor();
      if (label === "desktop") {
        await limit.fill("0");
        await admin.locator('[data-testid="attendant-save"]').click();
        await expect.poll(() => limit.getAttribute("aria-invalid")).toBe("true");
        await limit.fill("2");
        await admin.locator('[data-testid="attendant-save"]').click();
        await admin.locator('[data-testid="attendant-saved"]', { hasText: /\S/ }).waitFor();
        const { attendant } = await apiGet<{ attendant: { maxChats: number | null } }>(admin, "/api/attendants/att-ana");
        expect(attendant.maxChats).toBe(2);
      }
      await limit.scrollIntoViewIfNeeded();
      await snap(admin, `attendant-max-chats-${label}`);
    }
  });
});
