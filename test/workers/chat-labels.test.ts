import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, attendantSocket, count, createAccount, customerSocket, expectError, history, json, login, settle, startChat } from "./helpers";

async function createLabel(cookie: string, body: Record<string, unknown>) {
  const res = await api("/api/labels", { body, cookie });
  expect(res.status).toBe(201);
  return (await json(res)).label as { id: string; name: string; color: string };
}

/** An account whose admin made "Financeiro" (first message contains "boleto") and "Loja" (origin app, or page contains /carrinho). */
async function setup(name: string) {
  const account = await createAccount(name);
  const admin = await login(account.attendants.admin.email);
  const financeiro = await createLabel(admin, { name: "Financeiro", color: "#1a7f5a", conditions: [{ field: "firstMessage", operator: "contains", value: "boleto" }] });
  const loja = await createLabel(admin, {
    name: "Loja",
    color: "#334455",
    conditions: [
      { field: "origin", operator: "is", value: "app" },
      { field: "pageUrl", operator: "contains", value: "/carrinho" },
    ],
  });
  const manual = await createLabel(admin, { name: "Revisar", color: "#aa3300" });
  return { account, admin, financeiro, loja, manual };
}

const chip = (l: { id: string; name: string; color: string }) => ({ id: l.id, name: l.name, color: l.color });
const rows = (chatId: string) =>
  env.DB.prepare("SELECT label_id, applied_by, attendant_id, rule FROM chat_labels WHERE chat_id = ? ORDER BY created_at, label_id").bind(chatId).all().then((r) => r.results);

describe("labels applied by rules when a chat is created", () => {
  it("writes chat_labels with the chat, tells attendants (never the customer) and leaves an internal timeline line", async () => {
    const { account, financeiro, loja } = await setup("rules-live");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support, { message: "Não recebi o BOLETO", pageUrl: "https://shop.example.com/carrinho/pay" });
    const chatId = started.chat.id;

    const queued = await agent.next("chat.queued", (f) => f.chat.id === chatId);
    expect(queued.chat.labels).toEqual([chip(financeiro), chip(loja)]);
    const told = await agent.next("chat.labels", (f) => f.chatId === chatId);
    expect(told.labels).toEqual([chip(financeiro), chip(loja)]);
    // The customer's answer and socket know nothing of labels.
    expect(started.chat).not.toHaveProperty("labels");
    const customer = await customerSocket(started.ws);
    await settle(customer);
    expect(JSON.stringify(customer.frames)).not.toContain("Financeiro");
    expect(customer.all("chat.labels")).toEqual([]);

    const stored = await rows(chatId);
    expect(stored).toEqual([
      { label_id: financeiro.id, applied_by: "rule", attendant_id: null, rule: JSON.stringify({ field: "firstMessage", operator: "contains", value: "boleto" }) },
      { label_id: loja.id, applied_by: "rule", attendant_id: null, rule: JSON.stringify({ field: "pageUrl", operator: "contains", value: "/carrinho" }) },
    ].sort((a, b) => (a.label_id < b.label_id ? -1 : 1)));

    const lines = (await history(agent, chatId)).filter((m) => m.internal);
    expect(lines.map((m) => m.body)).toEqual([
      "Rótulo Financeiro aplicado pela regra: primeira mensagem contém 'boleto'",
      "Rótulo Loja aplicado pela regra: página contém '/carrinho'",
    ]);
    expect(lines.every((m) => m.author.type === "system")).toBe(true);
    // The customer's sync never includes them.
    expect((await history(customer, chatId)).some((m) => m.internal)).toBe(false);

    // An attendant connecting later gets the labels with the chat.
    const late = await attendantSocket(account.attendants.support2.email, account.departments.support);
    const ready = late.all("session.ready")[0]!;
    expect(ready.chats.find((c) => c.id === chatId)?.labels).toEqual([chip(financeiro), chip(loja)]);

    const detail = await json(await api(`/api/chats/${chatId}`, { cookie: await login(account.attendants.support1.email) }));
    expect(detail.chat.labels).toEqual([chip(financeiro), chip(loja)]);
    [agent, customer, late].forEach((s) => s.close());
  });

  it("no condition matches: no label, no line; an inactive label's rules do not run", async () => {
    const { account, admin, financeiro } = await setup("rules-none");
    await api(`/api/labels/${financeiro.id}`, { method: "PATCH", body: { active: false }, cookie: admin });
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support, { message: "segunda via do boleto", pageUrl: "https://shop.example.com/home" });
    const queued = await agent.next("chat.queued", (f) => f.chat.id === started.chat.id);
    expect(queued.chat.labels).toBeUndefined();
    expect(await rows(started.chat.id)).toEqual([]);
    expect((await history(agent, started.chat.id)).some((m) => m.internal)).toBe(false);
    agent.close();
  });

  it("a rule created after the room loaded its rules applies to the next chat (the room is told)", async () => {
    const { account, admin } = await setup("rules-push");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    await startChat(account, account.departments.support, { message: "primeiro" });
    const pix = await createLabel(admin, { name: "Pix", color: "#00aa88", conditions: [{ field: "firstMessage", operator: "contains", value: "pix" }] });
    const started = await startChat(account, account.departments.support, { message: "Paguei com PIX" });
    const queued = await agent.next("chat.queued", (f) => f.chat.id === started.chat.id);
    expect(queued.chat.labels).toEqual([chip(pix)]);
    agent.close();
  });
});

describe("PUT /api/chats/:id/labels", () => {
  it("an attendant adds and removes labels by hand; every console of the department hears it, the customer does not", async () => {
    const { account, financeiro, manual } = await setup("manual-live");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const other = await attendantSocket(account.attendants.support2.email, account.departments.support);
    const started = await startChat(account, account.departments.support, { message: "boleto atrasado" });
    const customer = await customerSocket(started.ws);
    const chatId = started.chat.id;
    await agent.next("chat.labels", (f) => f.chatId === chatId);

    const cookie = await login(account.attendants.support1.email);
    const res = await api(`/api/chats/${chatId}/labels`, { method: "PUT", body: { labelIds: [financeiro.id, manual.id] }, cookie });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ chatId, labels: [chip(financeiro), chip(manual)] });
    const heard = await other.next("chat.labels", (f) => f.chatId === chatId && f.labels.length === 2);
    expect(heard.labels).toEqual([chip(financeiro), chip(manual)]);
    const manualRow = (await rows(chatId)).find((r) => r.label_id === manual.id);
    expect(manualRow).toMatchObject({ applied_by: "attendant", attendant_id: account.attendants.support1.id, rule: null });
    // The rule's row keeps who applied it.
    expect((await rows(chatId)).find((r) => r.label_id === financeiro.id)).toMatchObject({ applied_by: "rule" });

    expect((await api(`/api/chats/${chatId}/labels`, { method: "PUT", body: { labelIds: [manual.id] }, cookie })).status).toBe(200);
    expect((await agent.next("chat.labels", (f) => f.chatId === chatId && f.labels.length === 1)).labels).toEqual([chip(manual)]);
    await settle(customer);
    expect(customer.all("chat.labels")).toEqual([]);
    expect(JSON.stringify(customer.frames)).not.toContain("Revisar");
    [agent, other, customer].forEach((s) => s.close());
  });

  it("works after the chat closed (D1 only once the room let it go)", async () => {
    const { account, manual } = await setup("manual-closed");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    // A chat closed long ago: only D1 holds it.
    await env.DB.prepare("UPDATE chats SET status = 'closed', closed_at = ? WHERE id = ?").bind(Date.now() - 3 * 3600_000, started.chat.id).run();
    const cookie = await login(account.attendants.manager.email);
    const res = await api(`/api/chats/${started.chat.id}/labels`, { method: "PUT", body: { labelIds: [manual.id] }, cookie });
    expect((await json(res)).labels).toEqual([chip(manual)]);
    expect((await json(await api(`/api/chats/${started.chat.id}`, { cookie }))).chat.labels).toEqual([chip(manual)]);
    agent.close();
  });

  it("refuses another account's chat and label (404), chats out of reach (404), inactive labels (409), bad bodies (400), changing nothing", async () => {
    const { account, admin, manual, financeiro } = await setup("manual-refusals");
    const other = await setup("manual-refusals-2");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    const chatId = started.chat.id;
    const cookie = await login(account.attendants.support1.email);
    const put = (id: string, body: unknown, who = cookie) => api(`/api/chats/${id}/labels`, { method: "PUT", body, cookie: who });

    await expectError(await put(chatId, { labelIds: [other.manual.id] }), 404, "not_found");
    const theirChat = await (async () => {
      const a = await attendantSocket(other.account.attendants.support1.email, other.account.departments.support);
      const s = await startChat(other.account, other.account.departments.support);
      a.close();
      return s.chat.id;
    })();
    await expectError(await put(theirChat, { labelIds: [manual.id] }), 404, "not_found");
    // An attendant of sales does not see support's chats.
    await expectError(await put(chatId, { labelIds: [manual.id] }, await login(account.attendants.sales.email)), 404, "not_found");
    await expectError(await put(chatId, { labelIds: "x" }), 400, "bad_request");
    await expectError(await put(chatId, { labelIds: [manual.id, manual.id] }), 400, "bad_request");

    await api(`/api/labels/${financeiro.id}`, { method: "PATCH", body: { active: false }, cookie: admin });
    const inactive = await put(chatId, { labelIds: [manual.id, financeiro.id] });
    expect(inactive.status).toBe(409);
    expect((await json(inactive)).error).toMatchObject({ code: "label_inactive", field: "labelIds.1" });
    expect(await rows(chatId)).toEqual([]);
    agent.close();
  });

  it("deleting a label removes it from every chat (D1 and the consoles)", async () => {
    const { account, admin, financeiro } = await setup("delete-label");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const first = await startChat(account, account.departments.support, { message: "boleto 1" });
    const second = await startChat(account, account.departments.support, { message: "boleto 2" });
    await agent.next("chat.labels", (f) => f.chatId === second.chat.id);
    expect(await count("SELECT COUNT(*) AS n FROM chat_labels WHERE label_id = ?", financeiro.id)).toBe(2);

    expect((await api(`/api/labels/${financeiro.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect(await count("SELECT COUNT(*) AS n FROM chat_labels WHERE label_id = ?", financeiro.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM labels WHERE id = ?", financeiro.id)).toBe(0);
    for (const chat of [first, second]) {
      expect((await agent.next("chat.labels", (f) => f.chatId === chat.chat.id && f.labels.length === 0)).labels).toEqual([]);
    }
    agent.close();
  });
});

