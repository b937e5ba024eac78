/**
 * The app Meu Suporte in Chromium at 390×844 (and 1280×800): the manifest linked and parsed,
 * the service worker controlling the page, the customer's login and tickets, a knowledge-base
 * article in its sandboxed frame, the chat switch (off: no chat anywhere; on with a fixed
 * department: no pre-chat form, origin `app`), a notification for a new ticket reply, and the
 * offline shell once the server is stopped (on a server of this test's own). Axe on each view.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { prepareDatabase, startLocalServer } from "../../scripts/local-server.mjs";
import { expectNoSeriousA11yViolations } from "./a11y";
import { acceptFromQueue, ACCOUNT, agentSays, ANA, onlineAttendant } from "./console";
import { useHarness } from "./harness";
import {
  APP_DEPARTMENT,
  APP_PATH,
  ARTICLE,
  attendantReplied,
  CARLA,
  DESKTOP,
  logIn,
  notifications,
  OTHER_TICKET,
  phoneContext,
  seedAppData,
  setAppChat,
  snap,
  TICKET,
  UNASKED_NOTIFICATIONS,
} from "./app-helpers";

const { h, contexts } = useHarness();

beforeAll(() => seedAppData(h.state));

/** Opens the app; resolves once it rendered its first view. */
async function openApp(page: Page, server = h.server): Promise<void> {
  await page.goto(`${server}${APP_PATH}`);
  await page.locator("ms-app .ms-tabs").waitFor();
}

/** Waits until the service worker is active and controls the page. */
async function controlled(page: Page): Promise<string> {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
  return scope;
}

describe("app Meu Suporte", () => {
  it("links a manifest the browser parses and registers a service worker that controls the page", async () => {
    const page = await (await phoneContext(contexts, h.server)).newPage();
    await openApp(page);
    expect(await page.getAttribute('link[rel="manifest"]', "href")).toBe(`${APP_PATH}manifest.webmanifest`);
    const cdp = await page.context().newCDPSession(page);
    const parsed = (await cdp.send("Page.getAppManifest")) as { url: string; errors: { message: string }[]; data?: string };
    expect(parsed.errors).toEqual([]);
    const manifest = JSON.parse(parsed.data ?? "{}");
    expect(manifest).toMatchObject({ start_url: APP_PATH, scope: APP_PATH, display: "standalone", name: "Meu Suporte · Demo" });
    expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of manifest.icons as { src: string; sizes: string }[]) {
      const size = await page.evaluate(async (src) => {
        const bitmap = await createImageBitmap(await (await fetch(src)).blob());
        return `${bitmap.width}x${bitmap.height}`;
      }, icon.src);
      expect(size).toBe(icon.sizes);
    }
    expect(await controlled(page)).toBe(`${h.server}${APP_PATH}`);
    await expect.poll(() => page.locator("#ms-email").isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await snap(page, "app-login-phone");
  });

  it("logs the customer in and shows only her tickets, a ticket's thread and her reply", async () => {
    await setAppChat(h.server, { chatEnabled: false, departmentId: null });
    const page = await (await phoneContext(contexts, h.server)).newPage();
    await openApp(page);
    await logIn(page);
    const list = page.locator('[data-testid="tickets"]');
    await expect.poll(() => list.textContent()).toContain(`#${TICKET.number} · ${TICKET.subject}`);
    expect(await list.textContent()).not.toContain(OTHER_TICKET.subject);
    expect(await page.locator(".ms-hint", { hasText: CARLA.name }).count()).toBe(1);
    await expectNoSeriousA11yViolations(page);
    await snap(page, "app-tickets-phone");

    await page.click(`a[data-ticket-id="${TICKET.id}"]`);
    await page.locator('[data-testid="entries"] .ms-entry', { hasText: "A luz não acende." }).waitFor();
    await page.fill("#ms-reply", "Já troquei a tomada.");
    await page.click('ms-ticket button[type="submit"]');
    await page.locator('[data-testid="entries"] .ms-entry[data-author="customer"]', { hasText: "Já troquei a tomada." }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await snap(page, "app-ticket-phone");
    await page.setViewportSize(DESKTOP);
    await snap(page, "app-ticket-desktop");
  });

  it("shows a knowledge-base article found by search, its HTML only inside a sandboxed frame", async () => {
    const page = await (await phoneContext(contexts, h.server)).newPage();
    await openApp(page);
    await page.click('.ms-tabs a[data-tab="kb"]');
    await page.locator('[data-testid="categories"]', { hasText: ARTICLE.category }).waitFor();
    await page.fill("#ms-q", "impressora");
    await page.click('ms-kb button[type="submit"]');
    await page.locator(`a[data-article-id="${ARTICLE.id}"]`).waitFor();
    await expectNoSeriousA11yViolations(page);
    await snap(page, "app-kb-phone");
    await page.click(`a[data-article-id="${ARTICLE.id}"]`);
    const frame = page.locator("iframe.ms-article-frame");
    await frame.waitFor();
    expect(await frame.getAttribute("sandbox")).not.toContain("allow-scripts");
    await expect.poll(() => page.frameLocator("iframe.ms-article-frame").locator("strong").textContent()).toBe("botão verde");
    // The stored HTML's event handler never ran, in the frame or in the app.
    expect(await page.evaluate(() => "__framePwned" in window)).toBe(false);
    expect(await page.locator("ms-article img").count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await snap(page, "app-article-phone");
    await page.getByRole("button", { name: "Sim" }).click();
    await page.locator("ms-article", { hasText: "Obrigado pela resposta!" }).waitFor();
    await page.setViewportSize(DESKTOP);
    await snap(page, "app-article-desktop");
  });

  it("offers no chat anywhere while the app's chat switch is off", async () => {
    await setAppChat(h.server, { chatEnabled: false, departmentId: null });
    const page = await (await phoneContext(contexts, h.server)).newPage();
    await openApp(page);
    await logIn(page);
    expect(await page.locator('.ms-tabs a[data-tab="chat"]').count()).toBe(0);
    await page.goto(`${h.server}${APP_PATH}#/chat`);
    await page.locator('[data-testid="tickets"]').waitFor();
    expect(await page.locator("tomticket-chat").count()).toBe(0);
    expect(await page.evaluate(() => !!document.querySelector('script[src="/widget.js"]'))).toBe(false);
  });

  it("with the chat on and a fixed department, starts the chat as the logged-in customer without the pre-chat form, origin app, and notifies the attendant's answer", async () => {
    await setAppChat(h.server, { chatEnabled: true, departmentId: APP_DEPARTMENT.id });
    const agent = await onlineAttendant(h, await contexts.new(), ANA, APP_DEPARTMENT.id);
    const context = await phoneContext(contexts, h.server);
    // widget.js arrives only after the login (a slow network): the identity reaches an element
    // that is not upgraded yet, and must still be the one the chat starts with.
    let releaseWidget = (): void => undefined;
    const widgetHeld = new Promise<void>((resolve) => (releaseWidget = resolve));
    await context.route("**/widget.js", async (route) => {
      await widgetHeld;
      await route.continue();
    });
    const page = await context.newPage();
    await openApp(page);
    await logIn(page);
    releaseWidget();
    await page.click('.ms-tabs a[data-tab="chat"]');
    const form = page.locator('tomticket-chat form[part="form"]');
    await form.waitFor();
    expect(await form.locator('input[name="name"], input[name="email"], select[name="department"]').count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await snap(page, "app-chat-phone");
    await form.locator('textarea[name="message"]').fill("Olá, vim pelo aplicativo");
    await form.locator('button[type="submit"]').click();
    await page.locator('tomticket-chat textarea[name="compose"]').waitFor();
    const chats = () =>
      page.evaluate(async (key) => (await (await fetch(`/api/p/${key}/chats`)).json()) as { chats: { origin: string; departmentName: string }[] }, ACCOUNT);
    await expect.poll(async () => (await chats()).chats[0]?.origin, { timeout: 10_000 }).toBe("app");
    expect((await chats()).chats[0]?.departmentName).toBe(APP_DEPARTMENT.name);
    await page.setViewportSize(DESKTOP);
    await snap(page, "app-chat-desktop");

    // The customer looks at her tickets; the attendant's answer in the chat raises a notification.
    await page.click('.ms-tabs a[data-tab="tickets"]');
    await acceptFromQueue(agent, CARLA.name);
    await agentSays(agent, "Oi Carla, já vou ver isso.");
    await expect.poll(() => notifications(page)).toEqual([{ title: "Nova mensagem no chat", body: "Ana (Suporte): Oi Carla, já vou ver isso." }]);
  });

  it("speaks the phone's language and asks for the notification permission only from its button", async () => {
    const context = await contexts.new({ viewport: { width: 390, height: 844 }, locale: "es-ES" });
    await context.addInitScript(UNASKED_NOTIFICATIONS);
    const page = await context.newPage();
    await openApp(page);
    expect(await page.locator("ms-login h2").textContent()).toBe("Entra para ver tus tickets");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
    await logIn(page);
    const button = page.locator('[data-testid="notify"]');
    expect(await button.textContent()).toBe("Activar notificaciones");
    expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
    await button.click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(1);
  });

  it("raises a notification when an attendant replies to one of the customer's tickets", async () => {
    const page = await (await phoneContext(contexts, h.server)).newPage();
    await openApp(page);
    await logIn(page);
    expect(await page.evaluate(() => Notification.permission)).toBe("granted");
    attendantReplied(h.state, TICKET.id, "Tente segurar o botão por 10 segundos.");
    // The app polls every 30 s and when it comes back to the foreground; the test does not wait.
    await page.evaluate(() => (document.querySelector("ms-app") as unknown as { pollNow(): Promise<void> }).pollNow());
    await expect.poll(() => notifications(page)).toEqual([{ title: `Nova resposta no chamado #${TICKET.number}`, body: `Administradora Demo: ${TICKET.subject}` }]);
  });
});

describe("app Meu Suporte offline", () => {
  it("opens from the service worker's shell with its own server stopped, and says it is offline", async () => {
    // A server of this test's own: stopping it leaves the file's harness running.
    const state = mkdtempSync(join(tmpdir(), "atendimento-app-offline-"));
    const prepared = inject("preparedState");
    if (prepared) cpSync(prepared, state, { recursive: true });
    else prepareDatabase(state, { openAllHours: true });
    const server = await startLocalServer({ persistTo: state, vars: { TOKEN_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef" } });
    try {
      const page = await (await phoneContext(contexts, server.url)).newPage();
      await openApp(page, server.url);
      await controlled(page);
      // The config is kept by the service worker once fetched under its control.
      await page.reload();
      await page.locator("#ms-email").waitFor();
      await server.stop();
      await page.reload();
      await page.locator('[data-testid="offline"]').waitFor();
      expect(await page.locator('[data-testid="offline"]').textContent()).toContain("Você está sem conexão");
      expect(await page.locator(".ms-header h1").textContent()).toBe("Meu Suporte");
      await expectNoSeriousA11yViolations(page);
      await snap(page, "app-offline-phone");
      await page.setViewportSize(DESKTOP);
      await snap(page, "app-offline-desktop");
    } finally {
      await server.stop();
      rmSync(state, { recursive: true, force: true });
    }
  });
});
