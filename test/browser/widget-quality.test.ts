/**
 * The widget's quality items of issue 12: two embeds of one page keep their own chats (defect 1),
 * "Encerrar conversa" asks once and is keyboard-usable (defect 7), the satisfaction survey is a
 * row of large labelled stars with one primary action (defect 11). Screenshots of each screen at
 * 1280×800 and 390×844 with `SCREENSHOTS=dir`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { ACCOUNT, ADMIN, ANA, acceptFromQueue, agentSays, attendantConsole, onlineAttendant } from "./console";
import { consoleSection } from "./flows";
import { axeViolations, expectNoSeriousA11yViolations } from "./a11y";
import { chatElement, focused, hostPage, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();

const PHONE = { viewport: { width: 390, height: 844 } };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** Counts every `tomticket-chat:*` event the document sees, by type. */
async function countEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: Record<string, number> }).__seen = seen;
    for (const name of ["chat-started", "message", "chat-ended"])
      document.addEventListener(`tomticket-chat:${name}`, () => (seen[name] = (seen[name] ?? 0) + 1));
  });
}
const seen = (page: Page): Promise<Record<string, number>> => page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);

/** The element's `open`/`covered` state and whether its launcher is on screen. */
const launcherShown = (page: Page, department: string): Promise<boolean> => launcher(page, department).isVisible();

describe("two embeds on one page", () => {
  it("keep their own chats, badges and events; a full-screen panel hides the other launcher", async () => {
    const ana = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const url = hostPage(h, "/two-embeds.html", { embeds: [' data-department="dep-suporte"', ' data-department="dep-comercial" data-lang="en"'] });
    const page = await contexts.page(DESKTOP);
    await countEvents(page);
    await page.goto(url);
    await launcher(page, "dep-suporte").click();
    await startChat(panel(page, "dep-suporte"), { name: "Dora", email: "dora@example.com", message: "Quero trocar um produto" });
    await acceptFromQueue(ana, "Dora");
    await agentSays(ana, "Olá Dora, posso ajudar.");
    const suporte = panel(page, "dep-suporte");
    await suporte.locator('[data-author="attendant"]', { hasText: "Olá Dora" }).waitFor();
    // The chat belongs to the Suporte embed, which claimed the documented key.
    expect(await page.evaluate((key) => localStorage.getItem(`tomticket-chat:${key}:owner`), ACCOUNT)).toBe("dep-suporte");

    // Comercial keeps its own state: its form, no chat, no badge; each event fires once.
    await launcher(page, "dep-comercial").click();
    const comercial = panel(page, "dep-comercial");
    await comercial.locator('form[part="form"], [part="offline"]').first().waitFor();
    expect(await comercial.locator('textarea[name="compose"]').count()).toBe(0);
    expect(await comercial.locator('[part="messages"]').count()).toBe(0);
    await agentSays(ana, "Ainda está aí?");
    await launcher(page, "dep-suporte").click();
    await suporte.locator('[data-author="attendant"]', { hasText: "Ainda está" }).waitFor();
    expect(await chatElement(page, "dep-comercial").locator('[part="badge"]').isVisible()).toBe(false);
    // The two attendant messages, each announced once (not once per embed).
    expect(await seen(page)).toEqual({ "chat-started": 1, message: 2 });
    await shot(page, "two-embeds-desktop");

    // After a reload each embed finds its own state again.
    await page.reload();
    await suporte.locator('textarea[name="compose"]').waitFor();
    await launcher(page, "dep-comercial").click();
    await comercial.locator('form[part="form"], [part="offline"]').first().waitFor();
    expect(await comercial.locator('textarea[name="compose"]').count()).toBe(0);

    // On a phone the open panel is full screen: the other launcher hides until it closes.
    const phone = await contexts.page(PHONE);
    await phone.goto(url);
    await launcher(phone, "dep-comercial").waitFor();
    await launcher(phone, "dep-suporte").click();
    await panel(phone, "dep-suporte").locator("form").first().waitFor();
    // Escape reaches the panel once focus is in it (it moves there after the panel's first frame).
    await expect.poll(async () => (await focused(phone)).name).toBe("name");
    await expect.poll(() => launcherShown(phone, "dep-comercial")).toBe(false);
    await shot(phone, "two-embeds-phone-open");
    await phone.keyboard.press("Escape");
    await expect.poll(() => launcherShown(phone, "dep-comercial")).toBe(true);
    expect(await launcherShown(phone, "dep-suporte")).toBe(true);
  });
});

/** A customer on a Suporte embed with a chat accepted by Ana. */
async function chatWithAna(viewport: typeof PHONE, name: string): Promise<{ page: Page; widget: Locator }> {
  const ana = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
  const page = await contexts.page(viewport);
  await countEvents(page);
  await page.goto(hostPage(h, `/quality-${name}.html`, { embeds: [' data-department="dep-suporte"'] }));
  await launcher(page).click();
  const widget = panel(page);
  await startChat(widget, { name, email: `${name.toLowerCase()}@example.com`, message: "Minha entrega atrasou" });
  await acceptFromQueue(ana, name);
  await widget.locator('[part="status"]', { hasText: "Ana" }).waitFor();
  return { page, widget };
}

describe("ending a chat", () => {
  it("asks once, with the keyboard: focus moves into the question, Escape cancels, Enter confirms", async () => {
    const { page, widget } = await chatWithAna(DESKTOP, "Elis");
    const end = widget.locator('button[part="end-chat"]');
    await end.focus();
    await page.keyboard.press("Enter");
    const question = widget.locator('[part="end-confirm"]');
    await question.waitFor();
    expect(await question.getAttribute("role")).toBe("alertdialog");
    expect(await question.textContent()).toContain("Encerrar a conversa?");
    await expect.poll(async () => (await focused(page)).tag).toBe("button");
    expect(await page.evaluate(() => document.querySelector("tomticket-chat")?.shadowRoot?.querySelector("tomticket-chat-panel")?.shadowRoot?.activeElement?.textContent?.trim())).toBe("Encerrar");
    await expectNoSeriousA11yViolations(page, ["h1"]);
    await shot(page, "end-confirm-desktop");

    // Escape withdraws the question only: the chat and the panel stay, focus is back on the button.
    await page.keyboard.press("Escape");
    await expect.poll(() => question.count()).toBe(0);
    expect(await chatElement(page).getAttribute("open")).not.toBeNull();
    expect((await focused(page)).part).toBe("end-chat");
    expect(await widget.locator('textarea[name="compose"]').count()).toBe(1);

    // Enter on the question's "Encerrar" ends the chat, once.
    await page.keyboard.press("Enter");
    await question.waitFor();
    await page.keyboard.press("Enter");
    await widget.locator('[part="closed"]').waitFor();
    expect(await widget.locator('[part="closed"]').textContent()).toContain("Você encerrou");
    expect((await seen(page))["chat-ended"]).toBe(1);
  });
});

describe("satisfaction survey", () => {
  it("is five large labelled stars in a radio group, with 'Enviar avaliação' the one primary action", async () => {
    const admin = await attendantConsole(h, await contexts.new(), ADMIN);
    await consoleSection(admin, "nav-customize");
    const policy = admin.locator('input[name="policies.surveyEnabled"]');
    await expect.poll(() => policy.isChecked()).toBe(false);
    await policy.check();
    await admin.locator('[data-testid="settings-saved"]').waitFor();

    for (const viewport of [PHONE, DESKTOP]) {
      const name = viewport === PHONE ? "Fabio" : "Gil";
      const { page, widget } = await chatWithAna(viewport, name);
      await widget.locator('button[part="end-chat"]').click();
      await widget.locator('[part="end-confirm"] .primary').click();
      const survey = widget.locator('form[part="survey"]');
      await survey.waitFor();
      const stars = survey.locator('[role="radiogroup"][aria-labelledby="tt-grade-q"] input[name="grade"]');
      expect(await stars.count()).toBe(5);
      expect(await survey.locator('[role="radiogroup"] label').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("Péssimo"), expect.stringContaining("Ótimo")]),
      );
      // Large enough to tap: each star's label is at least 44 px high.
      for (const box of await survey.locator(".tt-stars label").evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().height)))
        expect(box).toBeGreaterThanOrEqual(44);
      // One primary action while the survey is asked.
      const primaries = await widget.locator('[part="closed"] .primary').allTextContents();
      expect(primaries.map((t) => t.trim())).toEqual(["Enviar avaliação"]);
      await shot(page, `survey-${viewport === PHONE ? "phone" : "desktop"}`);

      // Keyboard: the grade is a radio group (arrows move the choice); the stars up to it light up.
      await survey.locator('input[name="solved"][value="yes"]').check();
      await stars.nth(2).focus();
      await page.keyboard.press("Space");
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => survey.locator('input[name="grade"]:checked').getAttribute("value")).toBe("4");
      const lit = await survey.locator(".tt-stars b").evaluateAll((stars) => stars.map((s) => getComputedStyle(s).color));
      expect(new Set(lit.slice(0, 4)).size).toBe(1);
      expect(lit[4]).not.toBe(lit[0]);
      const serious = (await axeViolations(page, ["h1"])).filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious).toEqual([]);
      await survey.locator('button[type="submit"]').click();
      await expect.poll(() => widget.locator('[part="survey-thanks"]').textContent()).toContain("Obrigado");
      expect(await widget.locator('button[part="new-chat"]').getAttribute("class")).toBe("primary");
    }
  });
});

/** How far the panel's body would have to scroll (0: it fits). */
const overflow = (widget: Locator): Promise<number> =>
  widget.locator(".body").evaluate((body) => body.scrollHeight - body.clientHeight);

describe("every form fits the panel", () => {
  it("pre-chat and offline forms fit sizes M and S without scrolling, on a desktop and a phone", async () => {
    // Comercial is offline (nobody of it logged in); Suporte is online with Ana.
    await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const sizes = { M: "", S: "<style>tomticket-chat{--tt-w:320px;--tt-h:440px}</style>" };
    const found: { where: string; form: string; overflow: number }[] = [];
    for (const [size, head] of Object.entries(sizes)) {
      for (const viewport of [DESKTOP, PHONE]) {
        const page = await contexts.page(viewport);
        const where = `${size}-${viewport === PHONE ? "phone" : "desktop"}`;
        for (const [form, embed] of [
          ["form", ""],
          ["offline", ' data-department="dep-comercial"'],
        ] as const) {
          await page.goto(hostPage(h, `/fit-${form}-${size}.html`, { head, embeds: [embed] }));
          await launcher(page).click();
          const widget = panel(page);
          await widget.locator(form === "form" ? 'form[part="form"]' : 'form[part="offline-form"]').waitFor();
          await shot(page, `fit-${form}-${where}`);
          found.push({ where, form, overflow: await overflow(widget) });
        }
      }
    }
    expect(found.filter((f) => f.overflow > 0)).toEqual([]);
  });
});

/** How far `selector` (inside the panel) reaches past the visible part of its scroller or the panel (0: all of it is in view). */
const outOfView = (widget: Locator, selector: string): Promise<number> =>
  widget
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      const frame = (element.closest(".body") ?? (element.getRootNode() as ShadowRoot).host).getBoundingClientRect();
      return Math.max(0, frame.top - box.top, box.bottom - frame.bottom);
    });

describe("every form fits the panel, at the end of a chat too", () => {
  it("end-chat question, survey and transcript request fit sizes M and S without scrolling, on a desktop and a phone", { timeout: 240_000 }, async () => {
    const admin = await attendantConsole(h, await contexts.new(), ADMIN);
    await consoleSection(admin, "nav-customize");
    for (const policy of [admin.locator('input[name="policies.surveyEnabled"]'), admin.locator('[data-testid="policies-transcript"]')]) {
      if (await policy.isChecked()) continue;
      await policy.check();
      await admin.locator('[data-testid="settings-saved"]').waitFor();
    }
    const ana = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const sizes = { M: "", S: "<style>tomticket-chat{--tt-w:320px;--tt-h:440px}</style>" };
    const found: { where: string; part: string; out: number }[] = [];
    let n = 0;
    for (const [size, head] of Object.entries(sizes)) {
      for (const viewport of [DESKTOP, PHONE]) {
        const where = `${size}-${viewport === PHONE ? "phone" : "desktop"}`;
        const name = `Jonas${++n}`;
        const page = await contexts.page(viewport);
        await page.goto(hostPage(h, `/fit-end-${where}.html`, { head, embeds: [' data-department="dep-suporte"'] }));
        await launcher(page).click();
        const widget = panel(page);
        await startChat(widget, { name, email: `${name.toLowerCase()}@example.com`, message: "Minha entrega atrasou" });
        await acceptFromQueue(ana, name);
        await agentSays(ana, "Olá, já verifiquei: chega amanhã.");
        await widget.locator('[data-author="attendant"]', { hasText: "chega amanhã" }).waitFor();

        await widget.locator('button[part="end-chat"]').click();
        await widget.locator('[part="end-confirm"]').waitFor();
        await shot(page, `fit-end-confirm-${where}`);
        for (const part of ['[part="end-confirm"] .primary', '[part="end-confirm"] .secondary'])
          found.push({ where, part, out: await outOfView(widget, part) });

        await widget.locator('[part="end-confirm"] .primary').click();
        await widget.locator('form[part="survey"]').waitFor();
        await widget.locator('[part="transcript-email"]').waitFor();
        await shot(page, `fit-survey-${where}`);
        for (const part of ['[part="closed"] > p', 'form[part="survey"] legend', 'form[part="survey"] button[type="submit"]', '[part="transcript-email"]', 'button[part="new-chat"]'])
          found.push({ where, part, out: await outOfView(widget, part) });
      }
    }
    expect(found.filter((f) => f.out > 0)).toEqual([]);
  });
});
