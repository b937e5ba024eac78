/**
 * Issue 12, the console's items: who closed a chat (name and role) for the attendant, the
 * customer and the history (defect 5); the pop-up page's column, the publish preview's sandbox
 * and launcher, no 401 or favicon 404 before login (defect 10); the Atendentes panel lists every
 * attendant of a department with their status (defect 9); the visitor's details in the chat's
 * header (browser, page title, earlier chats linking to their transcripts); the header on one
 * row from 1024 px in three languages, a menu button on a phone, and queue rows with the waiting
 * time and the first message (defect 8); emoji in the composer, by keyboard. Each screen passes axe and is saved for a person to look
 * at (`SCREENSHOTS=dir`).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ACCOUNT, ADMIN, ANA, BRUNO, acceptFromQueue, attendantConsole, onlineAttendant, type Login } from "./console";
import { agentCloses, consoleSection } from "./flows";
import { consoleLog, hostPage, launcher, panel, startChat, useHarness } from "./harness";

const { h, contexts } = useHarness();

/** The demo's manager of Suporte (scripts/demo-seed.mjs). */
const GERENTE: Login = { email: "gerente@demo.test", password: "demo-gerente-123" };

/** Saves a screenshot for a person to look at (`SCREENSHOTS=dir`); a no-op otherwise. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe("who closed a chat (defect 5)", () => {
  it("a manager's close names the manager and the role to the attendant, the customer and in the history", async () => {
    const customerName = "Carla Encerrada";
    const agent = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const customer = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await customer.goto(hostPage(h, "/closer.html"));
    await launcher(customer).click();
    await startChat(panel(customer), { name: customerName, email: "carla@example.com", department: "Suporte", message: "Quem vai encerrar?" });
    await acceptFromQueue(agent, customerName);
    const status = agent.locator('[data-testid="chat-status"]');
    await expect.poll(() => status.textContent()).toContain("Atendido por Ana");

    const manager = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), GERENTE);
    await consoleSection(manager, "nav-supervision");
    const row = manager.locator('[data-testid="supervision-row"]', { hasText: customerName });
    await row.locator('[data-testid="supervision-close"]').click();
    await manager.locator('[data-testid="confirm-ok"]').click();
    await row.waitFor({ state: "detached" });

    // The attendant: the notice and the header name the manager with the role; "Atendido por" is gone.
    await expect.poll(() => agent.locator('[data-testid="chat-closed"]').textContent()).toContain("Atendimento encerrado por Gerente Suporte (Gerente de departamento).");
    await expect.poll(() => status.textContent()).toContain("Encerrado por Gerente Suporte (Gerente de departamento)");
    expect(await status.textContent()).not.toContain("Atendido por");
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "closer-attendant-1280");

    // The customer's widget.
    const closed = panel(customer).locator('[part="closed"] p[role="status"]').first();
    await expect.poll(() => closed.textContent()).toBe("Encerrado por Gerente Suporte (gerente).");
    await snap(customer, "closer-customer-1280");

    // The history's transcript: who attended and who closed, with the role.
    await consoleSection(agent, "nav-history");
    await agent.locator('[data-testid="history-item"]', { hasText: customerName }).first().click();
    await expect.poll(() => agent.locator('[data-testid="transcript-closer"]').textContent()).toContain("Encerrado por Gerente Suporte (Gerente de departamento)");
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "closer-transcript-1280");
  });
});

describe("pages without noise (defect 10)", () => {
  it("the login screen logs no error: the session check answers 200 and the icon exists", async () => {
    const page = await contexts.page({ viewport: { width: 1280, height: 800 } });
    const log = consoleLog(page);
    const failed: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${h.server}/admin/`);
    await page.locator('input[name="email"]').waitFor();
    const session = await page.evaluate(async () => (await fetch("/api/auth/session")).json());
    expect(session).toEqual({ attendant: null });
    const icon = await page.evaluate(async () => {
      const r = await fetch("/favicon.ico");
      return { status: r.status, type: r.headers.get("content-type") };
    });
    expect(icon).toEqual({ status: 200, type: "image/x-icon" });
    expect(failed).toEqual([]);
    expect(log.filter((m) => m.type === "error" || m.type === "pageerror")).toEqual([]);
  });

  it("the pop-up page is a centred column on a desktop and the whole width on a phone", async () => {
    const page = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${h.server}/chat/${ACCOUNT}`);
    const column = page.locator("tomticket-chat").locator('[part="panel"]');
    // boundingBox() waits for the element, not for it to show: null while it is still hidden.
    await column.waitFor({ state: "visible" });
    const box = await column.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(720);
    expect(Math.abs(box!.x + box!.width / 2 - 640)).toBeLessThanOrEqual(1);
    await snap(page, "popup-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => (await column.boundingBox())?.width).toBe(390);
    await snap(page, "popup-390");
  });

  it("Integrar e Publicar: the preview runs the widget in a scripts-only sandbox, its launcher in view", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    await consoleSection(admin, "nav-publish");
    const frame = admin.locator('[data-testid="publish-preview"]');
    const sandbox = (await frame.getAttribute("sandbox")) ?? "";
    expect(sandbox.split(" ")).toContain("allow-scripts");
    expect(sandbox.split(" ")).not.toContain("allow-same-origin");
    const inner = frame.contentFrame().locator("tomticket-chat");
    const button = inner.locator("button").first();
    await button.waitFor();
    const box = await button.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    // The frame cannot reach the console (an opaque origin), and the widget still opens.
    expect(await frame.contentFrame().locator("body").evaluate(() => {
      try {
        return String(window.parent.document.title);
      } catch {
        return "blocked";
      }
    })).toBe("blocked");
    await button.click();
    await inner.locator('[part="panel"]').waitFor();
    await snap(admin, "publish-1280");
  });
});

describe("the Atendentes panel (defect 9)", () => {
  it("lists every attendant of each department, offline ones too, and the administrator nowhere it does not attend", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ADMIN);
    const comercial = admin.locator('[data-testid="presence"][data-department-id="dep-comercial"]');
    const bruno = comercial.locator('li[data-attendant-id="att-bruno"]');
    await expect.poll(() => bruno.getAttribute("data-status")).toBe("offline");
    expect(await bruno.textContent()).toContain("Offline");
    expect(await admin.locator('[data-testid="presence"] li[data-attendant-id="att-admin"]').count()).toBe(0);
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "attendants-panel-1280");

    // Bruno comes online: his row follows live.
    await attendantConsole(h, await contexts.new(), BRUNO);
    await expect.poll(() => bruno.getAttribute("data-status")).toBe("online");
  });
});

const PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

describe("visitor details", () => {
  it("the chat's header shows the browser and device, the page title and the customer's earlier chats", async () => {
    const name = "Vitor Visitante";
    const agent = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const customer = await contexts.page({ viewport: { width: 390, height: 844 }, userAgent: PHONE_UA, isMobile: true, hasTouch: true });
    await customer.goto(hostPage(h, "/visitor.html"));
    await launcher(customer).click();
    await startChat(panel(customer), { name, email: "vitor@example.com", department: "Suporte", message: "Primeira conversa" });
    await acceptFromQueue(agent, name);
    const details = agent.locator("ao-chat-window");
    await expect.poll(() => details.locator('[data-testid="visitor-browser"]').textContent()).toBe("Safari 17 · iOS 17 · celular");
    expect(await details.locator('[data-testid="visitor-page-title"]').textContent()).toBe("Loja /visitor.html");
    expect(await details.locator('[data-testid="visitor-previous"]').textContent()).toContain("Primeiro atendimento");
    const firstNumber = (await agent.locator("#chat-title .number").textContent())!.trim();
    await agentCloses(agent, customer);
    await agent.locator('[data-testid="dismiss-chat"]').click();

    // The same customer comes back: the new chat lists the first, which opens its transcript.
    await panel(customer).locator('button[part="new-chat"]').click();
    await startChat(panel(customer), { message: "Segunda conversa" });
    await acceptFromQueue(agent, name);
    const previous = details.locator('[data-testid="visitor-previous"]');
    await expect.poll(() => previous.getAttribute("data-count")).toBe("1");
    expect(await previous.locator("a").textContent()).toBe(firstNumber);
    expect(await previous.textContent()).toContain("1 atendimento anterior:");
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "visitor-1280");
    await agent.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(agent, "visitor-390");
    await agent.setViewportSize({ width: 1280, height: 800 });
    await previous.locator("a").click();
    await agent.locator('[data-testid="transcript-message"]', { hasText: "Primeira conversa" }).waitFor();
  });
});

describe("the header and the queue (defect 8)", () => {
  it("the header is one row from 1024 px in pt-BR, English and Spanish; the sections that do not fit are in a menu", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: { width: 1024, height: 768 } }), ADMIN);
    const header = admin.locator("ao-header header");
    // One row: the sections, the status and the attendant's menu share a line, and the header stays short.
    const oneRow = async () => {
      const boxes = await Promise.all(["ao-nav", '[data-testid="status-toggle"]', '[data-testid="user-menu"]'].map((s) => admin.locator(s).boundingBox()));
      const centres = boxes.map((b) => b!.y + b!.height / 2);
      return Math.max(...centres) - Math.min(...centres) <= 4 && (await header.boundingBox())!.height < 72;
    };
    for (const locale of ["pt-BR", "en", "es"]) {
      await admin.locator('[data-testid="user-menu"]').click();
      await admin.locator('ao-user-menu select[name="language"]').selectOption(locale);
      await admin.keyboard.press("Escape");
      for (const width of [1024, 1280]) {
        await admin.setViewportSize({ width, height: 800 });
        await expect.poll(oneRow).toBe(true);
        await snap(admin, `header-${locale}-${width}`);
      }
    }
    // Every section is reachable, from the row or the "more" menu, by keyboard too.
    await admin.setViewportSize({ width: 1024, height: 768 });
    await admin.locator('[data-testid="user-menu"]').click();
    await admin.locator('ao-user-menu select[name="language"]').selectOption("pt-BR");
    await admin.keyboard.press("Escape");
    await consoleSection(admin, "nav-gestao");
    await consoleSection(admin, "nav-live");
    await expectNoSeriousA11yViolations(admin);

    // A phone: a menu button holds every section, nothing scrolls sideways.
    await admin.setViewportSize({ width: 390, height: 844 });
    const gestao = admin.locator('[data-testid="nav-gestao"]');
    await expect.poll(() => gestao.isVisible()).toBe(false);
    await admin.locator('[data-testid="nav-more"]').focus();
    await admin.keyboard.press("Enter");
    await expect.poll(() => gestao.isVisible()).toBe(true);
    await snap(admin, "header-menu-390");
    await admin.keyboard.press("Escape");
    await expect.poll(() => gestao.isVisible()).toBe(false);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "header-390");
  });

  it("a queue row shows the waiting time and the start of the first message", async () => {
    const agent = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const customer = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await customer.goto(hostPage(h, "/queue.html"));
    await launcher(customer).click();
    const first = "Meu pedido 4471 chegou com a caixa amassada e faltando uma peça do kit";
    await startChat(panel(customer), { name: "Quésia Fila", email: "quesia@example.com", department: "Suporte", message: first });
    const row = agent.locator('[data-testid="queue-item"]', { hasText: "Quésia Fila" });
    await expect.poll(() => row.locator('[data-testid="queue-preview"]').textContent()).toBe(first);
    expect(await row.locator('[data-testid="queue-waiting"]').textContent()).toMatch(/^aguardando há /);
    // Nothing of the row is cut but the preview.
    expect(await row.locator('[data-testid="queue-waiting"]').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // One line: the preview is cut with an ellipsis, not wrapped.
    const lines = await row.locator('[data-testid="queue-preview"]').evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
    expect(lines).toBe(1);
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "queue-1280");
    // A reload reads the preview from session.ready.
    await agent.reload();
    await expect.poll(() => agent.locator('[data-testid="queue-item"]', { hasText: "Quésia Fila" }).locator('[data-testid="queue-preview"]').textContent()).toBe(first);
  });
});

describe("emoji in the console's composer", () => {
  it("the picker opens, moves and inserts by keyboard at the caret, and the customer receives the emoji", async () => {
    const name = "Emília Emoji";
    const agent = await onlineAttendant(h, await contexts.new({ viewport: { width: 1280, height: 800 } }), ANA, "dep-suporte");
    const customer = await contexts.page({ viewport: { width: 1280, height: 800 } });
    await customer.goto(hostPage(h, "/emoji.html"));
    await launcher(customer).click();
    await startChat(panel(customer), { name, email: "emilia@example.com", department: "Suporte", message: "Oi" });
    await acceptFromQueue(agent, name);
    const compose = agent.locator('textarea[name="compose"]');
    await compose.fill("Obrigado !");
    await compose.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(9, 9));
    await agent.locator('[data-testid="emoji-toggle"]').focus();
    await agent.keyboard.press("Enter");
    await agent.locator('[data-testid="emoji-grid"]').waitFor();
    await expectNoSeriousA11yViolations(agent);
    await snap(agent, "emoji-1280");
    await agent.keyboard.press("ArrowDown");
    await agent.keyboard.press("ArrowRight");
    await agent.keyboard.press("Enter");
    await expect.poll(() => compose.inputValue()).toBe("Obrigado 👍!");
    expect(await compose.evaluate((el) => el.matches(":focus"))).toBe(true);
    // Escape closes without inserting, and gives the focus back to the button.
    await agent.locator('[data-testid="emoji-toggle"]').click();
    await agent.keyboard.press("Escape");
    expect(await agent.locator('[data-testid="emoji-grid"]').count()).toBe(0);
    await agent.locator('[data-testid="send"]').click();
    await panel(customer).locator('[part~="message"][data-author="attendant"]', { hasText: "Obrigado 👍!" }).waitFor();
  });
});
