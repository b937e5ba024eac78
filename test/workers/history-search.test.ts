/**
 * GET /api/chats as the history search: every filter alone and combined, the FTS text search
 * (accents, operators that stay text), labels on each row, paging, who sees what, and refusals.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { api, createAccount, expectError, json, login, type TestAccount } from "./helpers";
import { numbersOf, searchAs, seedChat, seedLabel } from "./history-helpers";

interface Shop {
  account: TestAccount;
  admin: string;
  labels: { financeiro: string; senha: string; urgente: string };
}

/**
 * Five chats: 1–3 in Suporte, 4–5 in Comercial. The account's zone is São Paulo (UTC−3), so
 * chat 2, at 02:30 UTC on March 10, belongs to March 9 there.
 */
async function shop(label: string): Promise<Shop> {
  const account = await createAccount(label);
  const { support, sales } = account.departments;
  const a = account.attendants;
  const labels = {
    financeiro: await seedLabel(account, "Financeiro", "#15803d"),
    senha: await seedLabel(account, "Senha", "#b91c1c"),
    urgente: await seedLabel(account, "Urgente", "#7c3aed"),
  };
  const at = (iso: string) => Date.parse(iso);
  await seedChat(account, {
    departmentId: support, number: 1, attendantId: a.support1.id, createdAt: at("2024-03-05T15:00:00Z"),
    customer: { name: "Maria Souza", email: "maria@shop.com" }, messages: ["Não consigo pagar o boleto"], labelIds: [labels.financeiro],
  });
  await seedChat(account, {
    departmentId: support, number: 2, attendantId: a.support2.id, createdAt: at("2024-03-10T02:30:00Z"),
    customer: { name: "João", email: "joao@example.com" }, messages: ["Quero trocar a senha"], labelIds: [labels.senha],
  });
  await seedChat(account, {
    departmentId: support, number: 3, status: "active", attendantId: a.support1.id, createdAt: at("2024-03-12T12:00:00Z"),
    customer: { name: "Ana 100%", email: "ana@shop.com" }, messages: ["pix OR boleto?"], labelIds: [labels.urgente, labels.financeiro],
  });
  await seedChat(account, {
    departmentId: sales, number: 4, attendantId: a.sales.id, createdAt: at("2024-03-11T15:00:00Z"),
    customer: { name: '=HYPERLINK("http://evil.example")', email: "evil@example.com" }, messages: ["Orçamento do boleto"],
  });
  await seedChat(account, {
    departmentId: sales, number: 5, status: "waiting", createdAt: at("2024-03-13T12:00:00Z"),
    customer: { name: "Pedro", email: "pedro@shop.com" }, messages: ["Olá"], labelIds: [labels.urgente],
  });
  return { account, admin: await login(a.admin.email), labels };
}

describe("history search: each filter", () => {
  let s: Shop;
  beforeAll(async () => {
    s = await shop("hist-filters");
  });

  it("lists every chat newest first without filters", async () => {
    expect(await numbersOf(s.admin, "")).toEqual([5, 3, 4, 2, 1]);
  });

  it("labelId: one label, or several meaning ANY of them", async () => {
    expect(await numbersOf(s.admin, `?labelId=${s.labels.financeiro}`)).toEqual([3, 1]);
    expect(await numbersOf(s.admin, `?labelId=${s.labels.financeiro}&labelId=${s.labels.senha}`)).toEqual([3, 2, 1]);
    expect(await numbersOf(s.admin, `?labelId=${s.labels.urgente}&labelId=${s.labels.urgente}`)).toEqual([5, 3]);
  });

  it("departmentId, attendantId, status and number", async () => {
    expect(await numbersOf(s.admin, `?departmentId=${s.account.departments.sales}`)).toEqual([5, 4]);
    expect(await numbersOf(s.admin, `?attendantId=${s.account.attendants.support1.id}`)).toEqual([3, 1]);
    expect(await numbersOf(s.admin, "?status=closed")).toEqual([4, 2, 1]);
    expect(await numbersOf(s.admin, "?status=waiting")).toEqual([5]);
    expect(await numbersOf(s.admin, "?number=4")).toEqual([4]);
    expect(await numbersOf(s.admin, "?number=99")).toEqual([]);
  });

  it("from/to as days are whole days in the account's time zone, to included", async () => {
    expect(await numbersOf(s.admin, "?from=2024-03-10")).toEqual([5, 3, 4]);
    expect(await numbersOf(s.admin, "?to=2024-03-09")).toEqual([2, 1]);
    expect(await numbersOf(s.admin, "?from=2024-03-10&to=2024-03-11")).toEqual([4]);
    expect(await numbersOf(s.admin, "?from=2024-03-09&to=2024-03-09")).toEqual([2]);
  });

  it("from/to as epoch ms are instants, both included", async () => {
    const two = Date.parse("2024-03-10T02:30:00Z");
    expect(await numbersOf(s.admin, `?from=${two}&to=${two}`)).toEqual([2]);
    expect(await numbersOf(s.admin, `?from=${two + 1}&to=${Date.parse("2024-03-11T15:00:00Z")}`)).toEqual([4]);
  });

  it("customer: name or e-mail contains, case-insensitive, % and _ taken literally", async () => {
    expect(await numbersOf(s.admin, "?customer=shop.com")).toEqual([5, 3, 1]);
    expect(await numbersOf(s.admin, "?customer=MARIA")).toEqual([1]);
    expect(await numbersOf(s.admin, "?customer=100%25")).toEqual([3]);
    expect(await numbersOf(s.admin, "?customer=%25")).toEqual([3]);
    expect(await numbersOf(s.admin, "?customer=_")).toEqual([]);
  });

  it("q: words in the messages, without accents or case", async () => {
    expect(await numbersOf(s.admin, "?q=nao")).toEqual([1]);
    expect(await numbersOf(s.admin, "?q=N%C3%83O%20CONSIGO")).toEqual([1]);
    expect(await numbersOf(s.admin, "?q=orcamento")).toEqual([4]);
    expect(await numbersOf(s.admin, "?q=boleto")).toEqual([3, 4, 1]);
  });

  it("q: quotes, *, OR, NEAR, - and column filters are text, never operators that break or widen the search", async () => {
    const q = (text: string) => numbersOf(s.admin, `?q=${encodeURIComponent(text)}`);
    expect(await q("pix OR boleto")).toEqual([3]);
    expect(await q("senha OR boleto")).toEqual([]);
    expect(await q("bol*")).toEqual([]);
    expect(await q('"')).toEqual([]);
    expect(await q("*")).toEqual([]);
    expect(await q('boleto" OR "senha')).toEqual([]);
    expect(await q("NEAR(boleto pix)")).toEqual([]);
    expect(await q("body:senha")).toEqual([]);
    expect(await q("-boleto")).toEqual([3, 4, 1]);
  });

  it("combines filters with AND", async () => {
    expect(await numbersOf(s.admin, `?labelId=${s.labels.financeiro}&status=closed`)).toEqual([1]);
    expect(await numbersOf(s.admin, `?departmentId=${s.account.departments.support}&q=boleto&customer=shop`)).toEqual([3, 1]);
    expect(await numbersOf(s.admin, `?labelId=${s.labels.urgente}&departmentId=${s.account.departments.sales}&status=waiting`)).toEqual([5]);
    expect(await numbersOf(s.admin, `?labelId=${s.labels.senha}&q=boleto`)).toEqual([]);
    expect(await numbersOf(s.admin, `?from=2024-03-10&attendantId=${s.account.attendants.support1.id}&q=pix`)).toEqual([3]);
  });

  it("carries each chat's labels by name, with their colours; none is an empty list", async () => {
    const page = await searchAs(s.admin, "");
    const byNumber = new Map(page.chats.map((c) => [c.number, c]));
    expect(byNumber.get(3)?.labels).toEqual([
      { id: s.labels.financeiro, name: "Financeiro", color: "#15803d" },
      { id: s.labels.urgente, name: "Urgente", color: "#7c3aed" },
    ]);
    expect(byNumber.get(4)?.labels).toEqual([]);
    expect(byNumber.get(1)?.customer).toEqual(expect.objectContaining({ name: "Maria Souza", email: "maria@shop.com" }));
    expect(byNumber.get(1)?.messageCount).toBe(1);
  });

  it("ignores empty parameters, as a form sends them", async () => {
    expect(await numbersOf(s.admin, "?q=&customer=&departmentId=&labelId=&from=&to=&status=&number=")).toEqual([5, 3, 4, 2, 1]);
  });
});

describe("history search: who sees what", () => {
  it("an attendant sees only their departments, a manager theirs, another account nothing", async () => {
    const s = await shop("hist-roles");
    const a = s.account.attendants;
    const support1 = await login(a.support1.email);
    expect(await numbersOf(support1, "")).toEqual([3, 2, 1]);
    expect(await numbersOf(support1, `?departmentId=${s.account.departments.sales}`)).toEqual([]);
    expect(await numbersOf(support1, "?q=orcamento")).toEqual([]);
    expect(await numbersOf(support1, `?labelId=${s.labels.urgente}`)).toEqual([3]);
    expect(await numbersOf(await login(a.sales.email), "")).toEqual([5, 4]);
    expect(await numbersOf(await login(a.manager.email), "?q=boleto")).toEqual([3, 1]);

    const other = await shop("hist-roles-other");
    // Another account's label or department id matches nothing (the same as an unknown id).
    expect(await numbersOf(s.admin, `?labelId=${other.labels.financeiro}`)).toEqual([]);
    expect(await numbersOf(s.admin, `?departmentId=${other.account.departments.support}`)).toEqual([]);
    expect(await numbersOf(s.admin, `?attendantId=${other.account.attendants.support1.id}`)).toEqual([]);
    // Both accounts have the same texts: each finds only its own chats.
    const ours = (await searchAs(s.admin, "?q=boleto")).chats.map((c) => c.id);
    const theirs = (await searchAs(other.admin, "?q=boleto")).chats.map((c) => c.id);
    expect(ours).toHaveLength(3);
    expect(theirs).toHaveLength(3);
    expect(ours.filter((id) => theirs.includes(id))).toEqual([]);
  });

  it("needs a session", async () => {
    await expectError(await api("/api/chats?q=boleto"), 401, "unauthenticated");
    await expectError(await api("/api/chats/export.csv"), 401, "unauthenticated");
  });
});

describe("history search: paging and refusals", () => {
  it("pages newest first with hasMore", async () => {
    const account = await createAccount("hist-pages");
    const base = Date.parse("2024-05-01T12:00:00Z");
    for (let n = 1; n <= 25; n++) await seedChat(account, { departmentId: account.departments.support, number: n, createdAt: base + n * 60_000, messages: ["pedido"] });
    const admin = await login(account.attendants.admin.email);
    const first = await searchAs(admin, "?q=pedido&limit=10");
    expect(first.chats.map((c) => c.number)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(first).toMatchObject({ page: 1, hasMore: true });
    const last = await searchAs(admin, "?q=pedido&limit=10&page=3");
    expect(last.chats.map((c) => c.number)).toEqual([5, 4, 3, 2, 1]);
    expect(last).toMatchObject({ page: 3, hasMore: false });
    expect((await searchAs(admin, "?q=pedido&limit=10&page=4")).chats).toEqual([]);
  });

  it("refuses a bad filter with 400 naming the field", async () => {
    const account = await createAccount("hist-bad");
    const admin = await login(account.attendants.admin.email);
    const cases: [string, string][] = [
      ["status=open", "status"],
      ["from=2024-02-30", "from"],
      ["from=yesterday", "from"],
      ["to=2024-3-1", "to"],
      ["from=2024-03-10&to=2024-03-01", "to"],
      ["number=abc", "number"],
      ["number=0", "number"],
      ["limit=101", "limit"],
      ["page=0", "page"],
      ["labelId=bad%20id", "labelId"],
      [Array.from({ length: 21 }, (_, i) => `labelId=l${i}`).join("&"), "labelId"],
      [`q=${"x".repeat(201)}`, "q"],
      [`customer=${"x".repeat(101)}`, "customer"],
      ["departmentId=%3Bdrop", "departmentId"],
    ];
    for (const [query, field] of cases) {
      for (const path of ["/api/chats", "/api/chats/export.csv"]) {
        const res = await api(`${path}?${query}`, { cookie: admin });
        expect(res.status, `${path}?${query}`).toBe(400);
        const body = await json<{ error: { code: string; field?: string } }>(res);
        expect(body.error, query).toMatchObject({ code: "bad_request", field });
      }
    }
  });
});
