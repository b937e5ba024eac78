/**
 * The attendant's notifications: the browser's permission asked only by the profile's button
 * (never on load), a sound and a desktop notification for a new chat in the queue and for a
 * customer's new message in a chat not in view, the tab title's count (waiting + unread), and
 * each switchable in "Meu perfil". The page's Notification API, its audio and `document.hidden`
 * are replaced by recorders (an init script): headless Chromium shows no notification and plays
 * no sound a test could observe, and a test cannot hide a tab.
 */
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ANA, onlineAttendant } from "./console";
import { acceptChat, clickNav, startChat } from "./flows";
import { customerSays, hostPage, launcher, useHarness } from "./harness";

const { h, contexts } = useHarness();

/** Records notifications, permission requests and beeps; `__hidden` stands for a hidden tab. */
const RECORDERS = `
  window.__notes = []; window.__asked = 0; window.__beeps = 0; window.__hidden = false;
  class RecordingNotification {
    static permission = "default";
    static async requestPermission() { window.__asked++; RecordingNotification.permission = "granted"; return "granted"; }
    constructor(title, options) { window.__notes.push({ title, body: options && options.body }); }
    close() {}
  }
  window.Notification = RecordingNotification;
  const Base = window.AudioContext;
  window.AudioContext = class extends Base { createOscillator() { window.__beeps++; return super.createOscillator(); } };
  Object.defineProperty(Document.prototype, "hidden", { get: () => window.__hidden, configurable: true });
`;

type Recorded = { notes: { title: string; body?: string }[]; asked: number; beeps: number };
const recorded = (page: Page): Promise<Recorded> =>
  page.evaluate(() => {
    const w = window as unknown as { __notes: Recorded["notes"]; __asked: number; __beeps: number };
    return { notes: w.__notes, asked: w.__asked, beeps: w.__beeps };
  });
const setHidden = (page: Page, hidden: boolean) => page.evaluate((value) => void ((window as unknown as { __hidden: boolean }).__hidden = value), hidden);

async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

/** A customer with a chat in Suporte; resolves to their page and the chat's id. */
async function customerChat(name: string): Promise<{ customer: Page; chatId: string }> {
  const customer = await contexts.page();
  await customer.goto(hostPage(h, `/notify-${name}.html`, { embeds: [' data-department="dep-suporte"'] }));
  await launcher(customer).click();
  const chatId = await startChat(customer, { name, email: `${name.toLowerCase()}@example.com`, message: `Olá, sou ${name}` });
  return { customer, chatId };
}

async function saveProfile(agent: Page, switches: Record<string, boolean>): Promise<void> {
  await clickNav(agent, "nav-profile");
  for (const [name, on] of Object.entries(switches)) await agent.locator(`[data-testid="profile-${name}"]`).setChecked(on);
  await agent.locator('[data-testid="profile-save"]').click();
  await agent.locator('[data-testid="profile-saved"]', { hasText: /./ }).waitFor();
  await clickNav(agent, "nav-live");
}

describe("attendant notifications", () => {
  it("asks permission only on the button, alerts for new chats and unseen messages, counts them in the title, and obeys the switches", async () => {
    const context: BrowserContext = await contexts.new({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(RECORDERS);
    const agent = await onlineAttendant(h, context, ANA, "dep-suporte");
    expect((await recorded(agent)).asked).toBe(0);

    await clickNav(agent, "nav-profile");
    const allow = agent.locator('[data-testid="profile-desktop-allow"]');
    await allow.waitFor();
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "notifications-profile-1280");
    await agent.setViewportSize({ width: 390, height: 844 });
    await snap(agent, "notifications-profile-390");
    await agent.setViewportSize({ width: 1280, height: 800 });
    await allow.click();
    await expect.poll(async () => (await recorded(agent)).asked).toBe(1);
    await allow.waitFor({ state: "detached" });
    await clickNav(agent, "nav-live");

    // A new chat while the tab is hidden: a beep and a desktop notification.
    await setHidden(agent, true);
    const first = await customerChat("Otavio");
    await expect.poll(async () => (await recorded(agent)).notes.map((n) => n.title)).toEqual(["Novo cliente na fila"]);
    expect((await recorded(agent)).beeps).toBe(1);
    await setHidden(agent, false);
    await expect.poll(() => agent.title()).toBe("(1) Atendimento Online");

    // Two accepted chats, the second on screen: the first one's customer writes.
    await acceptChat(agent, first.chatId);
    const second = await customerChat("Paula");
    await acceptChat(agent, second.chatId);
    const beepsBefore = (await recorded(agent)).beeps;
    await customerSays(first.customer.locator("tomticket-chat"), "Ainda está aí?");
    await expect.poll(async () => (await recorded(agent)).beeps).toBe(beepsBefore + 1);
    await expect.poll(() => agent.title()).toBe("(1) Atendimento Online");
    // Visible tab: no desktop notification for it.
    expect((await recorded(agent)).notes).toHaveLength(1);
    // The chat on screen does not alert while the tab is visible…
    await customerSays(second.customer.locator("tomticket-chat"), "Obrigada");
    await agent.locator('[data-testid="message"][data-author="customer"]', { hasText: "Obrigada" }).waitFor();
    expect((await recorded(agent)).beeps).toBe(beepsBefore + 1);
    // …but does once the tab is hidden, with a desktop notification naming the customer.
    await setHidden(agent, true);
    await customerSays(second.customer.locator("tomticket-chat"), "Vou aguardar");
    await expect.poll(async () => (await recorded(agent)).notes.at(-1)).toEqual({ title: "Nova mensagem de Paula", body: "Vou aguardar" });
    await setHidden(agent, false);

    // Switched off: no alert for messages, no count in the title.
    await saveProfile(agent, { messages: false, titleCount: false });
    const quiet = await recorded(agent);
    await customerSays(first.customer.locator("tomticket-chat"), "Alô?");
    await agent.locator('[data-testid="my-chat"]', { hasText: "Otavio" }).waitFor();
    await expect.poll(() => agent.title()).toBe("Atendimento Online");
    expect(await recorded(agent)).toEqual(quiet);
  });
});
