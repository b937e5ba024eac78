/**
 * Identity verification (`customer-hash`) end to end: the host site's server signs the
 * customer's e-mail with the account's identity secret; the widget then recognises the customer
 * on any device and shows their previous conversations. A forged hash is refused with one
 * console warning and the widget goes on anonymously.
 */
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ACCOUNT, ADMIN, ANA, agentSays, onlineAttendant } from "./console";
import { acceptChat, agentCloses, attendantMessage, customerRows, startChat } from "./flows";
import { consoleLog, customerSays, hostPage, launcher, useHarness } from "./harness";
import { trackRequests } from "./requests";

const { h, contexts } = useHarness();
let secret: string;
beforeAll(async () => {
  // The secret as an administrator reads it (GET /api/settings), as the host site's server would keep it.
  const context = await h.browser.newContext();
  try {
    const login = await context.request.post(`${h.server}/api/auth/login`, { data: { email: ADMIN.email, password: ADMIN.password } });
    expect(login.status()).toBe(200);
    secret = (await (await context.request.get(`${h.server}/api/settings`)).json()).identitySecret;
    expect(secret).toMatch(/\S{16,}/);
  } finally {
    await context.close();
  }
});

/** What the host site's server computes (README, "Identity verification"). */
const customerHash = (email: string): string => createHmac("sha256", secret).update(email.trim().toLowerCase()).digest("hex");

/** A host page that knows who is signed in. */
function signedInPage(path: string, name: string, email: string, hash: string): string {
  return hostPage(h, path, { embeds: [` data-department="dep-suporte" data-name="${name}" data-email="${email}" data-customer-hash="${hash}"`] });
}

/** The `customer-hash` the widget's stored token was verified with (set only after POST /identify said yes). */
const verifiedWith = (page: Page): Promise<string | null> =>
  page.evaluate((key) => localStorage.getItem(`tomticket-chat:${key}:id`), ACCOUNT);

const hashOf = (page: Page): Promise<string | null> => page.locator("tomticket-chat").getAttribute("customer-hash");

/** On a device of its own, the verified customer has a chat with Ana, which Ana closes. */
async function verifiedChat(agent: Page, url: string, words: string): Promise<string> {
  const customer = await (await contexts.new()).newPage();
  await customer.goto(url);
  await launcher(customer).click();
  await customer.locator('form[part="form"] textarea[name="message"]').waitFor();
  expect(await verifiedWith(customer)).toBe(await hashOf(customer));
  const chatId = await startChat(customer, { message: words });
  await acceptChat(agent, chatId);
  await agentSays(agent, "Até a próxima!");
  await agentCloses(agent, customer);
  return chatId;
}

/** The previous conversation in the panel's list, and its transcript. */
async function expectPastConversation(device: Page, words: string): Promise<void> {
  const past = device.locator('[part="history"] button');
  await past.first().waitFor({ timeout: 15_000 });
  expect(await past.count()).toBe(1);
  await past.first().click();
  const transcript = device.locator('[part="transcript"]');
  await transcript.waitFor();
  await expect
    .poll(() => transcript.locator('[part~="message"] [part="body"]').allTextContents())
    .toEqual([expect.any(String), words, "Até a próxima!"]);
}

describe("identity verification", () => {
  // For an hour after it closes, GET /api/widget/me still returns the chat: a new page view, on
  // this or another device, shows it closed with its messages (fetched once, no socket).
  it("shows the recently closed conversation with its messages on another device", async () => {
    const email = "Marta.Silva@Example.com";
    const url = signedInPage("/conta.html", "Marta Silva", email, customerHash(email));
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    await verifiedChat(agent, url, "Minha nota fiscal veio errada");

    // Another device: a browser context that shares nothing with the first.
    const device = await (await contexts.new()).newPage();
    await device.goto(url);
    await launcher(device).click();
    await device.locator('[part="closed"]').waitFor();
    await expect
      .poll(() => device.locator('[part~="message"] [part="body"]').allTextContents())
      .toEqual([expect.any(String), "Minha nota fiscal veio errada", "Até a próxima!"]);
  });

  it("lists the previous conversation on another device under a new chat's form, and its transcript loads", async () => {
    const email = "Rita.Souza@Example.com";
    const url = signedInPage("/rita.html", "Rita Souza", email, customerHash(email));
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    await verifiedChat(agent, url, "Quero cancelar a assinatura");

    const device = await (await contexts.new()).newPage();
    await device.goto(url);
    await launcher(device).click();
    // The closed chat comes back as the current one; a new chat's form lists it among past ones.
    await device.locator('button[part="new-chat"]').click();
    await device.locator('form[part="form"] textarea[name="message"]').waitFor();
    expect(await verifiedWith(device)).toBe(await hashOf(device));
    await expectPastConversation(device, "Quero cancelar a assinatura");
  });

  // A site where the customer signs in while the form is open (as the app's chat tab, which is
  // made before the login): the fields go at once, before any answer from the server.
  it("stops asking for the name and e-mail as soon as the page calls setCustomer() on an open form", async () => {
    await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const customer = await (await contexts.new()).newPage();
    const requests = trackRequests(customer);
    await customer.goto(hostPage(h, "/entra-depois.html", { embeds: [' data-department="dep-suporte"'] }));
    await launcher(customer).click();
    const fields = customer.locator('form[part="form"] input[name="name"], form[part="form"] input[name="email"]');
    await expect.poll(() => fields.count()).toBe(2);
    // The panel's own follow-up work (its chat script, the past chats) is done: nothing else redraws it.
    await requests.settled();
    // The server is held back, so only the element's own re-render can hide the fields.
    await customer.route("**/api/widget/**", () => undefined);
    await customer.evaluate(() =>
      (document.querySelector("tomticket-chat") as HTMLElement & { setCustomer(c: object): void }).setCustomer({ name: "Lia", email: "lia@example.com" }),
    );
    await expect.poll(() => fields.count()).toBe(0);
    expect(await customer.locator('form[part="form"] textarea[name="message"]').count()).toBe(1);
  });

  it("refuses a forged hash with one console warning and goes on anonymously, without past conversations", async () => {
    const email = "joao.forjado@example.com";
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    await verifiedChat(agent, signedInPage("/joao.html", "João", email, customerHash(email)), "Conversa verificada de antes");

    const forged = customerHash("outra.pessoa@example.com");
    const url = signedInPage("/joao-forjado.html", "João", email, forged);
    const customer = await (await contexts.new()).newPage();
    const log = consoleLog(customer);
    const warnings = () => log.filter((m) => m.type === "warning").map((m) => m.text);
    await customer.goto(url);
    await launcher(customer).click();
    await customer.locator('form[part="form"] textarea[name="message"]').waitFor();
    await expect.poll(() => warnings().filter((w) => w.includes("customer-hash")).length).toBe(1);
    expect(await customer.locator('[part="history"]').count()).toBe(0);
    expect(await verifiedWith(customer)).toBeNull();

    // Anonymous, but it works: a new chat reaches Ana and the conversation goes both ways.
    const chatId = await startChat(customer, { message: "Sem verificação" });
    await acceptChat(agent, chatId);
    await agentSays(agent, "Oi João");
    await attendantMessage(customer, "Oi João").waitFor();
    await customerSays(customer.locator("tomticket-chat"), "Obrigado");
    const detail = await (await agent.request.get(`${h.server}/api/chats/${chatId}`)).json();
    expect(detail.messages.map((m: { body: string }) => m.body)).toContain("Sem verificação");
    expect(await customer.locator('[part="history"]').count()).toBe(0);
    expect(await customerRows(customer).count()).toBe(4);
    expect(warnings()).toHaveLength(1);
    // Chromium itself logs the refused request ("Failed to load resource: … 403"); nothing else went wrong.
    const errors = log.filter((m) => (m.type === "error" || m.type === "pageerror") && !m.text.startsWith("Failed to load resource"));
    expect(errors).toEqual([]);
  });
});
