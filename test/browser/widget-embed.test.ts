/**
 * Embedding the widget on a customer's site: where the launcher sits, the pop-up page, the
 * language, loading the script twice or for two departments, a phone, and markup typed into the
 * chat staying text on both sides. One `wrangler dev` for the file; fresh browser contexts per test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  acceptFromQueue,
  agentSays,
  ANA,
  attendantConsole,
  BRUNO,
  customerMessagesSeen,
  departmentOnline,
  onlineAttendant,
  queueItem,
} from "./console";
import {
  chatElement,
  consoleLog,
  customerSays,
  hostPage,
  launcher,
  overlap,
  panel,
  startChat,
  useHarness,
} from "./harness";
import { trackRequests } from "./requests";

const { h, contexts } = useHarness();
beforeAll(async () => {
  // Suporte stays online for the whole file (Ana's console in a context of its own), so that
  // the widgets here show the chat form; offline behaviour is tested in offline.test.ts.
  await attendantConsole(h, await h.browser.newContext(), ANA);
  const deadline = Date.now() + 10_000;
  while (!(await departmentOnline(h, "dep-suporte"))) {
    if (Date.now() > deadline) throw new Error("Suporte did not come online");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

const DESKTOP = { viewport: { width: 1280, height: 720 } };

/** What a payload would set if it ever ran. */
const xssRan = (page: Page): Promise<unknown> => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

describe("the launcher's corner", () => {
  it.each([
    ["right", ""],
    ["left", ' data-position="left"'],
  ] as const)("sits at the bottom %s", async (side, extra) => {
    const page = await contexts.page(DESKTOP);
    await page.goto(hostPage(h, `/corner-${side}.html`, { embeds: [extra] }));
    const button = launcher(page);
    await button.waitFor({ state: "visible" });
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    const { x, y, width, height } = box!;
    const gapBottom = 720 - (y + height);
    const gapSide = side === "right" ? 1280 - (x + width) : x;
    expect(gapBottom).toBeGreaterThanOrEqual(4);
    expect(gapBottom).toBeLessThanOrEqual(40);
    expect(gapSide).toBeGreaterThanOrEqual(4);
    expect(gapSide).toBeLessThanOrEqual(40);

    // The panel opens above the launcher, on the same side.
    await button.click();
    await panel(page).locator('form[part="form"]').waitFor({ state: "visible" });
    const opened = await panel(page).boundingBox();
    expect(opened).not.toBeNull();
    if (side === "right") expect(opened!.x + opened!.width).toBeCloseTo(x + width, 0);
    else expect(opened!.x).toBeCloseTo(x, 0);
    expect(opened!.y).toBeGreaterThanOrEqual(0);
    expect(opened!.y + opened!.height).toBeLessThanOrEqual(y);
  });
});

describe("the pop-up page", () => {
  it("shows the chat as the whole page, without a launcher, and a chat started there reaches the console", async () => {
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const page = await contexts.page(DESKTOP);
    await page.goto(`${h.server}/chat/demo-public-key?department=dep-suporte`);

    const form = page.locator('form[part="form"]');
    await form.waitFor();
    expect(await page.locator('button[part="launcher"]').count()).toBe(0);
    expect(await page.locator('[part="minimize"]').count()).toBe(0);
    // The department is fixed by the address: nothing to choose.
    expect(await form.locator('select[name="department"]').count()).toBe(0);
    // The whole height, in a centred column of 720 px on a desktop (fields do not stretch across the screen).
    const box = await panel(page).boundingBox();
    expect(box).toEqual({ x: 280, y: 0, width: 720, height: 720 });

    await startChat(chatElement(page), { name: "Pop-up Paula", email: "paula@example.com", message: "Vim pelo link do pop-up" });
    await queueItem(agent, "Pop-up Paula").waitFor();
    await acceptFromQueue(agent, "Pop-up Paula");
    await expect.poll(() => customerMessagesSeen(agent).allTextContents()).toContain("Vim pelo link do pop-up");
  });
});

describe("the language", () => {
  it.each([
    ["pt-BR by default", "", "pt-BR", "Abrir chat", "Como podemos ajudar?", "Iniciar conversa"],
    ["English with data-lang=en", ' data-lang="en"', "en", "Open chat", "How can we help?", "Start chat"],
    ["Spanish with data-lang=es", ' data-lang="es"', "es", "Abrir chat", "¿Cómo podemos ayudarle?", "Iniciar conversación"],
  ] as const)("speaks %s", async (_, extra, lang, open, messageLabel, start) => {
    const page = await contexts.page(DESKTOP);
    await page.goto(hostPage(h, `/lang-${lang}.html`, { embeds: [extra] }));
    const button = launcher(page);
    await button.waitFor({ state: "visible" });
    expect(await button.getAttribute("aria-label")).toBe(open);
    await button.click();
    const dialog = panel(page).locator('section[role="dialog"]');
    await dialog.locator('label[for="tt-message"]').waitFor();
    expect(await dialog.getAttribute("lang")).toBe(lang);
    expect(await dialog.locator('label[for="tt-message"]').textContent()).toBe(messageLabel);
    expect((await dialog.locator('[part="start"]').textContent())?.trim()).toBe(start);
    expect(await button.getAttribute("aria-label")).toBe({ "pt-BR": "Fechar chat", en: "Close chat", es: "Cerrar chat" }[lang]);
  });
});

describe("several embeds on one page", () => {
  it("loading the script twice gives one element per account and department, and no console errors", async () => {
    const page = await contexts.page(DESKTOP);
    const log = consoleLog(page);
    const requests = trackRequests(page);
    const comercial = ' data-department="dep-comercial"';
    await page.goto(hostPage(h, "/twice.html", { embeds: ["", "", comercial, comercial] }));
    await launcher(page, "dep-comercial").waitFor({ state: "visible" });
    await page.locator('tomticket-chat:not([department]) button[part="launcher"]').waitFor({ state: "visible" });
    await requests.settled();

    const elements = await page.evaluate(() =>
      [...document.querySelectorAll("tomticket-chat")].map((e) => `${e.getAttribute("account")}/${e.getAttribute("department") ?? ""}`),
    );
    expect(elements.sort()).toEqual(["demo-public-key/", "demo-public-key/dep-comercial"]);

    // Opening one loads the panel once, for both elements.
    await page.locator('tomticket-chat:not([department]) button[part="launcher"]').click();
    await page.locator('tomticket-chat:not([department]) form[part="form"]').waitFor();
    expect(await page.locator('script[src$="/widget-panel.js"]').count()).toBe(1);
    expect(log.filter((m) => m.type === "error" || m.type === "pageerror" || m.type === "warning")).toEqual([]);
  });

  it("two departments give two launchers that do not overlap, each starting a chat in its own department", async () => {
    const ana = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const bruno = await onlineAttendant(h, await contexts.new(), BRUNO, "dep-comercial");
    const url = hostPage(h, "/two-departments.html", {
      embeds: [' data-department="dep-suporte"', ' data-department="dep-comercial"'],
    });

    const first = await contexts.page(DESKTOP);
    await first.goto(url);
    const suporte = launcher(first, "dep-suporte");
    const comercial = launcher(first, "dep-comercial");
    await suporte.waitFor({ state: "visible" });
    await comercial.waitFor({ state: "visible" });
    const [a, b] = [await suporte.boundingBox(), await comercial.boundingBox()];
    expect(a && b && overlap(a, b)).toBe(false);
    for (const box of [a!, b!]) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      expect(box.y + box.height).toBeLessThanOrEqual(720);
    }

    // One panel at a time: opening the second hides the first.
    await suporte.click();
    await panel(first, "dep-suporte").waitFor({ state: "visible" });
    await comercial.click();
    await panel(first, "dep-comercial").waitFor({ state: "visible" });
    await panel(first, "dep-suporte").waitFor({ state: "hidden" });

    // One customer per launcher: a customer has one open chat per account at a time.
    await suporte.click();
    await panel(first, "dep-comercial").waitFor({ state: "hidden" });
    const suportePanel = chatElement(first, "dep-suporte");
    await startChat(suportePanel, { name: "Cliente do Suporte", email: "suporte@example.com", message: "Pelo botão do Suporte" });

    const second = await contexts.page(DESKTOP);
    await second.goto(url);
    await launcher(second, "dep-comercial").click();
    const comercialPanel = chatElement(second, "dep-comercial");
    expect(await comercialPanel.locator('select[name="department"]').count()).toBe(0);
    await startChat(comercialPanel, { name: "Cliente do Comercial", email: "comercial@example.com", message: "Pelo botão do Comercial" });

    await queueItem(ana, "Cliente do Suporte").waitFor();
    await queueItem(bruno, "Cliente do Comercial").waitFor();
    expect(await queueItem(ana, "Cliente do Comercial").count()).toBe(0);
    expect(await queueItem(bruno, "Cliente do Suporte").count()).toBe(0);
  });

  // Stacking follows the resolved side (attribute, else the console's setting, else right).
  it('two embeds on the same side do not overlap when only one says data-position="right"', async () => {
    const page = await contexts.page(DESKTOP);
    await page.goto(
      hostPage(h, "/same-side.html", { embeds: [' data-department="dep-suporte"', ' data-department="dep-comercial" data-position="right"'] }),
    );
    await launcher(page, "dep-suporte").waitFor({ state: "visible" });
    await launcher(page, "dep-comercial").waitFor({ state: "visible" });
    const [a, b] = [await launcher(page, "dep-suporte").boundingBox(), await launcher(page, "dep-comercial").boundingBox()];
    expect(overlap(a!, b!)).toBe(false);
  });

  // The lower embed's panel opens above the upper launcher, whose corner is where "send" sits.
  it("an open panel is not covered by the other embed's launcher", async () => {
    await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    await onlineAttendant(h, await contexts.new(), BRUNO, "dep-comercial");
    const page = await contexts.page(DESKTOP);
    await page.goto(hostPage(h, "/two-panels.html", { embeds: [' data-department="dep-suporte"', ' data-department="dep-comercial"'] }));
    const departments = ["dep-suporte", "dep-comercial"];
    for (const department of departments) await launcher(page, department).waitFor({ state: "visible" });
    for (const department of departments) {
      await launcher(page, department).click();
      await panel(page, department).locator('form[part="form"]').waitFor({ state: "visible" });
      const open = await panel(page, department).boundingBox();
      for (const other of departments.filter((d) => d !== department)) {
        const box = (await launcher(page, other).isVisible()) ? await launcher(page, other).boundingBox() : null;
        expect(box && overlap(open!, box), `${other}'s launcher over ${department}'s panel`).toBeFalsy();
      }
    }
  });
});

describe("on a phone", () => {
  it("the open chat fills the screen and the message input stays on it", async () => {
    await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const page = await contexts.page({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.goto(hostPage(h, "/phone.html"));
    await launcher(page).tap();
    await panel(page).locator('form[part="form"]').waitFor();
    const box = await panel(page).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeCloseTo(0, 0);
    expect(box!.y).toBeCloseTo(0, 0);
    expect(box!.width).toBeCloseTo(375, 0);
    expect(box!.height).toBeCloseTo(667, 0);
    // The panel covers the launcher's corner: it closes from its own header.
    await expect.poll(() => launcher(page).isVisible()).toBe(false);
    await panel(page).locator('[part="minimize"]').waitFor({ state: "visible" });

    await startChat(chatElement(page), { name: "Cliente no Celular", email: "celular@example.com", department: "Suporte", message: "Pelo celular" });
    const compose = await panel(page).locator('form[part="compose"]').boundingBox();
    expect(compose).not.toBeNull();
    expect(compose!.x).toBeGreaterThanOrEqual(0);
    expect(compose!.y).toBeGreaterThanOrEqual(0);
    expect(compose!.x + compose!.width).toBeLessThanOrEqual(375 + 0.5);
    expect(compose!.y + compose!.height).toBeLessThanOrEqual(667 + 0.5);
    await panel(page).locator('textarea[name="compose"]').tap();
    await customerSays(chatElement(page), "Escrevendo no celular");
  });
});

describe("markup typed into the chat", () => {
  it("stays text in the widget and in the console; only http(s) URLs become links", async () => {
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const page = await contexts.page(DESKTOP);
    await page.goto(hostPage(h, "/xss.html"));
    const name = 'Maria <img src=x onerror="window.__xss=1">';
    const email = "maria.o'neil+xss@example.com";
    const first = '"><svg onload=window.__xss=1> meu pedido';
    const jsLink = "[clique aqui](javascript:window.__xss=1) ou javascript:window.__xss=1";
    const httpLink = "Veja https://example.com/pedido?id=1 por favor";
    const reply = '<img src=x onerror="window.__xss=1"> veja http://example.org/ajuda';

    await launcher(page).click();
    const widget = chatElement(page);
    await startChat(widget, { name, email, department: "Suporte", message: first });
    await acceptFromQueue(agent, name);
    await customerSays(widget, jsLink);
    await customerSays(widget, httpLink);
    await agentSays(agent, reply);

    // The console: the name, the e-mail and every message exactly as typed.
    await expect.poll(() => customerMessagesSeen(agent).allTextContents()).toEqual([first, jsLink, httpLink]);
    expect(await agent.locator("#chat-title").textContent()).toContain(name);
    await agent.locator("ao-chat-window dd", { hasText: email }).waitFor();
    expect(await agent.locator('[data-testid="message"] img, [data-testid="message"] svg, [data-testid="queue-item"] img').count()).toBe(0);

    // The widget: the same text, the attendant's reply included.
    const bodies = widget.locator('[part~="message"][data-seq] [part="body"]');
    await expect.poll(() => bodies.allTextContents()).toEqual(expect.arrayContaining([first, jsLink, httpLink, reply]));
    expect(await widget.locator('[part="body"] img, [part="body"] svg').count()).toBe(0);
    const links = await widget.locator('[part="body"] a').evaluateAll((anchors) =>
      anchors.map((a) => ({ href: a.getAttribute("href"), rel: a.getAttribute("rel"), text: a.textContent })),
    );
    expect(links).toEqual([
      { href: "https://example.com/pedido?id=1", rel: expect.stringContaining("noopener"), text: "https://example.com/pedido?id=1" },
      { href: "http://example.org/ajuda", rel: expect.stringContaining("noopener"), text: "http://example.org/ajuda" },
    ]);
    expect(await widget.locator('a[href^="javascript:" i]').count()).toBe(0);

    for (const p of [page, agent]) expect(await xssRan(p)).toBeUndefined();
  });
});
