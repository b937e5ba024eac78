/**
 * The offline form ("Mensagens Offline"): with nobody online in a department, the widget takes
 * a message instead of a chat, and the console lists it as text. One `wrangler dev` for the
 * file; fresh browser contexts per test.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, attendantConsole, expectDepartment } from "./console";
import { chatElement, consoleLog, hostPage, launcher, panel, useHarness } from "./harness";
import { clickNav } from "./flows";

const { h, contexts } = useHarness();

const XSS = '<img src=x onerror="window.__xss=1">';

describe("offline messages", () => {
  it("a customer leaves a message while Comercial is offline and the administrator reads it as text", async () => {
    await expectDepartment(h, "dep-comercial", false);
    const customer = await contexts.page();
    const customerLog = consoleLog(customer);
    await customer.goto(hostPage(h, "/offline.html", { embeds: [' data-department="dep-comercial"'] }));
    await launcher(customer).click();
    const offline = panel(customer).locator('[part="offline"]');
    await offline.waitFor();
    expect(await offline.locator("h3").textContent()).toBe("Estamos offline");

    const form = offline.locator('form[part="offline-form"]');
    // The department is fixed by the embed: no select.
    expect(await form.locator('select[name="department"]').count()).toBe(0);
    expect(await form.locator('button[type="submit"]').isEnabled()).toBe(true);
    await form.locator('input[name="name"]').fill("Carla Offline");
    await form.locator('input[name="email"]').fill("carla.offline@example.com");
    const text = `Quero um orçamento ${XSS}`;
    await form.locator('textarea[name="message"]').fill(text);
    await form.locator('button[type="submit"]').click();

    const sent = chatElement(customer).locator('[part="offline-sent"]');
    await sent.waitFor({ state: "visible" });
    expect(await sent.getAttribute("role")).toBe("status");
    expect(await sent.textContent()).toBe("Mensagem enviada! Responderemos por e-mail.");
    expect(await form.count()).toBe(0);

    const admin = await attendantConsole(h, await contexts.new(), ADMIN);
    await clickNav(admin, "nav-offline");
    const item = admin.locator('[data-testid="offline-item"]', { hasText: "Carla Offline" });
    await item.waitFor();
    expect(await item.locator('[data-testid="offline-message"]').textContent()).toBe(text);
    expect(await item.textContent()).toContain("carla.offline@example.com");
    expect(await item.textContent()).toContain("Comercial");
    expect(await item.locator("img").count()).toBe(0);
    const pageLink = item.locator('a[href^="http"]');
    expect(await pageLink.getAttribute("href")).toBe(`${h.site}/offline.html`);
    expect(await item.locator('[data-testid="offline-status"]').textContent()).toBe("Nova");
    expect(await item.locator('[data-testid="offline-open"]').getAttribute("aria-label")).toBe("Abrir conversa com Carla Offline");

    expect(await customer.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await admin.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(customerLog.filter((entry) => entry.type === "pageerror")).toEqual([]);
  });
});
