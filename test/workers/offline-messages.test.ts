import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signToken } from "../../worker/auth/tokens";
import type { OfflineMessagesResponse, WidgetOfflineMessageResponse } from "../../worker/views";
import { api, count, createAccount, expectError, json, login, type TestAccount } from "./helpers";

const rowsOf = (account: TestAccount) => count("SELECT COUNT(*) AS n FROM offline_messages WHERE account_id = ?", account.id);

function form(account: TestAccount, overrides: Record<string, unknown> = {}) {
  return {
    account: account.publicKey,
    name: "Maria Cliente",
    email: "maria@example.com",
    message: "Vocês entregam em Manaus?",
    pageUrl: "https://shop.example.com/frete",
    ...overrides,
  };
}

function send(body: unknown, token?: string): Promise<Response> {
  return api("/api/widget/offline-messages", { body, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function sent(account: TestAccount, overrides: Record<string, unknown> = {}, token?: string) {
  const res = await send(form(account, overrides), token);
  expect(res.status).toBe(201);
  return (await json<WidgetOfflineMessageResponse>(res)).offlineMessage;
}

async function list(cookie: string, query = ""): Promise<OfflineMessagesResponse> {
  const res = await api(`/api/offline-messages${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<OfflineMessagesResponse>(res);
}

const idsOf = (page: OfflineMessagesResponse) => page.offlineMessages.map((m) => m.id);

/** A customer row of `account` and a real customer token for it. */
async function customerWithToken(account: TestAccount) {
  const id = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(id, account.id, "Cliente", `c.${id}@example.com`, now, now)
    .run();
  return { id, token: await signToken(env.TOKEN_SECRET, { k: "customer", a: account.id, c: id, iat: now }) };
}

const customerOf = async (messageId: string) =>
  (await env.DB.prepare("SELECT customer_id FROM offline_messages WHERE id = ?").bind(messageId).first<{ customer_id: string | null }>())
    ?.customer_id;

describe("POST /api/widget/offline-messages", () => {
  it("stores the message with 201, normalised, as status new", async () => {
    const account = await createAccount("offline-store");
    const before = Date.now();
    const stored = await sent(account, {
      departmentId: account.departments.support,
      name: "  Maria  ",
      email: "  Maria@Example.COM ",
      message: "  Preciso de um orçamento  ",
    });
    expect(stored).toEqual({ id: expect.any(String), createdAt: expect.any(Number) });
    expect(stored.createdAt).toBeGreaterThanOrEqual(before);
    const row = await env.DB.prepare("SELECT * FROM offline_messages WHERE id = ?").bind(stored.id).first();
    expect(row).toMatchObject({
      account_id: account.id,
      department_id: account.departments.support,
      customer_id: null,
      name: "Maria",
      email: "maria@example.com",
      message: "Preciso de um orçamento",
      page_url: "https://shop.example.com/frete",
      status: "new",
      created_at: stored.createdAt,
    });
  });

  it("answers the widget's cross-origin preflight", async () => {
    const res = await api("/api/widget/offline-messages", {
      method: "OPTIONS",
      headers: { origin: "https://shop.example.com", "access-control-request-method": "POST" },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers 404 unknown_account and unknown_department, and writes nothing", async () => {
    const account = await createAccount("offline-unknown");
    const other = await createAccount("offline-unknown-other");
    await env.DB.prepare("UPDATE departments SET active = 0 WHERE id = ?").bind(account.departments.sales).run();
    await expectError(await send(form(account, { account: "pk-nobody" })), 404, "unknown_account");
    await expectError(await send(form(account, { departmentId: "no-such-department" })), 404, "unknown_department");
    await expectError(await send(form(account, { departmentId: other.departments.support })), 404, "unknown_department");
    await expectError(await send(form(account, { departmentId: account.departments.sales })), 404, "unknown_department");
    expect(await rowsOf(account)).toBe(0);
    expect(await rowsOf(other)).toBe(0);
  });

  it.each([
    ["no name", { name: undefined }],
    ["a blank name", { name: "   " }],
    ["a name over 120 characters", { name: "n".repeat(121) }],
    ["no e-mail", { email: undefined }],
    ["an invalid e-mail", { email: "maria-at-example.com" }],
    ["an e-mail over 254 characters", { email: `${"a".repeat(64)}@${"b".repeat(186)}.com` }],
    ["no message", { message: undefined }],
    ["a blank message", { message: " \n\t " }],
    ["a message over 5000 characters", { message: "m".repeat(5001) }],
    ["a javascript: page URL", { pageUrl: "javascript:alert(1)" }],
    ["a page URL that is no URL", { pageUrl: "not a url" }],
    ["a page URL over 2000 characters", { pageUrl: `https://shop.example.com/${"p".repeat(2000)}` }],
    ["an empty department id", { departmentId: "" }],
    ["a numeric message", { message: 42 }],
  ])("refuses %s with 400 and writes nothing", async (_, overrides) => {
    const account = await createAccount("offline-invalid");
    await expectError(await send(form(account, overrides)), 400, "bad_request");
    expect(await rowsOf(account)).toBe(0);
  });

  it("refuses a body that is not JSON with 400", async () => {
    const account = await createAccount("offline-not-json");
    await expectError(await api("/api/widget/offline-messages", { method: "POST", body: "{not json" }), 400, "bad_request");
    expect(await rowsOf(account)).toBe(0);
  });

  it("accepts a message of exactly 5000 characters and one without page URL", async () => {
    const account = await createAccount("offline-limits");
    const long = await sent(account, { message: "m".repeat(5000) });
    const bare = await sent(account, { pageUrl: undefined });
    const admin = await login(account.attendants.admin.email);
    const page = await list(admin);
    expect(page.offlineMessages.find((m) => m.id === long.id)?.message).toHaveLength(5000);
    expect(page.offlineMessages.find((m) => m.id === bare.id)?.pageUrl).toBeNull();
  });

  it("has its own budget: a flood of other widget requests from one IP leaves that IP its offline form", async () => {
    const account = await createAccount("offline-rate");
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    // Every other widget budget of this IP, spent on the real bindings (a minute's worth of polls).
    for (const limiter of [env.WIDGET_CONFIG_LIMITER, env.WIDGET_LIMITER, env.WIDGET_IDENTIFY_LIMITER, env.WIDGET_CHAT_IP_LIMITER]) {
      while ((await limiter.limit({ key: ip })).success);
    }
    await expectError(await api(`/api/widget/config?account=${account.publicKey}`, { headers: { "cf-connecting-ip": ip } }), 429, "rate_limited");
    expect((await api("/api/widget/offline-messages", { body: form(account), headers: { "cf-connecting-ip": ip } })).status).toBe(201);
    expect(await rowsOf(account)).toBe(1);
  });

  it("binds the customer only for a valid customer token of the same account", async () => {
    const account = await createAccount("offline-token");
    const other = await createAccount("offline-token-other");
    const mine = await customerWithToken(account);
    const foreign = await customerWithToken(other);
    const forged = await signToken("another-secret-0123456789abcdef0123456789", { k: "customer", a: account.id, c: mine.id, iat: Date.now() });
    const crossed = await signToken(env.TOKEN_SECRET, { k: "customer", a: account.id, c: foreign.id, iat: Date.now() });

    // One address each: an address may leave only 5 messages a minute (offline-guard.ts).
    expect(await customerOf((await sent(account, { email: "a@example.com" }, mine.token)).id)).toBe(mine.id);
    expect(await customerOf((await sent(account, { email: "b@example.com" }, foreign.token)).id)).toBeNull();
    expect(await customerOf((await sent(account, { email: "c@example.com" }, forged)).id)).toBeNull();
    expect(await customerOf((await sent(account, { email: "d@example.com" }, crossed)).id)).toBeNull();
    expect(await customerOf((await sent(account, { email: "e@example.com" }, "garbage")).id)).toBeNull();
    expect(await customerOf((await sent(account, { email: "f@example.com" })).id)).toBeNull();
  });
});

describe("GET /api/offline-messages", () => {
  it("shows a department's message to its attendants and the administrator, not to another department", async () => {
    const account = await createAccount("offline-visibility");
    const { admin, manager, support1, sales } = account.attendants;
    const toSupport = await sent(account, { departmentId: account.departments.support });
    const toSales = await sent(account, { departmentId: account.departments.sales });

    const adminView = await list(await login(admin.email));
    expect(idsOf(adminView)).toEqual([toSales.id, toSupport.id]);
    expect(adminView.offlineMessages[1]).toEqual({
      id: toSupport.id,
      departmentId: account.departments.support,
      departmentName: "Suporte",
      name: "Maria Cliente",
      email: "maria@example.com",
      message: "Vocês entregam em Manaus?",
      pageUrl: "https://shop.example.com/frete",
      createdAt: toSupport.createdAt,
      status: "new",
    });
    expect(idsOf(await list(await login(support1.email)))).toEqual([toSupport.id]);
    expect(idsOf(await list(await login(manager.email)))).toEqual([toSupport.id]);
    expect(idsOf(await list(await login(sales.email)))).toEqual([toSales.id]);
  });

  it("shows a message without department to administrators and managers only", async () => {
    const account = await createAccount("offline-nodept");
    const stored = await sent(account);
    for (const [key, person] of Object.entries(account.attendants)) {
      const page = await list(await login(person.email));
      const triages = key === "admin" || key === "manager";
      expect(page.offlineMessages, person.email).toEqual(triages ? [expect.objectContaining({ id: stored.id, departmentId: null, departmentName: null })] : []);
    }
  });

  it("never shows another account's messages", async () => {
    const account = await createAccount("offline-isolation");
    const other = await createAccount("offline-isolation-other");
    await sent(other, { departmentId: other.departments.support });
    await sent(other);
    const admin = await login(account.attendants.admin.email);
    expect(await list(admin)).toEqual({ offlineMessages: [], page: 1, hasMore: false });
    expect(await list(admin, `?departmentId=${other.departments.support}`)).toEqual({ offlineMessages: [], page: 1, hasMore: false });
    expect((await list(await login(account.attendants.support1.email))).offlineMessages).toEqual([]);
  });

  it("filters by a department the attendant may see, and gives nothing for one they may not", async () => {
    const account = await createAccount("offline-filter");
    const toSupport = await sent(account, { departmentId: account.departments.support });
    const toSales = await sent(account, { departmentId: account.departments.sales });
    await sent(account);
    const admin = await login(account.attendants.admin.email);
    expect(idsOf(await list(admin, `?departmentId=${account.departments.sales}`))).toEqual([toSales.id]);
    const support1 = await login(account.attendants.support1.email);
    expect(idsOf(await list(support1, `?departmentId=${account.departments.support}`))).toEqual([toSupport.id]);
    expect(idsOf(await list(support1, `?departmentId=${account.departments.sales}`))).toEqual([]);
  });

  it("pages newest first with limit, page and hasMore", async () => {
    const account = await createAccount("offline-paging");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await sent(account, { message: `mensagem ${i}` })).id);
      await new Promise((r) => setTimeout(r, 2));
    }
    const newest = [...ids].reverse();
    const admin = await login(account.attendants.admin.email);
    const first = await list(admin, "?limit=2");
    expect(first).toMatchObject({ page: 1, hasMore: true });
    expect(idsOf(first)).toEqual(newest.slice(0, 2));
    const second = await list(admin, "?limit=2&page=2");
    expect(second).toMatchObject({ page: 2, hasMore: true });
    expect(idsOf(second)).toEqual(newest.slice(2, 4));
    const third = await list(admin, "?limit=2&page=3");
    expect(third).toMatchObject({ page: 3, hasMore: false });
    expect(idsOf(third)).toEqual(newest.slice(4));
    expect(idsOf(await list(admin, "?limit=5"))).toEqual(newest);
    expect((await list(admin, "?limit=5")).hasMore).toBe(false);
    expect((await list(admin)).offlineMessages).toHaveLength(5);
  });

  it.each([["?limit=101"], ["?limit=0"], ["?page=0"], ["?limit=abc"], ["?departmentId=bad%20id"]])(
    "refuses %s with 400",
    async (query) => {
      const account = await createAccount("offline-bad-query");
      await expectError(await api(`/api/offline-messages${query}`, { cookie: await login(account.attendants.admin.email) }), 400, "bad_request");
    },
  );

  it("needs a session", async () => {
    await expectError(await api("/api/offline-messages"), 401, "unauthenticated");
  });

  it("stores an XSS payload verbatim and returns it as JSON text", async () => {
    const account = await createAccount("offline-xss");
    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const stored = await sent(account, { name: `<b>${payload}</b>`, message: payload, pageUrl: "https://shop.example.com/?q=<script>" });
    const res = await api("/api/offline-messages", { cookie: await login(account.attendants.admin.email) });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const item = (await json<OfflineMessagesResponse>(res)).offlineMessages.find((m) => m.id === stored.id);
    expect(item?.message).toBe(payload);
    expect(item?.name).toBe(`<b>${payload}</b>`);
    const row = await env.DB.prepare("SELECT message FROM offline_messages WHERE id = ?").bind(stored.id).first<{ message: string }>();
    expect(row?.message).toBe(payload);
  });
});
