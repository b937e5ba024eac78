/**
 * Painel do Cliente end to end, in Chromium against `wrangler dev`: a customer signs up (the
 * confirmation e-mail arrives at a real SMTP server in this process), logs in, opens a ticket,
 * sees the attendant's reply, answers it, and resets the password through the e-mailed link;
 * the footer chat follows its switch (off: no chat; a fixed department: no pre-chat fields,
 * origin `customer_panel` recorded and the chat in the panel's history; "Permitir escolher":
 * the department select). Axe on every panel page; `SCREENSHOTS=dir` saves them at 1280×800
 * and 390×844.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import type { BrowserContext, Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ACCOUNT, ADMIN, ANA, attendantConsole, onlineAttendant } from "./console";
import { acceptChat } from "./flows";
import { consoleLog, launcher, useHarness } from "./harness";
import { trackRequests } from "./requests";

const { h, contexts } = useHarness();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const EMAIL = "renata.painel@cliente.test";
const FIRST_PASSWORD = "minha senha secreta";
const NEW_PASSWORD = "outra senha bem longa";

const received: ParsedMail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
/** The customer's cookies at the end of the first test, for the footer-chat tests. */
let customerCookies: Parameters<BrowserContext["addCookies"]>[0] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${dir}/panel-${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

/** Axe, then the screenshots. */
async function check(page: Page, name: string): Promise<void> {
  await expectNoSeriousA11yViolations(page);
  await snap(page, name);
}

/** The link of kind `kind` in the newest e-mail to the customer whose subject contains `subject`. */
async function emailedLink(subject: string, kind: "confirm" | "reset"): Promise<string> {
  let link = "";
  await expect
    .poll(() => {
      const mail = [...received].reverse().find((m) => m.subject?.includes(subject));
      link = new RegExp(`https?://[^\\s]+/p/${ACCOUNT}/${kind}/[A-Za-z0-9_-]+`).exec(mail?.text ?? "")?.[0] ?? "";
      return link;
    }, { timeout: 15_000, interval: 200 })
    .not.toBe("");
  return link;
}

/** The administrator's console, with the account's e-mail pointed at this file's SMTP server. */
async function adminWithEmail(): Promise<Page> {
  const admin = await attendantConsole(h, await contexts.new({ viewport: DESKTOP }), ADMIN);
  const saved = await admin.evaluate(async (port) => {
    const body = { host: "127.0.0.1", port, security: "none", username: "", fromName: "Demo", fromAddress: "atendimento@demo.test" };
    return (await fetch("/api/settings/email", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).status;
  }, smtpPort);
  expect(saved).toBe(200);
  return admin;
}

/** Calls the console's API as the logged-in administrator. */
function consoleApi<T>(admin: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return admin.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;
}

async function logIn(page: Page, password: string): Promise<void> {
  await page.goto(`${h.server}/p/${ACCOUNT}/`);
  await page.fill("#email", EMAIL);
  await page.fill("#password", password);
  await page.click('form#login button[type="submit"]');
  await page.waitForURL(/\/tickets$/);
}

async function logOut(page: Page): Promise<void> {
  await page.locator("header nav button", { hasText: "Sair" }).click();
  await page.waitForURL(new RegExp(`/p/${ACCOUNT}/(\\?lang=[a-zA-Z-]+)?$`));
}

describe("Painel do Cliente", () => {
  it("signs up by e-mail, logs in, opens a ticket, reads and answers the reply, and resets the password", async () => {
    const admin = await adminWithEmail();
    const context = await contexts.new({ viewport: DESKTOP });
    const page = await context.newPage();
    const log = consoleLog(page);

    await page.goto(`${h.server}/p/${ACCOUNT}/`);
    await check(page, "login");
    await page.getByRole("link", { name: "Cadastre-se" }).click();
    await page.fill("#name", "Renata Painel");
    await page.fill("#email", EMAIL);
    await page.fill("#password", "curta");
    await page.click('form#signup button[type="submit"]');
    await expect.poll(() => page.locator("form#signup [role=alert]").textContent()).toBe("A senha precisa ter pelo menos 10 caracteres.");
    expect(await page.locator("#password").getAttribute("aria-invalid")).toBe("true");
    await page.fill("#password", FIRST_PASSWORD);
    await page.click('form#signup button[type="submit"]');
    await expect.poll(() => page.locator("form#signup [role=status]").textContent()).toContain("Enviamos um link de confirmação");
    await check(page, "signup");

    await page.goto(await emailedLink("Confirme seu cadastro", "confirm"));
    await check(page, "confirm");
    await page.click('form#confirm button[type="submit"]');
    await page.waitForURL(/\/tickets$/);
    await page.locator("text=Você ainda não tem chamados.").waitFor();
    await logOut(page);
    await logIn(page, FIRST_PASSWORD);

    await page.getByRole("link", { name: "Novo chamado" }).first().click();
    await page.fill("#subject", "Boleto em dobro");
    await page.selectOption("#departmentId", { label: "Suporte" });
    await page.fill("#message", "Recebi dois boletos <b>iguais</b> este mês.");
    await check(page, "new-ticket");
    await page.click('form#new-ticket button[type="submit"]');
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const ticketId = page.url().split("/").pop()!;
    await page.locator(".entry", { hasText: "Recebi dois boletos <b>iguais</b> este mês." }).waitFor();

    const reply = await consoleApi(admin, "POST", `/api/tickets/${ticketId}/replies`, { body: "Cancelamos o segundo boleto." });
    expect(reply.status).toBe(201);
    await page.reload();
    await page.locator(".entry", { hasText: "Cancelamos o segundo boleto." }).waitFor();
    await page.fill("#body", "Obrigada!");
    await page.click('form#reply button[type="submit"]');
    await page.locator(".entry.mine", { hasText: "Obrigada!" }).waitFor();
    await check(page, "ticket");
    const seen = await consoleApi<{ entries: { kind: string; body: string }[] }>(admin, "GET", `/api/tickets/${ticketId}`);
    expect(seen.body.entries.map((e) => [e.kind, e.body])).toEqual([
      ["customer", "Recebi dois boletos <b>iguais</b> este mês."],
      ["reply", "Cancelamos o segundo boleto."],
      ["customer", "Obrigada!"],
    ]);
    await page.getByRole("link", { name: "Chamados", exact: true }).click();
    await page.locator("table.list a", { hasText: "Boleto em dobro" }).waitFor();
    await check(page, "tickets");

    await page.getByRole("link", { name: "English" }).click();
    await page.locator("h1", { hasText: "My tickets" }).waitFor();
    await page.getByRole("link", { name: "Português" }).click();

    await logOut(page);
    await page.getByRole("link", { name: "Esqueci minha senha" }).click();
    await page.fill("#email", EMAIL);
    await page.click('form#forgot button[type="submit"]');
    await expect.poll(() => page.locator("form#forgot [role=status]").textContent()).toContain("Se este e-mail tiver acesso");
    await page.goto(await emailedLink("Redefinição de senha", "reset"));
    await check(page, "reset");
    await page.fill("#password", NEW_PASSWORD);
    await page.click('form#reset button[type="submit"]');
    await page.waitForURL(/\/tickets$/);
    await logOut(page);
    await page.fill("#email", EMAIL);
    await page.fill("#password", FIRST_PASSWORD);
    await page.click('form#login button[type="submit"]');
    await expect.poll(() => page.locator("form#login [role=alert]").textContent()).toBe("E-mail ou senha incorretos.");
    await logIn(page, NEW_PASSWORD);
    customerCookies = await context.cookies();

    // The console's invitation on the customer's detail: the link shown to copy, and e-mailed.
    const found = await consoleApi<{ customers: { id: string }[] }>(admin, "GET", `/api/customers?q=${encodeURIComponent(EMAIL)}`);
    await admin.goto(`${h.server}/admin/#/gestao/customers/${found.body.customers[0]!.id}`);
    await admin.locator('[data-testid="customer-invite"]').click();
    await expect.poll(() => admin.locator('[data-testid="customer-invite-status"]').textContent()).toContain(`Convite enviado para ${EMAIL}`);
    expect(await admin.locator('[data-testid="customer-invite-url"]').inputValue()).toMatch(new RegExp(`/p/${ACCOUNT}/invite/[A-Za-z0-9_-]{40,}$`));
    await check(admin, "console-invite");
    // The refused short password (400) and wrong password (401) are the only failed requests.
    expect(log.filter((l) => l.type === "pageerror" || /Content Security Policy|Refused to/.test(l.text))).toEqual([]);
  });

  it("shows no footer chat while its switch is off", async () => {
    const context = await contexts.new({ viewport: DESKTOP });
    await context.addCookies(customerCookies);
    const page = await context.newPage();
    const requests = trackRequests(page);
    await page.goto(`${h.server}/p/${ACCOUNT}/tickets`);
    await page.locator("h1", { hasText: "Meus chamados" }).waitFor();
    await requests.settled();
    expect(await page.locator("tomticket-chat").count()).toBe(0);
    expect(await page.locator('script[src="/widget.js"]').count()).toBe(0);
  });

  it("with a fixed department: the chat knows the customer (no pre-chat fields), records origin customer_panel and shows in the panel's history", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: DESKTOP }), ADMIN);
    // A department of its own (a server-made UUID, as the surface's setting expects), attended by Ana.
    const created = await consoleApi<{ department: { id: string } }>(admin, "POST", "/api/departments", { name: "Painel" });
    expect(created.status).toBe(201);
    const departmentId = created.body.department.id;
    expect((await consoleApi(admin, "PATCH", "/api/attendants/att-ana", { departmentIds: ["dep-suporte", departmentId] })).status).toBe(200);
    expect((await consoleApi(admin, "PUT", "/api/account/surfaces/customer-panel", { chatEnabled: true, departmentId })).status).toBe(200);
    const agent = await onlineAttendant(h, await contexts.new({ viewport: DESKTOP }), ANA, departmentId);
    const context = await contexts.new({ viewport: DESKTOP });
    await context.addCookies(customerCookies);
    const page = await context.newPage();
    const log = consoleLog(page);
    await page.goto(`${h.server}/p/${ACCOUNT}/tickets`);
    await launcher(page).click();
    const form = page.locator('tomticket-chat form[part="form"]');
    await form.locator('textarea[name="message"]').waitFor();
    expect(await form.locator('input[name="name"], input[name="email"], select[name="department"]').count()).toBe(0);
    await form.locator('textarea[name="message"]').fill("Oi, é a Renata pelo painel");
    await form.locator('button[type="submit"]').click();
    await page.locator('tomticket-chat textarea[name="compose"]').waitFor();
    const chatId = (await page.evaluate((key) => localStorage.getItem(`tomticket-chat:${key}:chat`), ACCOUNT))!;
    await acceptChat(agent, chatId);

    const detail = await consoleApi<{ chat: { origin: string; customer: { email: string } } }>(admin, "GET", `/api/chats/${chatId}`);
    expect(detail.body.chat.origin).toBe("customer_panel");
    await page.goto(`${h.server}/p/${ACCOUNT}/chats`);
    await page.locator(`a[href$="/chats/${chatId}"]`).click();
    await page.locator(".entry", { hasText: "Oi, é a Renata pelo painel" }).waitFor();
    await check(page, "chat");
    await page.goto(`${h.server}/p/${ACCOUNT}/chats`);
    // The chat stays open across pages; minimized, the list shows on a phone too.
    await page.locator('tomticket-chat [part="minimize"]').click();
    await check(page, "chats");
    expect(log.filter((l) => /Content Security Policy|Refused to/.test(l.text))).toEqual([]);
  });

  it("with 'Permitir escolher': the chat asks for the department", async () => {
    const admin = await attendantConsole(h, await contexts.new({ viewport: DESKTOP }), ADMIN);
    expect((await consoleApi(admin, "PUT", "/api/account/surfaces/customer-panel", { chatEnabled: true, departmentId: null })).status).toBe(200);
    await onlineAttendant(h, await contexts.new({ viewport: DESKTOP }), ANA, "dep-suporte");
    const context = await contexts.new({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${h.server}/p/${ACCOUNT}/`);
    await launcher(page).click();
    await page.locator('tomticket-chat form[part="form"] select[name="department"]').waitFor();
  });
});
