/**
 * Chamados in the console: an offline message becomes a ticket ("Criar chamado"), the
 * administrator adds an internal note, sends a public reply (handed to the outbox: the SMTP
 * server here is a closed port, so it shows as queued), and closes the ticket. Axe on the list
 * and the ticket at 1280×800 and 390×844; `SCREENSHOTS=dir` saves both.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ACCOUNT, ADMIN, attendantConsole } from "./console";
import { useHarness } from "./harness";
import { clickNav } from "./flows";

const { h, contexts } = useHarness();

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/**
 * Dismisses the console's notices before axe runs: their list (ao-notices, not part of this
 * page) carries role="status", which axe reports as list items outside a list.
 */
async function clearNotices(page: Page): Promise<void> {
  const close = page.locator('[data-testid="notice"] button');
  while ((await close.count()) > 0) await close.first().click();
}

/** What the widget's offline form sends, straight to the API. */
async function leaveOfflineMessage(name: string, message: string): Promise<void> {
  const res = await fetch(`${h.server}/api/widget/offline-messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account: ACCOUNT, departmentId: "dep-comercial", name, email: "rita.chamado@example.com", message }),
  });
  expect(res.status).toBe(201);
}

describe("Chamados", () => {
  it("an offline message becomes a ticket, gets a note and a reply, and is closed", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    await leaveOfflineMessage(`Rita ${tag}`, `Preciso da segunda via <b>${tag}</b>\nObrigada`);
    const admin = await attendantConsole(h, await contexts.new({ viewport: SIZES[0].viewport }), ADMIN);
    // E-mail to a closed port: the reply is stored in the outbox and waits there.
    const saved = await admin.evaluate(async () => {
      const res = await fetch("/api/settings/email", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ host: "127.0.0.1", port: 9, security: "none", username: "", fromName: "Demo", fromAddress: "suporte@demo.test" }),
      });
      return res.status;
    });
    expect(saved).toBe(200);

    await clickNav(admin, "nav-offline");
    const item = admin.locator('[data-testid="offline-item"]', { hasText: `Rita ${tag}` });
    await item.locator('[data-testid="create-ticket"]').click();
    const heading = admin.locator('[data-testid="ticket-heading"]');
    await heading.waitFor();
    expect(await heading.textContent()).toContain(`Preciso da segunda via <b>${tag}</b>`);
    const thread = admin.locator('[data-testid="ticket-entry"]');
    expect(await thread.first().getAttribute("data-kind")).toBe("customer");
    expect(await admin.locator("ao-ticket b").count()).toBe(0);

    await admin.locator('[data-testid="ticket-internal"]').check();
    await admin.locator('[data-testid="ticket-reply-body"]').fill(`Nota ${tag}: cliente antiga`);
    await admin.locator('[data-testid="ticket-reply-send"]').click();
    await admin.locator('[data-testid="ticket-entry"][data-kind="note"]').waitFor();
    expect(await admin.locator('[data-testid="ticket-internal"]').isChecked()).toBe(true);
    await admin.locator('[data-testid="ticket-internal"]').uncheck();
    await admin.locator('[data-testid="ticket-reply-body"]').fill("Olá Rita, segue a segunda via.");
    await admin.locator('[data-testid="ticket-reply-send"]').click();
    const reply = admin.locator('[data-testid="ticket-entry"][data-kind="reply"]');
    await admin.locator('[data-testid="ticket-entry"][data-kind="reply"], [data-testid="ticket-error"]').first().waitFor();
    expect(await admin.locator('[data-testid="ticket-error"]').count()).toBe(0);
    expect(await reply.locator('[data-testid="ticket-delivery"]').textContent()).toMatch(/Na fila de envio|Enviando/);
    expect(await admin.locator('[data-testid="ticket-status"]').first().textContent()).toBe("Aguardando cliente");

    for (const size of SIZES) {
      await admin.setViewportSize(size.viewport);
      await clearNotices(admin);
      await expectNoSeriousA11yViolations(admin);
      await shot(admin, `tickets-detail-${size.name}`);
    }
    await admin.locator('[data-testid="ticket-close"]').click();
    await admin.locator('[data-testid="ticket-reopen"]').waitFor();
    expect(await admin.locator('[data-testid="ticket-status"]').first().textContent()).toBe("Encerrado");

    await admin.locator('[data-testid="ticket-back"]').click();
    const row = admin.locator('[data-testid="ticket-item"]', { hasText: tag });
    await row.waitFor();
    expect(await row.textContent()).toContain("Encerrado");
    for (const size of SIZES) {
      await admin.setViewportSize(size.viewport);
      await clearNotices(admin);
      await expectNoSeriousA11yViolations(admin);
      await shot(admin, `tickets-list-${size.name}`);
    }
    // The message left the offline list for Chamados; under "Virou chamado" a second "Criar
    // chamado" on it opens the existing ticket.
    await clickNav(admin, "nav-offline");
    await admin.locator('[data-testid="offline-status-filter"]').selectOption("ticket");
    await admin.locator('form[aria-label] button[type="submit"]').first().click();
    await admin.locator('[data-testid="offline-item"]', { hasText: `Rita ${tag}` }).locator('[data-testid="create-ticket"]').click();
    await heading.waitFor();
    expect(await heading.textContent()).toContain(tag);
  }, 60_000);
});
