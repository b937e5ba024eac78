/**
 * Emoji in the widget's composer (issue 12): a labelled button opens a small picker loaded on
 * demand (/widget-emoji.js); it is usable with the keyboard alone (arrows move, Enter picks,
 * Escape closes, focus back in the message input), the emoji goes in at the caret, and the
 * attendant's console shows it. Screenshots at 1280×800 and 390×844 with `SCREENSHOTS=dir`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ANA, acceptFromQueue, customerMessagesSeen, onlineAttendant } from "./console";
import { expectNoSeriousA11yViolations } from "./a11y";
import { focused, hostPage, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();

const VIEWPORTS = { desktop: { viewport: { width: 1280, height: 800 } }, phone: { viewport: { width: 390, height: 844 } } };

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** The message input's value and caret, read inside the panel's shadow root. */
const draft = (page: Page): Promise<{ value: string; caret: number }> =>
  page.evaluate(() => {
    const input = document.querySelector("tomticket-chat")?.shadowRoot?.querySelector("tomticket-chat-panel")?.shadowRoot?.querySelector("textarea");
    return { value: input?.value ?? "", caret: input?.selectionStart ?? -1 };
  });

describe("emoji in the widget's composer", () => {
  for (const [where, viewport] of Object.entries(VIEWPORTS)) {
    it(`opens with the keyboard, inserts at the caret and sends it (${where})`, async () => {
      const ana = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
      const name = where === "phone" ? "Iara" : "Heitor";
      const page = await contexts.page(viewport);
      const scripts: string[] = [];
      page.on("request", (request) => scripts.push(new URL(request.url()).pathname));
      await page.goto(hostPage(h, `/emoji-${where}.html`, { embeds: [' data-department="dep-suporte"'] }));
      await launcher(page).click();
      const widget = panel(page);
      await startChat(widget, { name, email: `${name.toLowerCase()}@example.com`, message: "Preciso de ajuda" });
      await acceptFromQueue(ana, name);
      // Not downloaded until the customer asks for it.
      expect(scripts).not.toContain("/widget-emoji.js");

      const input = widget.locator('textarea[name="compose"]');
      await input.fill("Obrigado pela ajuda");
      // The caret after "Obrigado": the emoji goes there, not at the end.
      await input.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(8, 8));
      const button = widget.locator('button[part="emoji"]');
      expect(await button.getAttribute("aria-label")).toBe("Inserir emoji");
      expect(await button.getAttribute("aria-expanded")).toBe("false");
      await button.focus();
      await page.keyboard.press("Enter");
      const picker = widget.locator('[part="emoji-picker"]');
      await picker.waitFor();
      expect(scripts).toContain("/widget-emoji.js");
      expect(await button.getAttribute("aria-expanded")).toBe("true");
      expect(await picker.getAttribute("aria-label")).toBe("Inserir emoji");
      // Focus is on the first emoji, the grid's one tab stop; the arrows move it.
      await expect.poll(async () => (await focused(page)).tag).toBe("button");
      const emojiFocused = () => page.evaluate(() => document.querySelector("tomticket-chat")?.shadowRoot?.querySelector("tomticket-chat-panel")?.shadowRoot?.activeElement?.textContent);
      expect(await emojiFocused()).toBe("😀");
      expect(await picker.locator('button[tabindex="0"]').count()).toBe(1);
      await expectNoSeriousA11yViolations(page, ["h1"]);
      await shot(page, `emoji-open-${where}`);
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowDown");
      const picked = await emojiFocused();
      expect(picked).toBe([..."😀 😃 😄 😁 😅 😂 🙂 😉 😊 😍".split(" ")][9]);
      await page.keyboard.press("Enter");

      // Picked: in at the caret, the picker closed, focus back in the input after the emoji.
      await expect.poll(() => picker.count()).toBe(0);
      expect(await draft(page)).toEqual({ value: `Obrigado${picked} pela ajuda`, caret: 8 + picked!.length });
      expect((await focused(page)).name).toBe("compose");

      // Escape closes it without picking; the panel stays open, focus is back in the input.
      await button.click();
      await picker.waitFor();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Escape");
      await expect.poll(() => picker.count()).toBe(0);
      expect(await page.locator("tomticket-chat").getAttribute("open")).not.toBeNull();
      expect((await focused(page)).name).toBe("compose");
      expect((await draft(page)).value).toBe(`Obrigado${picked} pela ajuda`);

      // Sent, and the attendant's console shows it.
      await page.keyboard.press("Enter");
      await widget.locator('[part~="message"][data-author="customer"][data-seq]', { hasText: `Obrigado${picked}` }).waitFor();
      await customerMessagesSeen(ana).filter({ hasText: `Obrigado${picked} pela ajuda` }).waitFor();
      await shot(page, `emoji-sent-${where}`);
    });
  }
});
