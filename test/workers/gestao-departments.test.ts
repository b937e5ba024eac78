import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { departments } from "../../worker/db/schema";
import { guardedName, isNameRace } from "../../worker/department-records";
import { readLimited } from "../../worker/logos";
import type { WidgetConfigResponse } from "../../worker/views";
import type { DepartmentResponse, DepartmentsListResponse, DepartmentView } from "../../worker/views-gestao";
import { api, attendantSocket, count, createAccount, customerSocket, expectError, json, login, ORIGIN, startChat, widgetMe, type TestAccount } from "./helpers";

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG-signed body of `size` bytes (only the signature matters to the server). */
function png(size = 64, fill = 7): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(PNG_HEADER);
  return bytes;
}

function putLogo(cookie: string, departmentId: string, variant: string, body: Uint8Array<ArrayBuffer> | string, type = "image/png") {
  return exports.default.fetch(
    new Request(`${ORIGIN}/api/departments/${departmentId}/logo/${variant}`, { method: "PUT", body, headers: { cookie, "content-type": type } }),
  );
}

async function hex(bytes: Uint8Array<ArrayBuffer>) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function audit(accountId: string, action: string) {
  const { results } = await env.DB.prepare("SELECT * FROM audit_log WHERE account_id = ? AND action = ? ORDER BY created_at").bind(accountId, action).all<{
    actor_id: string | null;
    actor_name: string;
    target_id: string | null;
    detail: string | null;
  }>();
  return results.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
}

async function department(cookie: string, id: string): Promise<DepartmentView> {
  const res = await api(`/api/departments/${id}`, { cookie });
  expect(res.status).toBe(200);
  return (await json<DepartmentResponse>(res)).department;
}

const departmentCount = (account: TestAccount) => count("SELECT COUNT(*) AS n FROM departments WHERE account_id = ?", account.id);

describe("GET /api/departments", () => {
  it("answers DepartmentView for every department to administrators, and only their own to others", async () => {
    const account = await createAccount("dep-list");
    const admin = await login(account.attendants.admin.email);
    const all = await json<DepartmentsListResponse>(await api("/api/departments", { cookie: admin }));
    expect(all.departments.map((d) => d.name)).toEqual(["Comercial", "Suporte"]);
    const support = all.departments.find((d) => d.id === account.departments.support);
    expect(support).toEqual({
      id: account.departments.support,
      name: "Suporte",
      active: true,
      initialMessage: "Olá! Já vamos atender.",
      logoOnlineUrl: null,
      logoOfflineUrl: null,
      createdAt: expect.any(Number),
    });
    const sales = await json<DepartmentsListResponse>(await api("/api/departments", { cookie: await login(account.attendants.sales.email) }));
    expect(sales.departments.map((d) => d.id)).toEqual([account.departments.sales]);
    await expectError(await api("/api/departments"), 401, "unauthenticated");
  });
});

describe("POST /api/departments", () => {
  it("creates a department for an administrator, with its audit entry", async () => {
    const account = await createAccount("dep-create");
    const admin = await login(account.attendants.admin.email);
    const res = await api("/api/departments", { cookie: admin, body: { name: "  Financeiro ", initialMessage: "Oi!" } });
    expect(res.status).toBe(201);
    const { department: created } = await json<DepartmentResponse>(res);
    expect(created).toMatchObject({ name: "Financeiro", active: true, initialMessage: "Oi!", logoOnlineUrl: null });
    expect(await department(admin, created.id)).toEqual(created);
    const entries = await audit(account.id, "department.created");
    expect(entries).toEqual([
      expect.objectContaining({
        actor_id: account.attendants.admin.id,
        target_id: created.id,
        detail: { name: "Financeiro", active: true, initialMessage: "Oi!" },
      }),
    ]);
    const inactive = await api("/api/departments", { cookie: admin, body: { name: "Arquivo", active: false } });
    expect((await json<DepartmentResponse>(inactive)).department.active).toBe(false);
  });

  it("refuses a name the account already has, ignoring case, with 409 name_taken on the name; another account may use it", async () => {
    const account = await createAccount("dep-taken");
    const other = await createAccount("dep-taken-other");
    const admin = await login(account.attendants.admin.email);
    const before = await departmentCount(account);
    for (const name of ["suporte", "SUPORTE", " Suporte "]) {
      const res = await api("/api/departments", { cookie: admin, body: { name } });
      expect(res.status).toBe(409);
      expect((await json(res)).error).toMatchObject({ code: "name_taken", field: "name" });
    }
    expect(await departmentCount(account)).toBe(before);
    expect(await audit(account.id, "department.created")).toEqual([]);
    // Unicode case folding, beyond SQLite's ASCII lower().
    expect((await api("/api/departments", { cookie: admin, body: { name: "Produção" } })).status).toBe(201);
    await expectError(await api("/api/departments", { cookie: admin, body: { name: "PRODUÇÃO" } }), 409, "name_taken");
    const otherAdmin = await login(other.attendants.admin.email);
    expect((await api("/api/departments", { cookie: otherAdmin, body: { name: "Produção" } })).status).toBe(201);
  });

  it("refuses in the write itself a name taken after the check (the race the check cannot see)", async () => {
    const account = await createAccount("dep-race");
    const db = database(env.DB);
    const row = { id: crypto.randomUUID(), accountId: account.id, name: "SUPORTE", createdAt: Date.now() };
    const error = await db
      .insert(departments)
      .values({ ...row, name: guardedName(account.id, row.name) })
      .then(() => null, (e: unknown) => e);
    expect(isNameRace(error)).toBe(true);
    const rename = await db
      .update(departments)
      .set({ name: guardedName(account.id, "suporte", account.departments.sales) })
      .where(eq(departments.id, account.departments.sales))
      .then(() => null, (e: unknown) => e);
    expect(isNameRace(rename)).toBe(true);
    // Its own name is not a conflict.
    await db.update(departments).set({ name: guardedName(account.id, "SUPORTE", account.departments.support) }).where(eq(departments.id, account.departments.support));
    expect(await departmentCount(account)).toBe(2);
    expect(await env.DB.prepare("SELECT name FROM departments WHERE id = ?").bind(account.departments.support).first()).toEqual({ name: "SUPORTE" });
  });

  it("refuses department managers and attendants with 403, and writes nothing", async () => {
    const account = await createAccount("dep-create-403");
    const before = await departmentCount(account);
    for (const who of ["manager", "support1"] as const) {
      const cookie = await login(account.attendants[who].email);
      await expectError(await api("/api/departments", { cookie, body: { name: `De ${who}` } }), 403, "forbidden");
    }
    expect(await departmentCount(account)).toBe(before);
  });

  it.each([
    ["an empty name", { name: "   " }, "name"],
    ["a name over 80 characters", { name: "x".repeat(81) }, "name"],
    ["an initial message over 1000 characters", { name: "Ok", initialMessage: "x".repeat(1001) }, "initialMessage"],
    ["an active flag that is not a boolean", { name: "Ok", active: "yes" }, "active"],
  ])("refuses %s with 400 naming the field", async (_, body, field) => {
    const account = await createAccount("dep-create-400");
    const admin = await login(account.attendants.admin.email);
    const before = await departmentCount(account);
    const res = await api("/api/departments", { cookie: admin, body });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "bad_request", field });
    expect(await departmentCount(account)).toBe(before);
  });
});

describe("GET /api/departments/:id", () => {
  it("answers a department the attendant may see; 403 for one they may not; 404 for another account's", async () => {
    const account = await createAccount("dep-get");
    const other = await createAccount("dep-get-other");
    const sales = await login(account.attendants.sales.email);
    expect((await department(sales, account.departments.sales)).name).toBe("Comercial");
    await expectError(await api(`/api/departments/${account.departments.support}`, { cookie: sales }), 403, "forbidden");
    const admin = await login(account.attendants.admin.email);
    await expectError(await api(`/api/departments/${other.departments.support}`, { cookie: admin }), 404, "not_found");
    await expectError(await api(`/api/departments/no%20such`, { cookie: admin }), 404, "not_found");
  });
});

describe("PATCH /api/departments/:id", () => {
  it("lets an administrator rename and deactivate, recording the changed fields", async () => {
    const account = await createAccount("dep-patch");
    const admin = await login(account.attendants.admin.email);
    const res = await api(`/api/departments/${account.departments.sales}`, { method: "PATCH", cookie: admin, body: { name: "Vendas", active: false, initialMessage: "" } });
    expect(res.status).toBe(200);
    expect((await json<DepartmentResponse>(res)).department).toMatchObject({ name: "Vendas", active: false, initialMessage: "" });
    expect(await department(admin, account.departments.sales)).toMatchObject({ name: "Vendas", active: false });
    expect((await audit(account.id, "department.updated")).map((e) => e.detail)).toEqual([
      { changes: { name: { from: "Comercial", to: "Vendas" }, active: { from: true, to: false } } },
    ]);
    // Its own name in another case is not "taken".
    const recased = await api(`/api/departments/${account.departments.sales}`, { method: "PATCH", cookie: admin, body: { name: "VENDAS" } });
    expect(recased.status).toBe(200);
  });

  it("lets the department's manager change the initial message only", async () => {
    const account = await createAccount("dep-patch-manager");
    const manager = await login(account.attendants.manager.email);
    const path = `/api/departments/${account.departments.support}`;
    const ok = await api(path, { method: "PATCH", cookie: manager, body: { initialMessage: "Bem-vindo!" } });
    expect(ok.status).toBe(200);
    expect((await json<DepartmentResponse>(ok)).department.initialMessage).toBe("Bem-vindo!");
    await expectError(await api(path, { method: "PATCH", cookie: manager, body: { name: "Outro" } }), 403, "forbidden");
    await expectError(await api(path, { method: "PATCH", cookie: manager, body: { active: false, initialMessage: "x" } }), 403, "forbidden");
    // Not a department they manage.
    await expectError(await api(`/api/departments/${account.departments.sales}`, { method: "PATCH", cookie: manager, body: { initialMessage: "x" } }), 403, "forbidden");
    const attendant = await login(account.attendants.support1.email);
    await expectError(await api(path, { method: "PATCH", cookie: attendant, body: { initialMessage: "x" } }), 403, "forbidden");
    const row = await env.DB.prepare("SELECT name, active, initial_message FROM departments WHERE id = ?").bind(account.departments.support).first();
    expect(row).toEqual({ name: "Suporte", active: 1, initial_message: "Bem-vindo!" });
  });

  it("answers 404 for another account's department, 409 for a taken name and 400 for a bad body, changing nothing", async () => {
    const account = await createAccount("dep-patch-refusals");
    const other = await createAccount("dep-patch-refusals-other");
    const admin = await login(account.attendants.admin.email);
    await expectError(await api(`/api/departments/${other.departments.sales}`, { method: "PATCH", cookie: admin, body: { name: "Meu" } }), 404, "not_found");
    const path = `/api/departments/${account.departments.sales}`;
    const taken = await api(path, { method: "PATCH", cookie: admin, body: { name: "suporte", active: false } });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error).toMatchObject({ code: "name_taken", field: "name" });
    const bad = await api(path, { method: "PATCH", cookie: admin, body: { name: "" } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.field).toBe("name");
    expect(await env.DB.prepare("SELECT name, active FROM departments WHERE id = ?").bind(account.departments.sales).first()).toEqual({ name: "Comercial", active: 1 });
    expect(await env.DB.prepare("SELECT name FROM departments WHERE id = ?").bind(other.departments.sales).first()).toEqual({ name: "Comercial" });
    expect(await audit(account.id, "department.updated")).toEqual([]);
  });
});

describe("an inactive department", () => {
  it("leaves the widget config (its ETag changes), refuses new chats with 409 department_inactive, and its open chats go on", async () => {
    const account = await createAccount("dep-inactive");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const open = await startChat(account, account.departments.support);
    const customer = await customerSocket(open.ws);

    const configPath = `/api/widget/config?account=${account.publicKey}`;
    const before = await api(configPath);
    const etag = before.headers.get("etag") ?? "";
    expect((await json<WidgetConfigResponse>(before)).departments.map((d) => d.id)).toContain(account.departments.support);

    const admin = await login(account.attendants.admin.email);
    expect((await api(`/api/departments/${account.departments.support}`, { method: "PATCH", cookie: admin, body: { active: false } })).status).toBe(200);

    const after = await api(configPath, { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await json<WidgetConfigResponse>(after)).departments.map((d) => d.id)).toEqual([account.departments.sales]);

    const chatsBefore = await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", account.id);
    const refused = await api("/api/widget/chats", {
      body: { account: account.publicKey, departmentId: account.departments.support, name: "Ana", email: "ana@example.com", message: "Oi" },
    });
    await expectError(refused, 409, "department_inactive");
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE account_id = ?", account.id)).toBe(chatsBefore);

    // The chat opened before goes on: the customer still has it and talks to the room.
    const me = await json(await widgetMe(account.publicKey, open.customerToken));
    expect(me.chat).toMatchObject({ id: open.chat.id });
    expect(me.chat.status).not.toBe("closed");
    customer.send({ type: "message.send", chatId: open.chat.id, clientId: crypto.randomUUID(), body: "Ainda aqui" });
    await customer.next("message.created", (f) => f.message.body === "Ainda aqui");
    customer.close();
    agent.close();
  });
});

describe("department logos", () => {
  it("stores a PNG by its hash, answers the URL, and serves it immutable with its type", async () => {
    const account = await createAccount("logo-put");
    const admin = await login(account.attendants.admin.email);
    const bytes = png();
    const res = await putLogo(admin, account.departments.support, "online", bytes, "application/octet-stream");
    expect(res.status).toBe(200);
    const view = (await json<DepartmentResponse>(res)).department;
    expect(view.logoOnlineUrl).toBe(`/logos/${account.id}/${await hex(bytes)}.png`);
    expect(view.logoOfflineUrl).toBeNull();
    expect((await department(admin, account.departments.support)).logoOnlineUrl).toBe(view.logoOnlineUrl);

    const served = await api(view.logoOnlineUrl!);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    expect((await audit(account.id, "department.logo_changed")).map((e) => e.detail)).toEqual([
      { variant: "online", file: `${account.id}/${await hex(bytes)}.png` },
    ]);
  });

  it("tells JPEG and WebP by their bytes", async () => {
    const account = await createAccount("logo-types");
    const admin = await login(account.attendants.admin.email);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const webp = new Uint8Array([...new TextEncoder().encode("RIFF"), 0, 0, 0, 0, ...new TextEncoder().encode("WEBPVP8 "), 9]);
    const a = (await json<DepartmentResponse>(await putLogo(admin, account.departments.support, "online", jpeg, "image/png"))).department;
    const b = (await json<DepartmentResponse>(await putLogo(admin, account.departments.support, "offline", webp, "image/png"))).department;
    expect(a.logoOnlineUrl).toMatch(/\.jpg$/);
    expect(b.logoOfflineUrl).toMatch(/\.webp$/);
    expect((await api(a.logoOnlineUrl!)).headers.get("content-type")).toBe("image/jpeg");
    expect((await api(b.logoOfflineUrl!)).headers.get("content-type")).toBe("image/webp");
  });

  it("refuses an SVG and a text file sent as PNG with 415, and an image over 256 KB with 413, storing nothing", async () => {
    const account = await createAccount("logo-refused");
    const admin = await login(account.attendants.admin.email);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`;
    await expectError(await putLogo(admin, account.departments.support, "online", svg, "image/svg+xml"), 415, "unsupported_image");
    await expectError(await putLogo(admin, account.departments.support, "online", "just text, named logo.png", "image/png"), 415, "unsupported_image");
    await expectError(await putLogo(admin, account.departments.support, "online", new Uint8Array(), "image/png"), 415, "unsupported_image");
    await expectError(await putLogo(admin, account.departments.support, "online", png(256 * 1024 + 1)), 413, "too_large");
    // A body without Content-Length is read no further than the limit.
    const chunk = png(64 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 5) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = new Request(`${ORIGIN}/upload`, { method: "PUT", body: stream });
    expect(streamed.headers.get("content-length")).toBeNull();
    await expect(readLimited(streamed)).rejects.toMatchObject({ status: 413, code: "too_large" });
    expect(sent).toBeLessThanOrEqual(6);
    expect((await env.LOGOS.list({ prefix: `${account.id}/` })).objects).toEqual([]);
    expect((await department(admin, account.departments.support)).logoOnlineUrl).toBeNull();
    // Exactly the limit is taken.
    expect((await putLogo(admin, account.departments.support, "online", png(256 * 1024))).status).toBe(200);
  });

  it("lets the department's manager change it; 403 for attendants and other managers; 404 for another account's", async () => {
    const account = await createAccount("logo-roles");
    const other = await createAccount("logo-roles-other");
    const manager = await login(account.attendants.manager.email);
    expect((await putLogo(manager, account.departments.support, "offline", png())).status).toBe(200);
    await expectError(await putLogo(manager, account.departments.sales, "offline", png()), 403, "forbidden");
    await expectError(await putLogo(await login(account.attendants.support1.email), account.departments.support, "online", png()), 403, "forbidden");
    const admin = await login(account.attendants.admin.email);
    await expectError(await putLogo(admin, other.departments.support, "online", png()), 404, "not_found");
    await expectError(await putLogo(admin, account.departments.support, "sideways", png()), 404, "not_found");
    expect((await env.LOGOS.list({ prefix: `${other.id}/` })).objects).toEqual([]);
  });

  it("removes a logo with DELETE, and deletes the file once no department uses it", async () => {
    const account = await createAccount("logo-delete");
    const admin = await login(account.attendants.admin.email);
    const bytes = png(80, 3);
    const url = (await json<DepartmentResponse>(await putLogo(admin, account.departments.support, "online", bytes))).department.logoOnlineUrl!;
    // The same image on the other department shares the file.
    await putLogo(admin, account.departments.sales, "online", bytes);
    const del = (path: string) => exports.default.fetch(new Request(`${ORIGIN}${path}`, { method: "DELETE", headers: { cookie: admin } }));
    const res = await del(`/api/departments/${account.departments.support}/logo/online`);
    expect(res.status).toBe(200);
    expect((await json<DepartmentResponse>(res)).department.logoOnlineUrl).toBeNull();
    expect((await api(url)).status).toBe(200);
    await del(`/api/departments/${account.departments.sales}/logo/online`);
    expect((await api(url)).status).toBe(404);
    const attendant = await login(account.attendants.support1.email);
    const refused = await exports.default.fetch(new Request(`${ORIGIN}/api/departments/${account.departments.support}/logo/online`, { method: "DELETE", headers: { cookie: attendant } }));
    await expectError(refused, 403, "forbidden");
  });

  it("answers 404 for a logo that does not exist or a name it would never write", async () => {
    const account = await createAccount("logo-404");
    for (const path of [`/logos/${account.id}/${"a".repeat(64)}.png`, `/logos/${account.id}/logo.svg`, `/logos/${account.id}/${"a".repeat(64)}.svg`, "/logos/x"]) {
      expect((await api(path)).status).toBe(404);
    }
  });

  it("shows the online or offline logo on the pop-up page as the department's presence says, under its CSP", async () => {
    const account = await createAccount("logo-popup");
    const admin = await login(account.attendants.admin.email);
    const online = (await json<DepartmentResponse>(await putLogo(admin, account.departments.sales, "online", png(70, 1)))).department.logoOnlineUrl!;
    const offline = (await json<DepartmentResponse>(await putLogo(admin, account.departments.sales, "offline", png(70, 2)))).department.logoOfflineUrl!;
    const page = async () => {
      const res = await api(`/chat/${account.publicKey}?department=${account.departments.sales}`);
      expect(res.headers.get("content-security-policy")).toContain("img-src 'self'");
      return res.text();
    };
    expect(await page()).toContain(`<img src="${offline}" alt="Comercial · logo-popup Ltda">`);
    await env.DB.prepare("INSERT INTO department_presence (account_id, department_id, online, changed_at) VALUES (?, ?, 1, ?)")
      .bind(account.id, account.departments.sales, Date.now())
      .run();
    expect(await page()).toContain(`<img src="${online}" alt="Comercial · logo-popup Ltda">`);
    // No department, or one without a logo: no image.
    expect(await (await api(`/chat/${account.publicKey}`)).text()).not.toContain("<img");
    expect(await (await api(`/chat/${account.publicKey}?department=${account.departments.support}`)).text()).not.toContain("<img");
  });
});
