import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { departments } from "../../worker/db/schema";
import { guardedName, isNameRace } from "../../worker/department-records";
import type { WidgetConfigResponse } from "../../worker/views";
import type { DepartmentResponse, DepartmentsListResponse } from "../../worker/views-gestao";
import { audit, department } from "./gestao-department-helpers";
import { api, attendantSocket, count, createAccount, customerSocket, expectError, json, login, startChat, widgetMe, type TestAccount } from "./helpers";

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
