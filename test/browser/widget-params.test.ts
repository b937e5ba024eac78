/**
 * The script's parameters (README "Script parameters") and the JavaScript API: auto-open,
 * hide-when-offline, a fixed department, prefilled name and e-mail, unknown keys, and
 * `open()` / `close()` / `toggle()` with the `tomticket-chat:*` events. One `wrangler dev` for
 * the file; fresh browser contexts per test.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ACCOUNT, acceptFromQueue, agentSays, ANA, BRUNO, expectDepartment, onlineAttendant, queueItem } from "./console";
import {
  chatElement,
  consoleLog,
  customerSays,
  hostPage,
  launcher,
  panel,
  startChat,
  useHarness,
} from "./harness";
import { trackRequests } from "./requests";

const { h, contexts } = useHarness();

/** The public methods of `<tomticket-chat>` (widget/loader.ts), as this Node-side program sees the page. */
type ChatApi = HTMLElement & { open(): Promise<void>; close(): void; toggle(): void; readonly isOpen: boolean };

/** The loader re-reads the configuration (presence) this often while the page is visible (widget/loader.ts). */
const POLL_MS = 30_000;

/**
 * Resolves once the element applied its first configuration: the launcher gets its label then
 * (widget/loader.ts `#paint`), whether or not it is shown.
 */
async function configured(page: Page): Promise<void> {
  await expect.poll(() => page.locator('button[part="launcher"]').getAttribute("aria-label"), { timeout: 10_000 }).toBeTruthy();
}

describe("auto-open", () => {
  it("shows the panel without a click, and leaves the focus on the page", async () => {
    const page = await contexts.page();
    await page.goto(hostPage(h, "/auto-open.html", { embeds: [" data-auto-open"] }));
    // Nobody is online in this file's first test: the panel opens on the offline form.
    await panel(page).locator('form[part="offline-form"]').waitFor({ state: "visible" });
    expect(await chatElement(page).getAttribute("open")).toBe("");
    expect(await launcher(page).getAttribute("aria-expanded")).toBe("true");
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });
});

describe("hide-when-offline", () => {
  it("shows no launcher while the department is offline, and the launcher once an attendant connects, without a reload", async () => {
    await expectDepartment(h, "dep-comercial", false);
    const context = await contexts.new();
    // The loader polls every 30 s: a fake clock lets the test jump over that wait instead of sleeping.
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(hostPage(h, "/hide-when-offline.html", { embeds: [' data-department="dep-comercial" data-hide-when-offline'] }));
    await configured(page);
    expect(await chatElement(page).count()).toBe(1);
    expect(await chatElement(page).boundingBox()).toBeNull();
    expect(await launcher(page).isVisible()).toBe(false);

    await onlineAttendant(h, await contexts.new(), BRUNO, "dep-comercial");
    expect(await launcher(page).isVisible()).toBe(false);
    await page.clock.fastForward(POLL_MS);
    await launcher(page).waitFor({ state: "visible", timeout: 10_000 });
    await launcher(page).click();
    await panel(page).locator('form[part="form"] textarea[name="message"]').waitFor({ state: "visible" });
  });
});

describe("the department", () => {
  it("a fixed department shows no select and the chat lands in it; without one the customer chooses among the active ones", async () => {
    const ana = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const bruno = await onlineAttendant(h, await contexts.new(), BRUNO, "dep-comercial");

    const fixed = await contexts.page();
    await fixed.goto(hostPage(h, "/fixed-department.html", { embeds: [' data-department="dep-comercial"'] }));
    await launcher(fixed).click();
    const form = panel(fixed).locator('form[part="form"]');
    await form.waitFor();
    expect(await form.locator("select").count()).toBe(0);
    await startChat(chatElement(fixed), { name: "Cliente Fixo", email: "fixo@example.com", message: "Quero um orçamento" });
    await queueItem(bruno, "Cliente Fixo").waitFor();
    expect(await queueItem(ana, "Cliente Fixo").count()).toBe(0);

    const choosing = await contexts.page();
    await choosing.goto(hostPage(h, "/choose-department.html"));
    await launcher(choosing).click();
    const select = panel(choosing).locator('form[part="form"] select[name="department"]');
    await select.waitFor();
    const options = await select.locator("option").evaluateAll((list) =>
      list.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent?.trim(), disabled: (o as HTMLOptionElement).disabled })),
    );
    expect(options.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "dep-comercial", text: "Comercial", disabled: false },
      { value: "dep-suporte", text: "Suporte", disabled: false },
    ]);
  });
});

describe("prefill", () => {
  it("data-name and data-email skip those fields and the attendant sees them", async () => {
    const ana = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const page = await contexts.page();
    await page.goto(
      hostPage(h, "/prefill.html", { embeds: [' data-department="dep-suporte" data-name="Joana Prefill" data-email="joana.prefill@example.com"'] }),
    );
    await launcher(page).click();
    const form = panel(page).locator('form[part="form"]');
    await form.waitFor();
    expect(await form.locator("input, select").count()).toBe(0);
    expect(await form.locator("textarea").evaluateAll((list) => list.map((t) => t.getAttribute("name")))).toEqual(["message"]);
    await startChat(chatElement(page), { message: "Já sabem quem eu sou" });

    await queueItem(ana, "Joana Prefill").locator("button.open").click();
    await ana.locator("#chat-title", { hasText: "Joana Prefill" }).waitFor();
    await ana.locator("ao-chat-window dd", { hasText: "joana.prefill@example.com" }).waitFor();
  });
});

describe("an unknown account or department", () => {
  it.each([
    ["account", `<script src="%SERVER%/widget.js" data-account="chave-que-nao-existe" async></script>`, 'unknown account "chave-que-nao-existe"'],
    ["department", `<script src="%SERVER%/widget.js" data-account="${ACCOUNT}" data-department="dep-nao-existe" async></script>`, 'unknown department "dep-nao-existe"'],
  ])("shows nothing and warns once (unknown %s)", async (kind, script, warning) => {
    const page = await contexts.page();
    const log = consoleLog(page);
    const requests = trackRequests(page);
    h.page(`/unknown-${kind}.html`, `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>Loja</h1>${script.replace("%SERVER%", h.server)}</body></html>`);
    await page.goto(`${h.site}/unknown-${kind}.html`);
    await expect.poll(() => log.filter((m) => m.type === "warning").length).toBe(1);
    // Nothing else is fetched or retried later: the page is quiet and still warned only once.
    await requests.settled();
    expect(log.filter((m) => m.type === "warning")).toEqual([{ type: "warning", text: expect.stringContaining(warning) }]);
    expect(await chatElement(page).boundingBox()).toBeNull();
    expect(await launcher(page).isVisible()).toBe(false);
    // The API cannot bring it back either.
    await page.evaluate(() => document.querySelector<ChatApi>("tomticket-chat")?.open());
    expect(await page.locator('[part="panel"]').count()).toBe(0);
  });
});

describe("the JavaScript API", () => {
  it("open(), close() and toggle() drive the panel, and the tomticket-chat:* events reach the document", async () => {
    const ana = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const page = await contexts.page();
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { __events: unknown[] }).__events = seen;
      for (const name of ["opened", "closed", "chat-started", "message", "chat-ended"]) {
        document.addEventListener(`tomticket-chat:${name}`, (event) => {
          seen.push({
            type: event.type,
            bubbles: event.bubbles,
            composed: event.composed,
            target: (event.target as Element).tagName.toLowerCase(),
            detail: (event as CustomEvent).detail,
          });
        });
      }
    });
    await page.goto(hostPage(h, "/api.html"));
    await configured(page);
    const events = (): Promise<{ type: string; bubbles: boolean; composed: boolean; target: string; detail: never }[]> =>
      page.evaluate(() => (window as unknown as { __events: never[] }).__events);
    const types = async (): Promise<string[]> => (await events()).map((e) => e.type.replace("tomticket-chat:", ""));
    const call = (method: "open" | "close" | "toggle"): Promise<void> =>
      page.evaluate(async (m) => {
        await document.querySelector<ChatApi>("tomticket-chat")?.[m]();
      }, method);
    const isOpen = (): Promise<boolean | undefined> => page.evaluate(() => document.querySelector<ChatApi>("tomticket-chat")?.isOpen);

    await call("open");
    await panel(page).waitFor({ state: "visible" });
    expect(await isOpen()).toBe(true);
    await call("close");
    await panel(page).waitFor({ state: "hidden" });
    expect(await isOpen()).toBe(false);
    await call("toggle");
    await panel(page).waitFor({ state: "visible" });
    await call("toggle");
    await panel(page).waitFor({ state: "hidden" });
    await call("toggle");
    await panel(page).waitFor({ state: "visible" });
    expect(await types()).toEqual(["opened", "closed", "opened", "closed", "opened"]);

    const widget = chatElement(page);
    await startChat(widget, { name: "Cliente da API", email: "api@example.com", department: "Suporte", message: "Pela API" });
    const chatId = await page.evaluate((key) => localStorage.getItem(`tomticket-chat:${key}:chat`), ACCOUNT);
    await expect.poll(async () => (await events()).filter((e) => e.type === "tomticket-chat:chat-started").map((e) => e.detail)).toEqual([
      { chatId, departmentId: "dep-suporte" },
    ]);

    await acceptFromQueue(ana, "Cliente da API");
    await agentSays(ana, "Resposta da atendente");
    await customerSays(widget, "Resposta do cliente");
    const messages = async (): Promise<{ author: string; body: string }[]> =>
      (await events())
        .filter((e) => e.type === "tomticket-chat:message")
        .map((e: { detail: { author: { type: string }; body: string } }) => ({ author: e.detail.author.type, body: e.detail.body }));
    await expect.poll(messages).toEqual(
      expect.arrayContaining([
        { author: "attendant", body: "Resposta da atendente" },
        { author: "customer", body: "Resposta do cliente" },
      ]),
    );

    await widget.locator('[part="end-chat"]').click();
    await widget.locator('[part="end-confirm"] .primary').click();
    await expect.poll(async () => (await events()).filter((e) => e.type === "tomticket-chat:chat-ended").map((e) => e.detail)).toEqual([
      { chatId, closedBy: "customer" },
    ]);
    // Every event bubbles out of the shadow roots and is seen as coming from <tomticket-chat>.
    for (const event of await events()) expect(event).toMatchObject({ bubbles: true, composed: true, target: "tomticket-chat" });
  });
});
