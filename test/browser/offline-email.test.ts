/**
 * Mensagens Offline answered by e-mail, end to end: the widget is offline, the customer leaves a
 * message, an attendant answers it in the console, a real SMTP server (smtp-server, in this Node
 * process) receives the answer, and the customer's MIME reply to it, handed to wrangler dev's
 * `email()` trigger (`POST /cdn-cgi/handler/email`), shows up stripped in the console's thread.
 * `SCREENSHOTS=dir` saves the list and the thread at 1280×800 and 390×844.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import type { Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, attendantConsole, expectDepartment } from "./console";
import { chatElement, consoleLog, hostPage, launcher, panel, useHarness } from "./harness";
import { clickNav } from "./flows";

const { h, contexts } = useHarness();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const received: ParsedMail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

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
    await page.screenshot({ path: `${dir}/${name}-${size}.png`, fullPage: false });
  }
  await page.setViewportSize(DESKTOP);
}

/** The customer's answer as Gmail lays it out, quoting ours under an "Em … escreveu:" line. */
function customerReply(from: string, to: string, inReplyTo: string): string {
  return [
    `From: Carla Cliente <${from}>`,
    `To: ${to}`,
    "Subject: Re: Preciso de um orçamento",
    `Message-ID: <carla-${Date.now()}@cliente.test>`,
    `In-Reply-To: ${inReplyTo}`,
    `References: ${inReplyTo}`,
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="UTF-8"',
    "",
    "Perfeito, pode mandar o orçamento para 10 unidades.",
    "",
    `Em seg., 3 de jun. de 2024 às 10:00, Demo <${to}> escreveu:`,
    "",
    "> Olá Carla, mandamos sim!",
    "",
  ].join("\r\n");
}

describe("Mensagens Offline answered by e-mail", () => {
  it("the customer leaves a message, the attendant answers it, the e-mail arrives, and the customer's reply comes back into the thread", async () => {
    await expectDepartment(h, "dep-comercial", false);
    const customer = await contexts.page();
    await customer.goto(hostPage(h, "/offline-email.html", { embeds: [' data-department="dep-comercial"'] }));
    await launcher(customer).click();
    const form = panel(customer).locator('form[part="offline-form"]');
    await form.waitFor();
    await form.locator('input[name="name"]').fill("Carla Cliente");
    await form.locator('input[name="email"]').fill("carla.email@cliente.test");
    await form.locator('textarea[name="message"]').fill("Preciso de um orçamento");
    await form.locator('button[type="submit"]').click();
    await chatElement(customer).locator('[part="offline-sent"]').waitFor({ state: "visible" });

    const admin = await attendantConsole(h, await contexts.new({ viewport: DESKTOP }), ADMIN);
    const adminLog = consoleLog(admin);
    const saved = await admin.evaluate(async (port) => {
      const body = { host: "127.0.0.1", port, security: "none", username: "", fromName: "Demo", fromAddress: "atendimento@demo.test" };
      const res = await fetch("/api/settings/email", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return res.status;
    }, smtpPort);
    expect(saved).toBe(200);

    await clickNav(admin, "nav-offline");
    const item = admin.locator('[data-testid="offline-item"]', { hasText: "Carla Cliente" });
    await item.waitFor();
    expect(await item.locator('[data-testid="offline-status"]').textContent()).toBe("Nova");
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "offline-list");
    await item.locator('[data-testid="offline-open"]').click();

    await admin.locator('[data-testid="offline-answer"]').fill("Olá Carla, mandamos sim!");
    await admin.locator('[data-testid="offline-answer-send"]').click();
    await expect.poll(() => admin.locator('[data-testid="offline-notice"]').textContent()).toContain("Resposta na fila de envio para carla.email@cliente.test");
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const mail = received[0]!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe("carla.email@cliente.test");
    expect(mail.subject).toBe("Re: Preciso de um orçamento");
    expect(mail.text?.trim()).toBe("Olá Carla, mandamos sim!");
    const replyTo = mail.replyTo?.value[0]?.address ?? "";
    expect(replyTo).toMatch(/^atendimento\+o[0-9a-f]{32}\.[0-9a-z]+\.[a-z2-7]{16}@demo\.test$/);
    expect(mail.messageId).toMatch(/@demo\.test>$/);

    const from = "carla.email@cliente.test";
    const res = await fetch(`${h.server}/cdn-cgi/handler/email?from=${encodeURIComponent(from)}&to=${encodeURIComponent(replyTo)}`, {
      method: "POST",
      body: customerReply(from, replyTo, mail.messageId!),
    });
    expect(res.ok).toBe(true);

    // Back to the list (the reply made it "Nova" again) and into the thread.
    await admin.locator('[data-testid="offline-back"]').click();
    await expect.poll(() => item.locator('[data-testid="offline-status"]').textContent()).toBe("Nova");
    await item.locator('[data-testid="offline-open"]').click();
    const entries = admin.locator('[data-testid="offline-entry"]');
    await expect.poll(() => entries.count()).toBe(3);
    expect(await entries.nth(1).locator('[data-testid="offline-delivery"]').textContent()).toBe("enviado");
    expect(await entries.nth(2).getAttribute("data-author")).toBe("customer");
    expect(await entries.nth(2).locator('[data-testid="offline-entry-body"]').textContent()).toBe("Perfeito, pode mandar o orçamento para 10 unidades.");
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "offline-thread");
    expect(adminLog.filter((entry) => entry.type === "pageerror")).toEqual([]);
  });
});
