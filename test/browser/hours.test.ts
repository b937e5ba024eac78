/**
 * Horários de Atendimento in the console (issue 8): an administrator creates a shift for Suporte
 * in the week editor (two intervals on Monday copied to the weekdays, a holiday), finds it in the
 * list with the department's "open now / opens at" line, edits it, sees an invalid form refused
 * in place, and deletes it. What the server stored is read back through the API each time.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, attendantConsole } from "./console";
import { consoleSection } from "./flows";
import { useHarness } from "./harness";

const { h, contexts } = useHarness();

interface StoredShift {
  id: string;
  name: string;
  scope: string;
  intervals: { day: number; start: string; end: string }[];
  exceptions: { date: string; closed: boolean; start?: string; end?: string }[];
}

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The shifts the server holds now, through the admin's session. */
async function storedShifts(page: Page): Promise<StoredShift[]> {
  const response = await page.request.get(`${h.server}/api/shifts`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { shifts: StoredShift[] }).shifts;
}

describe("Horários de Atendimento", () => {
  it("creates, edits and deletes a department's shift in the week editor", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    await consoleSection(admin, "nav-gestao");
    await consoleSection(admin, "gestao-hours");
    await admin.locator('[data-testid="hours-new"]').click();

    await admin.locator('[data-testid="shift-name"]').fill("Plantão Suporte");
    await admin.locator('[data-testid="shift-scope"]').selectOption({ label: "Suporte" });
    // Monday: 08:00–12:00 and 13:00–17:00, then the same on every weekday.
    await admin.locator('[data-testid="shift-day-1-add"]').click();
    await admin.locator('[data-testid="shift-day-1-start-0"]').fill("08:00");
    await admin.locator('[data-testid="shift-day-1-end-0"]').fill("12:00");
    await admin.locator('[data-testid="shift-day-1-add"]').click();
    await admin.locator('[data-testid="shift-day-1-start-1"]').fill("13:00");
    await admin.locator('[data-testid="shift-day-1-end-1"]').fill("17:00");
    await admin.locator('[data-testid="shift-copy-weekdays"]').click();
    await expect.poll(() => admin.locator('[data-testid="shift-day-5-end-1"]').inputValue()).toBe("17:00");
    await admin.locator('[data-testid="shift-day-0-closed"]').waitFor();
    // Christmas closed all day.
    await admin.locator('[data-testid="shift-exception-add"]').click();
    await admin.locator('[data-testid="shift-exception-0-date"]').fill("2026-12-25");
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "hours-editor-1280");
    await admin.locator('[data-testid="shift-save"]').click();
    // Created, the form stays open as the shift's own page; the list is one link away.
    await expect.poll(() => admin.locator('[data-testid="shift-saved"]').textContent()).not.toBe("");
    await admin.locator('[data-testid="hours-back"]').click();

    const item = admin.locator('[data-testid="shift-item"]', { hasText: "Plantão Suporte" });
    await item.waitFor();
    await expect.poll(() => admin.locator('[data-testid="hours-department-dep-suporte"]').textContent()).toMatch(/Aberto agora|Fechado · abre/);
    const [created] = (await storedShifts(admin)).filter((s) => s.name === "Plantão Suporte");
    expect(created).toMatchObject({ scope: "dep-suporte", exceptions: [{ date: "2026-12-25", closed: true }] });
    expect(created!.intervals).toHaveLength(10);
    expect(created!.intervals).toContainEqual({ day: 3, start: "13:00", end: "17:00" });
    await snap(admin, "hours-list-1280");

    // Edit on a phone: Friday ends at noon, and an empty name is refused in place.
    await admin.setViewportSize({ width: 390, height: 844 });
    await item.locator('[data-testid="shift-open"]').click();
    await admin.locator('[data-testid="shift-day-5-remove-1"]').click();
    await admin.locator('[data-testid="shift-name"]').fill("");
    await admin.locator('[data-testid="shift-save"]').click();
    await expect.poll(() => admin.locator('[data-testid="shift-name"]').getAttribute("aria-invalid")).toBe("true");
    expect((await storedShifts(admin)).find((s) => s.id === created!.id)!.intervals).toHaveLength(10);
    await admin.locator('[data-testid="shift-name"]').fill("Plantão Suporte (sexta curta)");
    await expect.poll(() => admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "hours-editor-390");
    await admin.locator('[data-testid="shift-save"]').click();
    await expect.poll(async () => (await storedShifts(admin)).find((s) => s.id === created!.id)?.name).toBe("Plantão Suporte (sexta curta)");
    const edited = (await storedShifts(admin)).find((s) => s.id === created!.id)!;
    expect(edited.intervals).toHaveLength(9);
    expect(edited.intervals.filter((i) => i.day === 5)).toEqual([{ day: 5, start: "08:00", end: "12:00" }]);

    // Delete, after a confirmation.
    await admin.locator('[data-testid="shift-delete"]').click();
    await admin.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(async () => (await storedShifts(admin)).some((s) => s.id === created!.id)).toBe(false);
    await expect.poll(() => admin.locator('[data-testid="shift-item"]', { hasText: "Plantão Suporte" }).count()).toBe(0);
  });
});
