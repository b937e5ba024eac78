/**
 * A customer's open chat survives what customers do on a site: reload, go to another page,
 * open a second tab, minimize the panel. Same chat, same messages once each, and what the
 * attendant sends keeps arriving.
 */
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { ACCOUNT, ANA, agentSays, customerMessagesSeen, onlineAttendant } from "./console";
import { agentCloses, attendantMessage, chatAnswered, panelMessages } from "./flows";
import { customerSays, hostPage, launcher, useHarness } from "./harness";

const { h, contexts } = useHarness();

const SUPORTE = { embeds: [' data-department="dep-suporte"'] };

/** Ana online, and a customer on `url` whose chat she accepted and answered once. */
async function acceptedChat(url: string, name: string): Promise<{ agent: Page; context: BrowserContext; customer: Page; chatId: string }> {
  const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
  const context = await contexts.new();
  const customer = await context.newPage();
  const chatId = await chatAnswered(agent, customer, url, name);
  return { agent, context, customer, chatId };
}

/** No message shown twice: seqs are unique and increasing. */
async function expectNoDuplicates(page: Page): Promise<void> {
  const seqs = (await panelMessages(page)).map((m) => Number(m.seq));
  expect(new Set(seqs).size).toBe(seqs.length);
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
}

describe("resuming the customer's chat", () => {
  it("brings back the same chat after a reload, without duplicates, and keeps receiving", async () => {
    const { agent, customer, chatId } = await acceptedChat(hostPage(h, "/reload.html", SUPORTE), "Elisa");
    await customerSays(customer.locator("tomticket-chat"), "Quero trocar o tamanho");
    const before = await panelMessages(customer);
    expect(before.map((m) => m.author)).toEqual(["system", "customer", "attendant", "customer"]);

    await customer.reload();
    // The panel was open: it opens again by itself with the same chat.
    await expect.poll(() => panelMessages(customer), { timeout: 10_000 }).toEqual(before);
    expect(await customer.evaluate(() => localStorage.getItem("tomticket-chat:demo-public-key:chat"))).toBe(chatId);
    await expectNoDuplicates(customer);

    await agentSays(agent, "Pode escolher o novo tamanho.");
    await attendantMessage(customer, "Pode escolher o novo tamanho.").waitFor();
    const after = await panelMessages(customer);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    await expectNoDuplicates(customer);
    // Nor did the reconnect store anything twice.
    await expect.poll(() => customerMessagesSeen(agent).count()).toBe(2);
  });

  // A deploy drops every socket at once: the widget comes straight back to its chat with its
  // last socket's token (GET /api/widget/resume), never with the customer token in a URL.
  it("comes back straight to the chat after its socket drops, with the socket's token, and gets what it missed", async () => {
    const url = hostPage(h, "/drop.html", SUPORTE);
    const agent = await onlineAttendant(h, await contexts.new(), ANA, "dep-suporte");
    const customer = await (await contexts.new()).newPage();
    const sockets: { url: URL; route: WebSocketRoute }[] = [];
    await customer.routeWebSocket(/\/api\/widget\//, (route) => {
      route.connectToServer();
      sockets.push({ url: new URL(route.url()), route });
    });
    const chatId = await chatAnswered(agent, customer, url, "Hugo");
    expect(sockets.map((s) => s.url.pathname)).toEqual(["/api/widget/ws"]);

    // The server side of the socket goes away (as in a deploy); the attendant writes meanwhile.
    await sockets[0]!.route.close({ code: 1012, reason: "restart" });
    await agentSays(agent, "Enquanto a conexão caiu");
    await attendantMessage(customer, "Enquanto a conexão caiu").waitFor({ timeout: 15_000 });
    const back = sockets[1]!.url;
    expect(back.pathname).toBe("/api/widget/resume");
    expect(back.searchParams.get("chat")).toBe(chatId);
    expect(back.searchParams.get("account")).toBe(ACCOUNT);
    expect(back.searchParams.get("token")).toBe(sockets[0]!.url.searchParams.get("token"));
    const customerToken = await customer.evaluate((key) => localStorage.getItem(`tomticket-chat:${key}`), ACCOUNT);
    expect(customerToken).toBeTruthy();
    for (const { url: socketUrl } of sockets) expect(socketUrl.href).not.toContain(encodeURIComponent(customerToken!));
    await expectNoDuplicates(customer);
    await customerSays(customer.locator("tomticket-chat"), "Voltei");
    await customerMessagesSeen(agent).filter({ hasText: "Voltei" }).waitFor();
  });

  it("resumes the open chat on another page of the same site", async () => {
    const second = hostPage(h, "/nav-b.html", SUPORTE);
    const first = hostPage(h, "/nav-a.html", { ...SUPORTE, body: `<a id="next" href="/nav-b.html">Próxima página</a>` });
    const { agent, customer } = await acceptedChat(first, "Fabio");
    const before = await panelMessages(customer);

    await customer.click("#next");
    await customer.waitForURL(second);
    await expect.poll(() => panelMessages(customer), { timeout: 10_000 }).toEqual(before);
    await customerSays(customer.locator("tomticket-chat"), "Cheguei na outra página");
    await customerMessagesSeen(agent).filter({ hasText: "Cheguei na outra página" }).waitFor();
    await agentSays(agent, "Estou vendo.");
    await attendantMessage(customer, "Estou vendo.").waitFor();
    await expectNoDuplicates(customer);
  });

  it("shows the same chat in a second tab, both ways", async () => {
    const url = hostPage(h, "/tabs.html", SUPORTE);
    const { agent, context, customer: tab1 } = await acceptedChat(url, "Gabi");
    const tab2 = await context.newPage();
    await tab2.goto(url);
    await launcher(tab2).click();
    await expect.poll(() => panelMessages(tab2), { timeout: 10_000 }).toEqual(await panelMessages(tab1));

    await customerSays(tab1.locator("tomticket-chat"), "Escrevi na aba 1");
    await tab2.locator('[part~="message"][data-author="customer"][data-seq]', { hasText: "Escrevi na aba 1" }).waitFor();

    await agentSays(agent, "Resposta para as duas abas");
    for (const tab of [tab1, tab2]) await attendantMessage(tab, "Resposta para as duas abas").waitFor();
    expect(await panelMessages(tab2)).toEqual(await panelMessages(tab1));
    for (const tab of [tab1, tab2]) await expectNoDuplicates(tab);
  });

  // A chat already closed when the panel enters it has no socket: its messages come from
  // GET /api/widget/chats/:id/messages.
  it("keeps a closed chat's messages after a reload", async () => {
    const { agent, customer } = await acceptedChat(hostPage(h, "/closed.html", SUPORTE), "Ivo");
    await agentCloses(agent, customer);
    const before = await panelMessages(customer);
    expect(before.length).toBe(3);

    await customer.reload();
    if ((await customer.locator("tomticket-chat").getAttribute("open")) === null) await launcher(customer).click();
    await customer.locator('[part="closed"]').waitFor();
    await expect.poll(() => panelMessages(customer)).toEqual(before);
  });

  it("counts an attendant message on the launcher's badge while the panel is closed, and clears it on opening", async () => {
    const { agent, customer } = await acceptedChat(hostPage(h, "/badge.html", SUPORTE), "Helena");
    const badge = customer.locator('[part="badge"]');
    await launcher(customer).click();
    await expect.poll(() => customer.locator("tomticket-chat").getAttribute("open")).toBeNull();
    expect(await badge.isHidden()).toBe(true);

    await agentSays(agent, "Chegou uma novidade");
    await expect.poll(() => badge.isVisible()).toBe(true);
    expect(await badge.textContent()).toBe("1");
    const label = await launcher(customer).getAttribute("aria-label");
    expect(label).toContain("1");
    expect(label).toMatch(/não lidas/);

    await launcher(customer).click();
    await attendantMessage(customer, "Chegou uma novidade").waitFor();
    await expect.poll(() => badge.isHidden()).toBe(true);
    expect(await launcher(customer).getAttribute("aria-label")).not.toMatch(/não lidas/);
  });
});
