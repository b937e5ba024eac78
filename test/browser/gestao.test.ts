import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "./a11y";
import { useHarness } from "./harness";
import { clickNav } from "./flows";

const { h, contexts } = useHarness();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: false });
}

describe("Gestão: a company sets itself up from an empty account", () => {
  it("signs up, creates a department and an attendant, who accepts the invitation, goes online and takes a chat from the new snippet on another site", async () => {
    const stamp = Date.now();
    const adminEmail = `dona.${stamp}@padaria.test`;
    const owner = await contexts.page({ viewport: DESKTOP });

    // Sign-up: the public page, then the console with the setup checklist.
    await owner.goto(`${h.server}/signup?lang=pt-BR`);
    await expectNoSeriousA11yViolations(owner);
    await snap(owner, "signup-desktop");
    await owner.getByLabel(/Empresa/).fill("Padaria Pão Quente");
    await owner.getByLabel(/Seu nome/).fill("Dona Rosa");
    await owner.getByLabel(/E-mail/).fill(adminEmail);
    await owner.getByLabel(/Senha/).fill("senha-bem-longa-1");
    await owner.getByRole("button", { name: /Criar conta/ }).click();
    await owner.waitForURL(`${h.server}/admin/**`, { timeout: 60_000 }).catch(async (error: unknown) => {
      // Say what the page showed instead (a refused sign-up shows its message there).
      throw new Error(`sign-up did not reach the console: ${String(error)}\n${await owner.locator("body").innerText()}`);
    });
    const checklist = owner.locator('[data-testid="setup-checklist"]');
    await checklist.waitFor();
    await snap(owner, "console-checklist-desktop");

    // Departamentos: a second department.
    await clickNav(owner, "nav-gestao");
    await owner.locator('[data-testid="gestao-departments"]').click();
    await owner.locator('[data-testid="department-new"]').click();
    await owner.locator('[data-testid="department-name"]').fill("Encomendas");
    await owner.locator('[data-testid="department-save"]').click();
    await owner.locator('[data-testid="department-saved"]', { hasText: /\S/ }).waitFor();
    await owner.locator('[data-testid="gestao-departments"]').click();
    await owner.locator('[data-testid="department-item"]', { hasText: "Encomendas" }).waitFor();
    await expectNoSeriousA11yViolations(owner);
    await snap(owner, "departments-desktop");

    // Atendentes: invite Caio to Encomendas; the console shows the single-use link.
    await owner.locator('[data-testid="gestao-attendants"]').click();
    await owner.locator('[data-testid="attendant-new"]').click();
    await owner.locator('[data-testid="attendant-name"]').fill("Caio");
    await owner.locator('[data-testid="attendant-email"]').fill(`caio.${stamp}@padaria.test`);
    await owner.locator('[data-testid="attendant-role"]').selectOption("attendant");
    const { departments } = (await (await owner.request.get(`${h.server}/api/departments`)).json()) as { departments: { id: string; name: string }[] };
    const encomendas = departments.find((d) => d.name === "Encomendas")!;
    await owner.locator(`[data-testid="attendant-department-${encomendas.id}"]`).check();
    await owner.locator('[data-testid="attendant-save"]').click();
    const link = owner.locator('[data-testid="invitation-link"]');
    await link.waitFor();
    const invitationUrl = ((await link.inputValue().catch(() => null)) ?? (await link.textContent()) ?? "").trim();
    expect(invitationUrl).toMatch(new RegExp(`^${h.server}/admin/invite/`));
    await expectNoSeriousA11yViolations(owner);
    await snap(owner, "attendants-desktop");

    // Caio opens the link on a phone, chooses a password and lands in the console.
    const caio = await contexts.page({ viewport: PHONE });
    await caio.goto(invitationUrl);
    await caio.locator('[data-testid="invite-password"]').waitFor();
    await expectNoSeriousA11yViolations(caio);
    await snap(caio, "invite-phone");
    await caio.locator('[data-testid="invite-password"]').fill("caio-senha-longa");
    await caio.locator('[data-testid="invite-password-confirm"]').fill("caio-senha-longa");
    await caio.locator('[data-testid="invite-submit"]').click();
    const toggle = caio.locator('[data-testid="status-toggle"]');
    await toggle.waitFor();
    if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    // The link was single use.
    const again = await caio.request.get(`${h.server}/api/invitations/${invitationUrl.split("/").pop()}`);
    expect(again.status()).toBe(404);

    // A customer on another site, with the new account's snippet, talks to Caio.
    const me = (await (await owner.request.get(`${h.server}/api/me`)).json()) as { account: { publicKey: string } };
    h.page(
      "/padaria.html",
      `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Padaria</title></head><body><h1>Padaria</h1>` +
        `<script src="${h.server}/widget.js" data-account="${me.account.publicKey}" async></script></body></html>`,
    );
    await expect
      .poll(async () => {
        const res = await fetch(`${h.server}/api/widget/config?account=${me.account.publicKey}`);
        const config = (await res.json()) as { departments: { id: string; online: boolean }[] };
        return config.departments.find((d) => d.id === encomendas.id)?.online;
      }, { timeout: 10_000, interval: 250 })
      .toBe(true);
    const customer = await contexts.page({ viewport: DESKTOP });
    await customer.goto(`${h.site}/padaria.html`);
    await customer.locator('button[part="launcher"]').click();
    const form = customer.locator('form[part="form"]');
    await form.locator('input[name="name"]').fill("Joana");
    await form.locator('input[name="email"]').fill("joana@example.com");
    await form.locator('select[name="department"]').selectOption({ label: "Encomendas" });
    await form.locator('textarea[name="message"]').fill("Quero encomendar um bolo");
    await form.locator('button[type="submit"]').click();

    const queued = caio.locator('[data-testid="queue-item"]', { hasText: "Joana" });
    await queued.waitFor();
    await queued.locator('[data-testid="accept"]').click();
    // On a phone the accepted chat opens at once, in place of the lists.
    const compose = caio.locator('textarea[name="compose"]');
    const mine = caio.locator('[data-testid="my-chat"]', { hasText: "Joana" });
    await expect.poll(async () => (await compose.isVisible()) || (await mine.isVisible()), { timeout: 10_000 }).toBe(true);
    if (!(await compose.isVisible())) await mine.click();
    await caio.locator('textarea[name="compose"]').fill("Olá Joana! De que sabor?");
    await caio.locator('[data-testid="send"]').click();
    await customer.locator('[part~="message"][data-author="attendant"]', { hasText: "De que sabor?" }).waitFor();
    await snap(caio, "caio-chat-phone");

    // The checklist ticked itself: departments, attendants, snippet and test chat.
    await clickNav(owner, "nav-live");
    for (const item of ["departments", "attendants", "snippet", "testChat"]) {
      await expect.poll(() => owner.locator(`[data-testid="setup-item-${item}"]`).getAttribute("data-done"), { timeout: 40_000 }).toBe("true");
    }
  }, 180_000);
});
