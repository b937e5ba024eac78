import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AccountResponse } from "../../worker/views-gestao";
import { customerHash } from "./customization-helpers";
import { api, attendantSocket, count, createAccount, customerSocket, expectError, json, login, ORIGIN, startChat, upgrade, type TestAccount } from "./helpers";

const SHOP = "https://shop.example";
const EVIL = "https://evil.example";

function patch(cookie: string, body: unknown) {
  return api("/api/account", { method: "PATCH", cookie, body });
}

async function accountRow(account: TestAccount) {
  return env.DB.prepare("SELECT name, time_zone, locale, allowed_origins, retention_days, public_key, secret, widget_seen_at FROM accounts WHERE id = ?")
    .bind(account.id)
    .first<Record<string, unknown>>();
}

async function audit(accountId: string, action: string) {
  const { results } = await env.DB.prepare("SELECT actor_id, detail FROM audit_log WHERE account_id = ? AND action = ? ORDER BY created_at")
    .bind(accountId, action)
    .all<{ actor_id: string | null; detail: string | null }>();
  return results.map((r) => ({ actorId: r.actor_id, detail: r.detail === null ? null : JSON.parse(r.detail) }));
}

function config(key: string, headers: Record<string, string> = {}) {
  return api(`/api/widget/config?account=${encodeURIComponent(key)}`, { headers });
}

function offlineForm(account: TestAccount, headers: Record<string, string> = {}) {
  return api("/api/widget/offline-messages", {
    body: { account: account.publicKey, name: "Ana", email: "ana@example.com", message: "Oi" },
    headers,
  });
}

const offlineCount = (account: TestAccount) => count("SELECT COUNT(*) AS n FROM offline_messages WHERE account_id = ?", account.id);

async function allowOrigins(account: TestAccount, origins: string[]) {
  const res = await patch(await login(account.attendants.admin.email), { allowedOrigins: origins });
  expect(res.status).toBe(200);
}

describe("GET /api/account", () => {
  it("answers the AccountView to administrators, never the secret", async () => {
    const account = await createAccount("account-get");
    const res = await api("/api/account", { cookie: await login(account.attendants.admin.email) });
    expect(res.status).toBe(200);
    expect(await json<AccountResponse>(res)).toEqual({
      account: {
        id: account.id,
        name: "account-get Ltda",
        publicKey: account.publicKey,
        timeZone: "America/Sao_Paulo",
        locale: "pt-BR",
        allowedOrigins: [],
        retentionDays: null,
        createdAt: expect.any(Number),
        panelSlug: null,
      },
    });
  });

  it("refuses department managers and attendants with 403 on every route, changing nothing", async () => {
    const account = await createAccount("account-403");
    const before = await accountRow(account);
    for (const who of ["manager", "support1"] as const) {
      const cookie = await login(account.attendants[who].email);
      await expectError(await api("/api/account", { cookie }), 403, "forbidden");
      await expectError(await patch(cookie, { name: "Tomada" }), 403, "forbidden");
      await expectError(await api("/api/account/public-key", { method: "POST", cookie }), 403, "forbidden");
      await expectError(await api("/api/account/secret", { method: "POST", cookie }), 403, "forbidden");
    }
    await expectError(await api("/api/account"), 401, "unauthenticated");
    expect(await accountRow(account)).toEqual(before);
  });
});

describe("PATCH /api/account", () => {
  it("saves the fields, normalising origins and the time zone, and records what changed", async () => {
    const account = await createAccount("account-patch");
    const admin = await login(account.attendants.admin.email);
    const res = await patch(admin, {
      name: "  Loja Nova ",
      timeZone: "Europe/Lisbon",
      locale: "es",
      allowedOrigins: ["https://Shop.Example:443/", "http://localhost:8787", "https://shop.example"],
      retentionDays: 90,
    });
    expect(res.status).toBe(200);
    const { account: view } = await json<AccountResponse>(res);
    expect(view).toMatchObject({
      name: "Loja Nova",
      timeZone: "Europe/Lisbon",
      locale: "es",
      allowedOrigins: ["https://shop.example", "http://localhost:8787"],
      retentionDays: 90,
    });
    expect(await json<AccountResponse>(await api("/api/account", { cookie: admin }))).toEqual({ account: view });
    const [entry] = await audit(account.id, "account.updated");
    expect(entry?.actorId).toBe(account.attendants.admin.id);
    expect(entry?.detail).toEqual({
      changes: {
        name: { from: "account-patch Ltda", to: "Loja Nova" },
        timeZone: { from: "America/Sao_Paulo", to: "Europe/Lisbon" },
        locale: { from: "pt-BR", to: "es" },
        retentionDays: { from: null, to: 90 },
        allowedOrigins: { from: [], to: ["https://shop.example", "http://localhost:8787"] },
      },
      fields: expect.arrayContaining(["name", "timeZone", "locale", "retentionDays", "allowedOrigins"]),
    });
    const cleared = await patch(admin, { retentionDays: null, timeZone: "utc" });
    expect((await json<AccountResponse>(cleared)).account).toMatchObject({ retentionDays: null, timeZone: "UTC" });
  });

  it.each([
    ["an empty name", { name: "  " }, "name"],
    ["a name over 120 characters", { name: "x".repeat(121) }, "name"],
    ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    ["an unknown locale", { locale: "fr" }, "locale"],
    ["an origin with a path", { allowedOrigins: [SHOP, "https://shop.example/loja"] }, "allowedOrigins.1"],
    ["a wildcard origin", { allowedOrigins: ["https://*.example.com"] }, "allowedOrigins.0"],
    ["a bare wildcard", { allowedOrigins: ["*"] }, "allowedOrigins.0"],
    ["a non-http origin", { allowedOrigins: ["ftp://shop.example"] }, "allowedOrigins.0"],
    ["something that is not a URL", { allowedOrigins: ["shop.example"] }, "allowedOrigins.0"],
    ["more than 50 origins", { allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) }, "allowedOrigins"],
    ["zero retention days", { retentionDays: 0 }, "retentionDays"],
    ["over 3650 retention days", { retentionDays: 3651 }, "retentionDays"],
    ["fractional retention days", { retentionDays: 1.5 }, "retentionDays"],
  ])("refuses %s with 400 naming the field, changing nothing", async (_, body, field) => {
    const account = await createAccount("account-400");
    const before = await accountRow(account);
    const res = await patch(await login(account.attendants.admin.email), body);
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "bad_request", field });
    expect(await accountRow(account)).toEqual(before);
    expect(await audit(account.id, "account.updated")).toEqual([]);
  });
});

describe("POST /api/account/public-key", () => {
  it("gives a new key: the old one is unknown to the widget, the new one works, open chats go on", async () => {
    const account = await createAccount("account-key");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const open = await startChat(account, account.departments.support);

    const res = await api("/api/account/public-key", { method: "POST", cookie: await login(account.attendants.admin.email) });
    expect(res.status).toBe(200);
    const { account: view } = await json<AccountResponse>(res);
    expect(view.publicKey).not.toBe(account.publicKey);
    expect(view.publicKey.length).toBeGreaterThanOrEqual(24);

    await expectError(await config(account.publicKey), 404, "unknown_account");
    await expectError(await offlineForm(account), 404, "unknown_account");
    expect((await config(view.publicKey)).status).toBe(200);
    expect(await audit(account.id, "account.public_key_regenerated")).toEqual([{ actorId: account.attendants.admin.id, detail: null }]);

    // The chat opened with the old key keeps its socket (the socket token names the account, not the key).
    const customer = await customerSocket(open.ws);
    customer.send({ type: "message.send", chatId: open.chat.id, clientId: "after-key", body: "Continuo aqui" });
    await agent.next("message.created", (f) => f.message.body === "Continuo aqui");
    customer.close();
    agent.close();
  });
});

describe("POST /api/account/secret", () => {
  it("gives a new identity secret: hashes made with the old one fail, new ones work; the log never holds it", async () => {
    const account = await createAccount("account-secret");
    const email = "cliente@example.com";
    const identify = async (hash: string) =>
      api("/api/widget/identify", { body: { account: account.publicKey, name: "Cliente", email, customerHash: hash } });
    const oldHash = await customerHash(email);
    expect((await identify(oldHash)).status).toBe(200);

    const res = await api("/api/account/secret", { method: "POST", cookie: await login(account.attendants.admin.email) });
    expect(res.status).toBe(200);
    const { secret } = await json<{ secret: string }>(res);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect((await accountRow(account))?.secret).toBe(secret);

    await expectError(await identify(oldHash), 403, "invalid_customer_hash");
    expect((await identify(await customerHash(email, secret))).status).toBe(200);
    const entries = await audit(account.id, "account.secret_regenerated");
    expect(entries).toEqual([{ actorId: account.attendants.admin.id, detail: null }]);
    const log = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ? AND detail LIKE ?").bind(account.id, `%${secret}%`).first<{ n: number }>();
    expect(log?.n).toBe(0);
  });
});

describe("allowed sites", () => {
  it("lets any site in while the list is empty", async () => {
    const account = await createAccount("origins-empty");
    expect((await config(account.publicKey, { origin: EVIL })).status).toBe(200);
    expect((await offlineForm(account, { origin: EVIL })).status).toBe(201);
    expect((await offlineForm(account)).status).toBe(201);
  });

  it("takes the listed site and our own origin; refuses another site with 403 origin_not_allowed, writing nothing", async () => {
    const account = await createAccount("origins-list");
    await allowOrigins(account, [SHOP]);
    expect((await config(account.publicKey, { origin: SHOP })).status).toBe(200);
    expect((await config(account.publicKey, { origin: ORIGIN })).status).toBe(200);
    await expectError(await config(account.publicKey, { origin: EVIL }), 403, "origin_not_allowed");
    // An origin differing only by scheme or port is another origin.
    await expectError(await config(account.publicKey, { origin: "http://shop.example" }), 403, "origin_not_allowed");
    await expectError(await config(account.publicKey, { origin: "null" }), 403, "origin_not_allowed");

    const before = await offlineCount(account);
    const refused = await offlineForm(account, { origin: EVIL });
    await expectError(refused, 403, "origin_not_allowed");
    await expectError(
      await api("/api/widget/chats", {
        body: { account: account.publicKey, departmentId: account.departments.support, name: "Ana", email: "ana@example.com", message: "Oi" },
        headers: { origin: EVIL },
      }),
      403,
      "origin_not_allowed",
    );
    await expectError(
      await api("/api/widget/identify", { body: { account: account.publicKey, name: "Ana", email: "ana@example.com", customerHash: await customerHash("ana@example.com") }, headers: { origin: EVIL } }),
      403,
      "origin_not_allowed",
    );
    expect(await offlineCount(account)).toBe(before);
    expect(await count("SELECT COUNT(*) AS n FROM customers WHERE account_id = ?", account.id)).toBe(0);
    expect((await offlineForm(account, { origin: SHOP })).status).toBe(201);
    expect((await offlineForm(account, { origin: ORIGIN })).status).toBe(201);
  });

  it("refuses a POST without Origin, but lets a plain GET without it read (the pop-up page's same-origin reads)", async () => {
    const account = await createAccount("origins-missing");
    await allowOrigins(account, [SHOP]);
    const before = await offlineCount(account);
    await expectError(await offlineForm(account), 403, "origin_not_allowed");
    expect(await offlineCount(account)).toBe(before);
    expect((await config(account.publicKey)).status).toBe(200);
  });

  it("refuses a preflight naming the account from another site, and the socket upgrade from another site or without Origin", async () => {
    const account = await createAccount("origins-socket");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const open = await startChat(account, account.departments.support);
    await allowOrigins(account, [SHOP]);

    const preflight = (origin: string) =>
      exports.default.fetch(
        new Request(`${ORIGIN}/api/widget/me?account=${account.publicKey}`, {
          method: "OPTIONS",
          headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
        }),
      );
    expect((await preflight(EVIL)).status).toBe(403);
    const allowed = await preflight(SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("*");

    const url = new URL(open.ws.url);
    const path = `${url.pathname}${url.search}`;
    const socketFrom = (origin?: string) =>
      exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: { upgrade: "websocket", ...(origin ? { origin } : {}) } }));
    await expectError(await socketFrom(EVIL), 403, "origin_not_allowed");
    await expectError(await upgrade(path), 403, "origin_not_allowed");
    const ok = await socketFrom(SHOP);
    expect(ok.status).toBe(101);
    ok.webSocket?.accept();
    ok.webSocket?.close(1000, "done");
    agent.close();
  });
});

describe("the setup checklist's widget mark", () => {
  it("is set once, by the first config read from another site than ours", async () => {
    const account = await createAccount("widget-seen");
    const seen = async () => (await accountRow(account))?.widget_seen_at ?? null;
    await config(account.publicKey);
    await config(account.publicKey, { origin: ORIGIN });
    expect(await seen()).toBeNull();
    await config(account.publicKey, { origin: SHOP });
    const first = await seen();
    expect(typeof first).toBe("number");
    await new Promise((r) => setTimeout(r, 5));
    await config(account.publicKey, { origin: "https://other.example" });
    expect(await seen()).toBe(first);
  });

  it("is not set by a read the allowed sites refuse", async () => {
    const account = await createAccount("widget-seen-refused");
    await allowOrigins(account, [SHOP]);
    await expectError(await config(account.publicKey, { origin: EVIL }), 403, "origin_not_allowed");
    expect((await accountRow(account))?.widget_seen_at).toBeNull();
  });
});
