/**
 * Gestão › E-mail end to end, against a real SMTP server (smtp-server on loopback, started here):
 * the administrator saves the SMTP settings (a bad port is shown at its field), sends the test
 * e-mail and sees the server's answer; turns on the transcript policy; a customer asks for a
 * closed chat's transcript from the widget, the server refuses the recipient (550 to RCPT), the
 * outbox shows the failed row first with "Reenviar", and once the server takes the address the
 * resend arrives. Screenshots and axe at 1280×800 and 390×844.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, ANA, agentSays, attendantConsole, onlineAttendant } from "./console";
import { acceptChat, agentCloses, consoleSection, startChat } from "./flows";
import { hostPage, launcher, useHarness } from "./harness";

const { h, contexts } = useHarness();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Saves a screenshot (`SCREENSHOTS=dir`) with `part` scrolled into view: the console scrolls inside its own pane. */
async function snap(page: Page, name: string, part?: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  if (part) await page.locator(part).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/${name}.png` });
}

/** What the server accepted: envelope recipients, subject and text. */
const received: { to: string[]; subject: string; text: string }[] = [];
/** Recipients the server refuses with 550 (no such mailbox) while listed. */
const refused = new Set<string>();
let smtp: SMTPServer;
let smtpPort = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) return callback(Object.assign(new Error("No such mailbox here"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? "", text: mail.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

/** The administrator's console on Gestão › E-mail. */
async function emailPage(viewport: typeof DESKTOP): Promise<Page> {
  const page = await attendantConsole(h, await contexts.new({ viewport }), ADMIN);
  await page.goto(`${h.server}/admin/#/gestao/email`);
  await page.locator('[data-testid="email-form"]').waitFor();
  return page;
}

describe("Gestão › E-mail", () => {
  it("saves the SMTP settings, sends the test e-mail to a real server, and shows the server's answer", async () => {
    const admin = await emailPage(DESKTOP);
    await admin.locator('[data-testid="email-host"]').fill("127.0.0.1");
    await admin.locator('[data-testid="email-security"]').selectOption("none");
    await admin.locator('[data-testid="email-port"]').fill("70000");
    await admin.locator('[data-testid="email-fromName"]').fill("Demo Suporte");
    await admin.locator('[data-testid="email-fromAddress"]').fill("suporte@demo.test");
    await admin.locator('[data-testid="email-save"]').click();
    // Refused at its field, and nothing saved.
    await admin.locator("#email-port-error").waitFor();
    expect(await admin.locator('[data-testid="email-port"]').getAttribute("aria-invalid")).toBe("true");
    expect((await (await admin.request.get(`${h.server}/api/settings/email`)).json()).configured).toBe(false);

    await admin.locator('[data-testid="email-port"]').fill(String(smtpPort));
    await admin.locator('[data-testid="email-password"]').fill("senha-do-smtp");
    await admin.locator('[data-testid="email-save"]').click();
    await expect.poll(() => admin.locator('[data-testid="email-saved"]').textContent()).not.toBe("");
    // The password is write-only: the page says it is set, never shows it.
    await admin.locator('[data-testid="email-remove-password"]').waitFor();
    expect(await admin.locator('[data-testid="email-password"]').inputValue()).toBe("");

    await admin.locator('[data-testid="email-test-to"]').fill("caixa@demo.test");
    await admin.locator('[data-testid="email-test-send"]').click();
    const outcome = admin.locator('[data-testid="email-test-outcome"]');
    await outcome.waitFor();
    expect(await outcome.getAttribute("data-ok")).toBe("true");
    expect(await outcome.textContent()).toMatch(/caixa@demo\.test.*message queued/);
    expect(received.map((m) => m.to)).toContainEqual(["caixa@demo.test"]);

    // A refused recipient: the server's own refusal, shown as such.
    refused.add("ninguem@demo.test");
    await admin.locator('[data-testid="email-test-to"]').fill("ninguem@demo.test");
    await admin.locator('[data-testid="email-test-send"]').click();
    await expect.poll(() => outcome.getAttribute("data-ok")).toBe("false");
    expect(await outcome.textContent()).toMatch(/550.*No such mailbox here/);
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "email-settings-desktop", '[data-testid="email-test-outcome"]');

    const phone = await emailPage(PHONE);
    await expectNoSeriousA11yViolations(phone);
    await snap(phone, "email-settings-phone");
  });

  it("lists a transcript e-mail the server refused as failed, first, and sends it again with Reenviar", async () => {
    const customerEmail = `recusado.${Date.now()}@demo.test`;
    refused.add(customerEmail);
    // The policy, switched on in Políticas de Atendimento Online.
    const admin = await attendantConsole(h, await contexts.new({ viewport: DESKTOP }), ADMIN);
    const settings = { host: "127.0.0.1", port: smtpPort, security: "none", username: "", fromName: "Demo", fromAddress: "suporte@demo.test" };
    expect((await admin.request.put(`${h.server}/api/settings/email`, { data: settings })).status()).toBe(200);
    await consoleSection(admin, "nav-customize");
    const policy = admin.locator('[data-testid="policies-transcript"]');
    await expect.poll(() => policy.isChecked()).toBe(false);
    await policy.check();
    await admin.locator('[data-testid="settings-saved"]').waitFor();

    // A customer chats with Ana, who closes the chat; the closed view offers the transcript.
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const customer = await (await contexts.new({ viewport: PHONE })).newPage();
    await customer.goto(hostPage(h, "/transcript.html", { embeds: [' data-department="dep-suporte"'] }));
    await launcher(customer).click();
    const chatId = await startChat(customer, { name: "Rita", email: customerEmail, message: "Quero a segunda via do boleto" });
    await acceptChat(agent, chatId);
    await agentSays(agent, "Enviei a segunda via para o seu e-mail.");
    await agentCloses(agent, customer);
    const ask = customer.locator('[part="transcript-email"]');
    await ask.waitFor();
    await expectNoSeriousA11yViolations(customer);
    await snap(customer, "widget-transcript-button-phone");
    await ask.click();
    await customer.locator('[part="closed"] p[role="status"]', { hasText: customerEmail }).waitFor();
    expect(await ask.count()).toBe(0);
    await expectNoSeriousA11yViolations(customer);
    await snap(customer, "widget-transcript-sent-phone");

    // The outbox: the refusal (550 to RCPT) fails the row at once; it comes first, with Reenviar.
    await admin.goto(`${h.server}/admin/#/gestao/email`);
    const rows = admin.locator('[data-testid="outbox-row"]');
    await rows.first().waitFor();
    await expect
      .poll(async () => {
        await admin.locator('[data-testid="outbox-refresh"]').click();
        return rows.first().getAttribute("data-status");
      }, { timeout: 15_000, interval: 500 })
      .toBe("failed");
    const failed = rows.first();
    expect(await failed.textContent()).toContain(customerEmail);
    expect(await failed.textContent()).toMatch(/550/);
    await expectNoSeriousA11yViolations(admin);
    await snap(admin, "outbox-failed-desktop", '[data-testid="outbox-row"]');

    refused.delete(customerEmail);
    await failed.locator('[data-testid="outbox-resend"]').click();
    await expect.poll(() => admin.locator('[data-testid="outbox-notice"]').textContent()).toContain(customerEmail);
    await expect.poll(() => received.filter((m) => m.to.includes(customerEmail)).length, { timeout: 15_000 }).toBe(1);
    const mail = received.find((m) => m.to.includes(customerEmail))!;
    expect(mail.subject).toMatch(/^Sua conversa #\d+ com /);
    expect(mail.text).toContain("Quero a segunda via do boleto");
    expect(mail.text).toContain("Enviei a segunda via para o seu e-mail.");
    await expect
      .poll(async () => {
        await admin.locator('[data-testid="outbox-refresh"]').click();
        return admin.locator(`[data-testid="outbox-row"][data-status="sent"]`, { hasText: customerEmail }).count();
      }, { timeout: 10_000, interval: 500 })
      .toBe(1);

    const phone = await emailPage(PHONE);
    await phone.locator('[data-testid="outbox-row"]').first().waitFor();
    await expectNoSeriousA11yViolations(phone);
    await snap(phone, "outbox-phone", '[data-testid="outbox-row"]');
  });
});
