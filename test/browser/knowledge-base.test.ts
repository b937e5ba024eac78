/**
 * Base de Conhecimento (issue 11): the administrator makes Ana a knowledge-base editor in
 * Gestão › Atendentes; Ana writes an article with a hostile Markdown payload, previews it in the
 * sandboxed iframe and publishes it. The public page shows it inert (no dialog, no script
 * element, no javascript: link), the search finds it, a vote is counted and shown in the
 * console. The footer chat follows the switch: absent when off, a fixed department (the chat
 * records origin knowledge_base and the article's URL), or the customer's choice. Axe on the
 * public pages and the console; screenshots at 1280×800 and 390×844.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HOSTILE_MARKDOWN } from "../fixtures/kb-hostile";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ACCOUNT, ADMIN, ANA, acceptFromQueue, attendantConsole, onlineAttendant } from "./console";
import { consoleSection } from "./flows";
import { chatElement, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** Fails the test on any dialog and records whether the payload's marker was set. */
function guard(page: Page): { dialogs: string[] } {
  const seen = { dialogs: [] as string[] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

/** What on the page could run: script elements, handler attributes, javascript:/data: links, the payload's marker. */
function liveCode(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    return {
      scripts: [...document.querySelectorAll("script")].map((s) => s.getAttribute("src") ?? "inline"),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName}.${a.name}`)),
      urls: all.flatMap((el) => ["href", "src", "action", "xlink:href"].map((n) => el.getAttribute(n) ?? "")).filter((u) => /^\s*(javascript|data|vbscript):/i.test(u)),
      frames: document.querySelectorAll("iframe, svg, object, embed, style:not(head style)").length,
      pwned: (window as unknown as { __kbPwned?: string }).__kbPwned ?? null,
    };
  });
}

async function setSurface(page: Page, departmentId: string | null, chatEnabled = true) {
  const res = await page.request.put(`${h.server}/api/account/surfaces/knowledge-base`, { data: { chatEnabled, departmentId } });
  expect(res.status()).toBe(200);
}

describe("Base de Conhecimento", () => {
  it("an editor publishes a hostile article; the public page shows it inert, search finds it, a vote reaches the console", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: DESKTOP }), ADMIN);
    await consoleSection(admin, "nav-gestao");
    await consoleSection(admin, "gestao-attendants");
    await admin.locator('[data-testid="attendant-open"]', { hasText: "Ana" }).click();
    await admin.locator('[data-testid="attendant-kb-editor"]').check();
    await admin.locator('[data-testid="attendant-save"]').click();
    await expect.poll(async () => (await (await admin.request.get(`${h.server}/api/attendants/att-ana`)).json()).attendant.kbEditor).toBe(true);

    const ana = await attendantConsole(h, await contexts.new({ viewport: DESKTOP }), ANA);
    const dialogs = guard(ana);
    await consoleSection(ana, "nav-gestao");
    await consoleSection(ana, "gestao-kb");
    await ana.locator('[data-testid="kb-category-name"]').fill("Segurança da Conta");
    await ana.locator('[data-testid="kb-category-add"]').click();
    await ana.locator('[data-testid="kb-category"]', { hasText: "Segurança da Conta" }).waitFor();
    await ana.locator('[data-testid="kb-new"]').click();
    await ana.locator('[data-testid="kb-title"]').fill("Proteja sua senha");
    await ana.locator('[data-testid="kb-description"]').fill("Dicas para manter a conta segura");
    await ana.locator('[data-testid="kb-body"]').fill(HOSTILE_MARKDOWN);
    await ana.locator('[data-testid="kb-preview-button"]').click();
    const preview = ana.locator('[data-testid="kb-preview"]');
    await preview.waitFor();
    expect(await preview.getAttribute("sandbox")).toBe("");
    const frame = ana.frameLocator('[data-testid="kb-preview"]');
    await frame.locator("h1", { hasText: "Título seguro" }).waitFor();
    expect(await frame.locator("script, iframe, svg").count()).toBe(0);
    await expectNoSeriousA11yViolations(ana);
    await snap(ana, "kb-editor-1280");
    await ana.locator('[data-testid="kb-publish"]').click();
    await expect.poll(() => ana.locator('[data-testid="kb-status"]').textContent()).toContain("Publicado");
    const url = await ana.locator('[data-testid="kb-view"]').getAttribute("href");
    expect(url).toBe(`/kb/${ACCOUNT}/seguranca-da-conta/proteja-sua-senha`);
    await ana.setViewportSize(PHONE);
    await expectNoSeriousA11yViolations(ana);
    await snap(ana, "kb-editor-390");
    expect(dialogs.dialogs).toEqual([]);

    // The public page: readable, inert, no chat while the switch is off.
    const visitor = await contexts.page({ viewport: DESKTOP });
    const seen = guard(visitor);
    await visitor.goto(`${h.server}${url}`);
    await visitor.locator("h1", { hasText: "Proteja sua senha" }).waitFor();
    await visitor.locator(".content h1", { hasText: "Título seguro" }).waitFor();
    // Hover and click where the payload's handlers would have been.
    await visitor.mouse.move(200, 400);
    await visitor.locator(".content a").getByText("inline js", { exact: true }).click();
    expect(await liveCode(visitor)).toEqual({ scripts: [], handlers: [], urls: [], frames: 0, pwned: null });
    expect(await visitor.title()).toBe("Proteja sua senha · Demo");
    expect(await visitor.locator('meta[name="description"]').getAttribute("content")).toBe("Dicas para manter a conta segura");
    expect(await visitor.locator('link[rel="canonical"]').getAttribute("href")).toBe(`${h.server}${url}`);
    expect(await chatElement(visitor).count()).toBe(0);
    await expectNoSeriousA11yViolations(visitor);
    await snap(visitor, "kb-article-1280");
    await visitor.setViewportSize(PHONE);
    await snap(visitor, "kb-article-390");
    await visitor.setViewportSize(DESKTOP);

    // The vote: a plain form, answered with a thank-you, counted in the console.
    await visitor.locator('.vote button[value="yes"]').click();
    await visitor.locator(".vote .notice", { hasText: "Obrigado pela sua resposta!" }).waitFor();
    expect(new URL(visitor.url()).search).toBe("?voted=1");
    // The search box: finds the article by words of its body, accents folded.
    await visitor.locator("#kb-q").fill("titulo seguro");
    await visitor.locator('form[role="search"] button').click();
    await visitor.locator(".hits a", { hasText: "Proteja sua senha" }).waitFor();
    await expectNoSeriousA11yViolations(visitor);
    await snap(visitor, "kb-search-1280");
    await visitor.goto(`${h.server}/kb/${ACCOUNT}/`);
    await visitor.locator(".card a", { hasText: "Proteja sua senha" }).waitFor();
    await expectNoSeriousA11yViolations(visitor);
    await snap(visitor, "kb-index-1280");
    await visitor.setViewportSize(PHONE);
    await snap(visitor, "kb-index-390");
    expect(seen.dialogs).toEqual([]);

    await ana.setViewportSize(DESKTOP);
    await ana.locator('[data-testid="kb-back"]').click();
    const row = ana.locator('[data-testid="kb-article"]', { hasText: "Proteja sua senha" });
    await expect.poll(() => row.locator('[data-testid="kb-article-votes"]').textContent()).toContain("👍 1 · 👎 0");
    expect(await row.locator('[data-testid="kb-article-status"]').textContent()).toContain("Publicado");
    await expectNoSeriousA11yViolations(ana);
    await snap(ana, "kb-console-1280");
    await ana.setViewportSize(PHONE);
    await snap(ana, "kb-console-390");
  });

  it("the footer chat follows the switch: a fixed department records origin and the article's URL; 'Permitir escolher' asks", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: DESKTOP }), ADMIN);
    const category = await (await admin.request.post(`${h.server}/api/kb/categories`, { data: { name: "Pedidos" } })).json();
    const created = await admin.request.post(`${h.server}/api/kb/articles`, {
      data: { categoryId: category.category.id, title: "Rastrear o pedido", body: "Use o código de rastreio.", status: "published" },
    });
    expect(created.status()).toBe(201);
    const path = `/kb/${ACCOUNT}/pedidos/rastrear-o-pedido`;

    const customer = await contexts.page({ viewport: DESKTOP });
    await customer.goto(`${h.server}${path}?v=off`);
    await customer.locator("h1", { hasText: "Rastrear o pedido" }).waitFor();
    expect(await customer.locator('script[src="/widget.js"]').count()).toBe(0);

    // The surface's department is a UUID (the demo's "dep-suporte" is not one): a new department Ana attends.
    const department = (await (await admin.request.post(`${h.server}/api/departments`, { data: { name: "Ajuda KB" } })).json()).department;
    const linked = await admin.request.patch(`${h.server}/api/attendants/att-ana`, { data: { departmentIds: ["dep-suporte", department.id] } });
    expect(linked.status()).toBe(200);
    await setSurface(admin, department.id);
    const ana = await onlineAttendant(h, await contexts.new({ viewport: DESKTOP }), ANA, department.id);
    // A new URL: the page is cached for a minute, like any visitor's copy.
    const articleUrl = `${h.server}${path}?v=fixed`;
    await customer.goto(articleUrl);
    await launcher(customer).click();
    const widget = panel(customer);
    await widget.locator('form[part="form"]').waitFor();
    expect(await widget.locator('select[name="department"]').count()).toBe(0);
    await expectNoSeriousA11yViolations(customer);
    await snap(customer, "kb-article-chat-1280");
    await startChat(widget, { name: "Cláudia Curiosa", email: "claudia@example.com", message: "O código não funciona" });
    await acceptFromQueue(ana, "Cláudia Curiosa");
    // The accept reaches D1 (where the list is read) through the room's sync, a moment later.
    const acceptedChat = async () => {
      const chats = await (await ana.request.get(`${h.server}/api/chats?status=active`)).json();
      return chats.chats.find((c: { customer: { name: string } }) => c.customer.name === "Cláudia Curiosa");
    };
    await expect.poll(acceptedChat).toMatchObject({ origin: "knowledge_base", pageUrl: articleUrl, departmentId: department.id });

    await setSurface(admin, null);
    const chooser = await contexts.page({ viewport: PHONE });
    await chooser.goto(`${h.server}${path}?v=choice`);
    await launcher(chooser).click();
    await panel(chooser).locator('select[name="department"]').waitFor();
    await expectNoSeriousA11yViolations(chooser);
    await snap(chooser, "kb-article-chat-390");
  });
});
