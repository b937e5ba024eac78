import { describe, expect, it } from "vitest";
import { ANA, attendantConsole } from "./console";
import { readmeSnippet, useHarness } from "./harness";
import { clickNav } from "./flows";

const { h } = useHarness();

describe("customer and attendant chat in real time", () => {
  it("starts from the README snippet on another site, is accepted, talks both ways and closes into the history", async () => {
    const attendantContext = await h.browser.newContext();
    const agent = await attendantConsole(h, attendantContext, ANA);

    h.page(
      "/shop.html",
      `<!doctype html><html lang="pt-BR"><head><title>Loja</title></head><body><h1>Loja Exemplo</h1>${readmeSnippet(h.server)}</body></html>`,
    );
    const customerContext = await h.browser.newContext();
    const customer = await customerContext.newPage();
    await customer.goto(`${h.site}/shop.html`);
    await customer.locator('button[part="launcher"]').click();
    await customer.locator('input[name="name"]').fill("Maria <img src=x onerror=window.__xss=1>");
    await customer.locator('input[name="email"]').fill("maria@example.com");
    const department = customer.locator('select[name="department"]');
    await department.selectOption({ label: "Suporte" });
    await customer.locator('textarea[name="message"]').fill("Meu pedido <script>alert(1)</script> não chegou");
    await customer.locator('form button[type="submit"]').click();

    const queued = agent.locator('[data-testid="queue-item"]').first();
    await queued.waitFor();
    await expect(queued.textContent()).resolves.toContain("Maria <img src=x onerror=window.__xss=1>");
    await queued.locator('[data-testid="accept"]').click();
    await agent.locator('[data-testid="my-chat"]').first().waitFor();

    const agentMessages = agent.locator('[data-testid="message"][data-author="customer"]');
    await expect.poll(() => agentMessages.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("Meu pedido <script>alert(1)</script> não chegou")]),
    );

    await agent.locator('textarea[name="compose"]').fill("Olá Maria! Vou verificar.");
    await agent.locator('[data-testid="send"]').click();
    const customerSees = customer.locator('[part~="message"][data-author="attendant"]');
    await expect.poll(() => customerSees.allTextContents()).toEqual([expect.stringContaining("Olá Maria! Vou verificar.")]);

    await customer.locator('textarea[name="compose"]').fill("Obrigada!");
    await customer.locator('button[part="send"]').click();
    await expect.poll(() => agentMessages.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("Obrigada!")]),
    );

    await agent.locator('[data-testid="close-chat"]').click();
    await agent.locator('[data-testid="chat-closed"]').waitFor();
    await customer.locator('[part="closed"]').waitFor();

    // The transcript is in D1: read it back through the history API with the attendant's session.
    const list = await agent.request.get(`${h.server}/api/chats?status=closed`);
    const { chats } = await list.json();
    expect(chats[0].customer.name).toBe("Maria <img src=x onerror=window.__xss=1>");
    const detail = await (await agent.request.get(`${h.server}/api/chats/${chats[0].id}`)).json();
    const bodies = detail.messages.map((m: { author: { type: string }; body: string }) => `${m.author.type}: ${m.body}`);
    expect(bodies).toEqual([
      "system: Olá! Obrigado por falar com o Suporte. Um atendente responderá em instantes.",
      "customer: Meu pedido <script>alert(1)</script> não chegou",
      "attendant: Olá Maria! Vou verificar.",
      "customer: Obrigada!",
    ]);

    // The history view shows it too.
    await clickNav(agent, "nav-history");
    await agent.locator('[data-testid="history-item"]').first().click();
    await expect.poll(() => agent.locator('[data-testid="transcript-message"]').count()).toBe(4);

    // Nothing the customer typed became markup on either side.
    for (const page of [customer, agent]) {
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    }
    await attendantContext.close();
    await customerContext.close();
  });
});
