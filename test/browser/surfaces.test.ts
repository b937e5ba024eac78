/**
 * The surfaces we host (issue 11), console side: Configurações da Conta links its three
 * sub-pages; an administrator turns on the Base de Conhecimento's footer chat with a fixed
 * department, and the choice survives a reload. A chat carries the surface it started from
 * (the element's `origin`), shown in the attendant's chat window and the history's transcript.
 * Pages pass axe on a desktop and a phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, ANA, acceptFromQueue, attendantConsole, onlineAttendant } from "./console";
import { consoleSection } from "./flows";
import { hostPage, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe("hosted surfaces in the console", () => {
  it("turns the knowledge base's footer chat on with a fixed department, kept after a reload", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    await consoleSection(admin, "nav-gestao");
    await consoleSection(admin, "gestao-account");
    await admin.locator('[data-testid="account-page-knowledge-base"]').click();
    const enabled = admin.locator('[data-testid="surface-chat-enabled"]');
    await enabled.waitFor();
    expect(await enabled.isChecked()).toBe(false);
    expect(await admin.locator('[data-testid="surface-chat-department"]').isDisabled()).toBe(true);
    expect(await admin.locator('[data-testid="surface-address"]').getAttribute("href")).toBe(`${h.server}/kb/demo-public-key/`);
    await enabled.check();
    await admin.locator('[data-testid="surface-chat-department"]').selectOption({ label: "Suporte" });
    await admin.locator('[data-testid="surface-chat-save"]').click();
    await expect.poll(() => admin.locator("ao-surface-settings .saved").count()).toBe(1);
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "surfaces-kb-1280");

    const stored = await (await admin.request.get(`${h.server}/api/account/surfaces`)).json();
    expect(stored.surfaces["knowledge-base"]).toEqual({ chatEnabled: true, departmentId: "dep-suporte" });
    expect(stored.surfaces.app).toEqual({ chatEnabled: false, departmentId: null });

    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.reload();
    await expect.poll(() => admin.locator('[data-testid="surface-chat-enabled"]').isChecked()).toBe(true);
    expect(await admin.locator('[data-testid="surface-chat-department"]').inputValue()).toBe("dep-suporte");
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "surfaces-kb-390");
    await admin.locator('[data-testid="surface-back"]').click();
    await admin.locator('[data-testid="account-page-app"]').click();
    await expect.poll(() => admin.locator("ao-surface-settings h1").textContent()).toContain("Aplicativo Meu Suporte");
    expect(await admin.locator('[data-testid="app-install-url"]').inputValue()).toBe(`${h.server}/app/demo-public-key/`);
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "surfaces-app-390");
  });

  it("gives the Painel do Cliente an address of its own, refusing a malformed one in place", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    await admin.goto(`${h.server}/admin/#/gestao/account/customer-panel`);
    const slug = admin.locator('[data-testid="panel-slug"]');
    await slug.waitFor();
    await slug.fill("loja exemplo!");
    await admin.locator('[data-testid="panel-slug-save"]').click();
    await expect.poll(() => slug.getAttribute("aria-invalid")).toBe("true");
    expect((await (await admin.request.get(`${h.server}/api/account`)).json()).account.panelSlug).toBeNull();
    await slug.fill("loja-exemplo");
    await admin.locator('[data-testid="panel-slug-save"]').click();
    await expect.poll(() => admin.locator("ao-panel-address .saved a").getAttribute("href")).toBe(`${h.server}/p/loja-exemplo/`);
    expect(await slug.getAttribute("aria-invalid")).toBe("false");
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "surfaces-panel-1280");
    const panelPage = await admin.request.get(`${h.server}/p/loja-exemplo/`);
    expect(panelPage.status()).toBe(200);
  });

  it("shows where a chat started in the chat window and the transcript", async () => {
    const ana = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const customer = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await customer.goto(hostPage(h, "/origin.html", { embeds: [' data-origin="knowledge_base" data-department="dep-suporte"'] }));
    await launcher(customer).click();
    await startChat(panel(customer), { name: "Olga Origem", email: "olga@example.com", message: "Vim de um artigo" });
    await acceptFromQueue(ana, "Olga Origem");
    await expect.poll(() => ana.locator('ao-chat-window [data-testid="chat-origin"]').textContent()).toBe("Base de Conhecimento");
    await snap(ana, "surfaces-origin-chat-1280");

    // The history reads D1, which the room's write-behind copies the accept to a moment later.
    const activeChat = async (): Promise<{ id: string; origin: string } | undefined> => {
      const list = await (await ana.request.get(`${h.server}/api/chats?status=active`)).json();
      return list.chats.find((c: { customer: { name: string } }) => c.customer.name === "Olga Origem");
    };
    await expect.poll(async () => (await activeChat())?.origin).toBe("knowledge_base");
    const chat = (await activeChat())!;
    const transcript = await ana.context().newPage();
    await transcript.goto(`${h.server}/admin/#/history/${chat.id}`);
    await expect.poll(() => transcript.locator('[data-testid="transcript-origin"]').textContent()).toBe("Base de Conhecimento");
  });
});
