/**
 * Clientes: listing and searching, the detail (chats of the departments the reader may see,
 * offline messages), corrections by administrators and managers, and the right to be forgotten:
 * no trace of the name, the e-mail or anything the customer wrote is left in D1 or in any
 * department room's storage, their open chat is closed first and their tokens stop working.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CustomerDetailResponse, CustomersResponse, CustomerView } from "../../worker/views-gestao";
import type { ChatDetailResponse } from "../../worker/views";
import { answerSurvey, bearer, enableSurvey } from "./customization-helpers";
import { api, attendantSocket, count, createAccount, customerSocket, expectError, json, login, room, startChat, upgrade, widgetMe, type TestAccount } from "./helpers";

const FORGOTTEN = "Cliente removido";

/** A customer row written straight to D1, `ageMs` old. */
async function insertCustomer(account: TestAccount, name: string, email: string, ageMs = 0): Promise<string> {
  const id = crypto.randomUUID();
  const at = Date.now() - ageMs;
  await env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(id, account.id, name, email, at, at)
    .run();
  return id;
}

/** A closed chat of the customer in a department, written straight to D1. */
async function insertChat(account: TestAccount, customerId: string, departmentId: string, number: number, ageMs: number): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO chats (id, account_id, number, department_id, customer_id, status, origin, page_url, created_at, closed_at) VALUES (?, ?, ?, ?, ?, 'closed', 'widget', 'https://shop.example/x', ?, ?)",
  )
    .bind(id, account.id, number, departmentId, customerId, Date.now() - ageMs, Date.now() - ageMs + 1000)
    .run();
  return id;
}

async function listAs(cookie: string, query = ""): Promise<CustomersResponse> {
  const res = await api(`/api/customers${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<CustomersResponse>(res);
}

const customerRow = (id: string) => env.DB.prepare("SELECT * FROM customers WHERE id = ?").bind(id).first<Record<string, unknown>>();

describe("GET /api/customers", () => {
  it("lists the account's customers newest first, a page at a time, to any attendant", async () => {
    const account = await createAccount("customers-list");
    const other = await createAccount("customers-list-other");
    const oldest = await insertCustomer(account, "Ana", "ana@example.com", 3000);
    const middle = await insertCustomer(account, "Bruno", "bruno@example.com", 2000);
    const newest = await insertCustomer(account, "Carla", "carla@example.com", 1000);
    await insertCustomer(other, "Ana de fora", "ana@example.com");
    const cookie = await login(account.attendants.support1.email);
    const first = await listAs(cookie, "?limit=2");
    expect(first.customers.map((c) => c.id)).toEqual([newest, middle]);
    expect(first).toMatchObject({ page: 1, hasMore: true });
    const second = await listAs(cookie, "?limit=2&page=2");
    expect(second.customers.map((c) => c.id)).toEqual([oldest]);
    expect(second.hasMore).toBe(false);
    expect(second.customers[0]).toEqual({
      id: oldest,
      name: "Ana",
      email: "ana@example.com",
      verified: false,
      deletedAt: null,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    } satisfies CustomerView);
  });

  it("searches name or e-mail, with % and _ taken literally", async () => {
    const account = await createAccount("customers-search");
    const percent = await insertCustomer(account, "Loja 100% Feliz", "feliz@example.com");
    const underscore = await insertCustomer(account, "Joana", "joana_silva@example.com");
    const plain = await insertCustomer(account, "Joaquim", "joaquim@example.com");
    const cookie = await login(account.attendants.admin.email);
    const ids = async (q: string) => (await listAs(cookie, `?q=${encodeURIComponent(q)}`)).customers.map((c) => c.id).sort();
    expect(await ids("100%")).toEqual([percent]);
    expect(await ids("a_s")).toEqual([underscore]);
    expect(await ids("%")).toEqual([percent]);
    expect(await ids("JOA")).toEqual([underscore, plain].sort());
    expect(await ids("joaquim@")).toEqual([plain]);
    expect(await ids("ninguém")).toEqual([]);
  });

  it("refuses bad queries with 400 and strangers with 401", async () => {
    const account = await createAccount("customers-list-bad");
    const cookie = await login(account.attendants.admin.email);
    await expectError(await api("/api/customers?limit=101", { cookie }), 400, "bad_request");
    await expectError(await api("/api/customers?page=0", { cookie }), 400, "bad_request");
    await expectError(await api(`/api/customers?q=${"x".repeat(101)}`, { cookie }), 400, "bad_request");
    await expectError(await api("/api/customers"), 401, "unauthenticated");
  });
});

describe("GET /api/customers/:id", () => {
  it("shows the customer's chats of the departments the reader may see, as /api/chats does, and their offline messages", async () => {
    const account = await createAccount("customers-detail");
    const { support, sales } = account.departments;
    const customer = await insertCustomer(account, "Dora", "dora@example.com");
    const older = await insertChat(account, customer, support, 1, 5000);
    const inSales = await insertChat(account, customer, sales, 2, 4000);
    const newer = await insertChat(account, customer, support, 3, 3000);
    const someoneElse = await insertCustomer(account, "Outra", "outra@example.com");
    await insertChat(account, someoneElse, support, 4, 2000);
    const offline = async (email: string, departmentId?: string) =>
      (
        await api("/api/widget/offline-messages", {
          body: { account: account.publicKey, departmentId, name: "Dora", email, message: "Oi" },
        })
      ).status;
    expect(await offline("dora@example.com", support)).toBe(201);
    expect(await offline("dora@example.com", sales)).toBe(201);
    expect(await offline("outra@example.com")).toBe(201);

    const admin = await login(account.attendants.admin.email);
    const all = await json<CustomerDetailResponse>(await api(`/api/customers/${customer}`, { cookie: admin }));
    expect(all.customer).toMatchObject({ id: customer, name: "Dora", deletedAt: null });
    expect(all.chats.map((c) => c.id)).toEqual([newer, inSales, older]);
    const viaChats = await json<ChatDetailResponse>(await api(`/api/chats/${newer}`, { cookie: admin }));
    expect(all.chats[0]).toEqual(viaChats.chat);
    expect(all.offlineMessages.map((m) => m.departmentId).sort()).toEqual([sales, support].sort());
    expect(all.offlineMessages[0]).toMatchObject({ name: "Dora", email: "dora@example.com", message: "Oi" });

    const attendant = await json<CustomerDetailResponse>(await api(`/api/customers/${customer}`, { cookie: await login(account.attendants.support1.email) }));
    expect(attendant.chats.map((c) => c.id)).toEqual([newer, older]);
    expect(attendant.offlineMessages.map((m) => m.departmentId)).toEqual([support]);
  });

  it("is a 404 for another account's customer or an unknown id", async () => {
    const account = await createAccount("customers-detail-404");
    const other = await createAccount("customers-detail-404-other");
    const theirs = await insertCustomer(other, "Fora", "fora@example.com");
    const cookie = await login(account.attendants.admin.email);
    await expectError(await api(`/api/customers/${theirs}`, { cookie }), 404, "not_found");
    await expectError(await api(`/api/customers/${crypto.randomUUID()}`, { cookie }), 404, "not_found");
    await expectError(await api("/api/customers/bad%20id", { cookie }), 404, "not_found");
  });
});

describe("PATCH /api/customers/:id", () => {
  it("lets administrators and managers correct name and e-mail, with an audit entry holding field names only", async () => {
    const account = await createAccount("customers-patch");
    const id = await insertCustomer(account, "Eva", "eva@example.com");
    const admin = await login(account.attendants.admin.email);
    const res = await api(`/api/customers/${id}`, { method: "PATCH", cookie: admin, body: { name: "  Eva Lima ", email: " EVA.LIMA@Example.com" } });
    expect(res.status).toBe(200);
    expect((await json<{ customer: CustomerView }>(res)).customer).toMatchObject({ id, name: "Eva Lima", email: "eva.lima@example.com" });
    const entry = await env.DB.prepare("SELECT * FROM audit_log WHERE account_id = ? AND action = 'customer.updated'").bind(account.id).first<Record<string, string>>();
    expect(entry).toMatchObject({ actor_id: account.attendants.admin.id, target_type: "customer", target_id: id });
    expect(JSON.parse(entry!.detail!)).toEqual({ fields: ["name", "email"] });

    const manager = await login(account.attendants.manager.email);
    expect((await api(`/api/customers/${id}`, { method: "PATCH", cookie: manager, body: { name: "Eva L." } })).status).toBe(200);
    expect(await customerRow(id)).toMatchObject({ name: "Eva L.", email: "eva.lima@example.com" });
  });

  it("refuses attendants (403), bad bodies (400), other accounts (404), and changes nothing", async () => {
    const account = await createAccount("customers-patch-refused");
    const other = await createAccount("customers-patch-refused-other");
    const id = await insertCustomer(account, "Fábio", "fabio@example.com");
    const before = await customerRow(id);
    const attendant = await login(account.attendants.support1.email);
    await expectError(await api(`/api/customers/${id}`, { method: "PATCH", cookie: attendant, body: { name: "X" } }), 403, "forbidden");
    const admin = await login(account.attendants.admin.email);
    for (const body of [{}, { name: "" }, { email: "not-an-e-mail" }, { name: "y".repeat(121) }, "not json"]) {
      await expectError(await api(`/api/customers/${id}`, { method: "PATCH", cookie: admin, body }), 400, "bad_request");
    }
    const stranger = await login(other.attendants.admin.email);
    await expectError(await api(`/api/customers/${id}`, { method: "PATCH", cookie: stranger, body: { name: "X" } }), 404, "not_found");
    expect(await customerRow(id)).toEqual(before);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ?", id)).toBe(0);
  });
});

describe("DELETE /api/customers/:id", () => {
  it("is for administrators only: attendants and managers get 403, other accounts 404, and nothing changes", async () => {
    const account = await createAccount("customers-delete-refused");
    const other = await createAccount("customers-delete-refused-other");
    const id = await insertCustomer(account, "Gil", "gil@example.com");
    const before = await customerRow(id);
    for (const who of ["support1", "manager"] as const) {
      const cookie = await login(account.attendants[who].email);
      await expectError(await api(`/api/customers/${id}`, { method: "DELETE", cookie }), 403, "forbidden");
    }
    const stranger = await login(other.attendants.admin.email);
    await expectError(await api(`/api/customers/${id}`, { method: "DELETE", cookie: stranger }), 404, "not_found");
    expect(await customerRow(id)).toEqual(before);
  });

  it("deletes offline messages by the customer's e-mail only within their account", async () => {
    const account = await createAccount("customers-delete-offline");
    const other = await createAccount("customers-delete-offline-other");
    const id = await insertCustomer(account, "Hugo", "hugo@example.com");
    for (const key of [account.publicKey, other.publicKey]) {
      const res = await api("/api/widget/offline-messages", { body: { account: key, name: "Hugo", email: "hugo@example.com", message: "Oi" } });
      expect(res.status).toBe(201);
    }
    const admin = await login(account.attendants.admin.email);
    expect((await api(`/api/customers/${id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect(await count("SELECT COUNT(*) AS n FROM offline_messages WHERE account_id = ?", account.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM offline_messages WHERE account_id = ?", other.id)).toBe(1);
  });
});

/** Every row of every D1 table, as text (Cloudflare's own `_cf_` tables are not readable). */
async function d1Dump(): Promise<string> {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'").all<{ name: string }>();
  expect(tables.results.map((t) => t.name)).toEqual(expect.arrayContaining(["customers", "chats", "chat_messages", "offline_messages", "chat_surveys", "audit_log"]));
  const parts: string[] = [];
  for (const { name } of tables.results) parts.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results));
  return parts.join("\n");
}

/** Every row of every table of a department room's SQLite. */
function roomDump(account: TestAccount, departmentId: string): Promise<string> {
  return runInDurableObject(room(account, departmentId), (_, state) => {
    const sql = state.storage.sql;
    const tables = sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'").toArray();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["chats", "messages"]));
    return tables.map(({ name }) => JSON.stringify(sql.exec(`SELECT * FROM "${name}"`).toArray())).join("\n");
  });
}

describe("the right to be forgotten", () => {
  it("leaves no trace of the name, the e-mail or any text in D1 and the rooms, closes the open chat first and stops the tokens", async () => {
    const account = await createAccount("forget");
    const { support, sales } = account.departments;
    await enableSurvey(account);
    const tag = crypto.randomUUID().slice(0, 8);
    const person = { name: `Zuleica ${tag}`, email: `zuleica.${tag}@example.com`, pageUrl: `https://shop.example.com/pedido-${tag}` };

    // A chat in sales, answered by name, closed and rated with a comment.
    const salesAgent = await attendantSocket(account.attendants.sales.email, sales);
    const first = await startChat(account, sales, { ...person, message: `primeira ${tag}` });
    const firstSocket = await customerSocket(first.ws);
    salesAgent.send({ type: "chat.accept", chatId: first.chat.id });
    await firstSocket.next("chat.accepted");
    salesAgent.send({ type: "message.send", chatId: first.chat.id, clientId: "a1", body: `Olá ${person.name}` });
    await firstSocket.next("message.created", (f) => f.message.clientId === "a1");
    firstSocket.send({ type: "message.send", chatId: first.chat.id, clientId: "c1", body: `segunda ${tag}` });
    await salesAgent.next("message.created", (f) => f.message.clientId === "c1");
    salesAgent.send({ type: "chat.close", chatId: first.chat.id });
    await firstSocket.next("chat.closed");
    firstSocket.close();
    salesAgent.close();
    const token = first.customerToken;
    expect((await answerSurvey(account, first.chat.id, token, { solved: false, grade: 2, comment: `comentário ${tag}` })).status).toBe(201);

    // An open chat in support with the same token, and a message the room has not copied to D1 yet.
    const supportAgent = await attendantSocket(account.attendants.support1.email, support);
    const second = await startChat(account, support, { ...person, token, message: `terceira ${tag}` });
    expect(second.customer.id).toBe(first.customer.id);
    const secondSocket = await customerSocket(second.ws);
    await runInDurableObject(room(account, support), (instance) => {
      instance.storage.appendMessage(second.chat.id, { type: "customer", id: second.customer.id, name: person.name }, `não copiada ${tag}`, null, Date.now());
    });
    for (const headers of [bearer(token), {}]) {
      const res = await api("/api/widget/offline-messages", { body: { account: account.publicKey, ...person, message: `offline ${tag}` }, headers });
      expect(res.status).toBe(201);
    }
    // Someone else's chat in the same room stays as it was.
    const bystander = await startChat(account, support, { name: "Outra Pessoa", message: "mensagem de outra pessoa" });
    // Every message the rooms hold (D1 receives them a moment later).
    const messagesBefore = (await room(account, sales).messages(first.chat.id)).length + (await room(account, support).messages(second.chat.id)).length;

    // The dumps do see the person before (so their silence afterwards means something).
    await expect.poll(d1Dump).toContain(`segunda ${tag}`);
    expect(await roomDump(account, support)).toContain(`não copiada ${tag}`);
    expect(await roomDump(account, sales)).toContain(person.email);

    const admin = await login(account.attendants.admin.email);
    const res = await api(`/api/customers/${first.customer.id}`, { method: "DELETE", cookie: admin });
    expect(res.status).toBe(204);

    // The open chat was closed by its room, anonymously, and the customer's socket closed.
    const closed = await secondSocket.next("chat.closed");
    expect(closed.chat).toMatchObject({ id: second.chat.id, status: "closed", closedBy: "system", pageUrl: null, customer: { name: FORGOTTEN, email: "" } });
    expect((await secondSocket.waitClosed())?.code).toBe(1008);
    expect((await supportAgent.next("chat.closed", (f) => f.chat.id === second.chat.id)).chat.customer.name).toBe(FORGOTTEN);
    supportAgent.close();

    const noTrace = async () => {
      const dumps = [await d1Dump(), await roomDump(account, support), await roomDump(account, sales)];
      for (const dump of dumps) expect(dump).not.toContain(tag);
    };
    await noTrace();
    // Later copies from the rooms (what their alarms run) write nothing old back.
    await runInDurableObject(room(account, support), (instance) => instance.syncNow());
    await runInDurableObject(room(account, sales), (instance) => instance.syncNow());
    await noTrace();

    // The chats stay as anonymous records, with every message kept and blank.
    expect(await customerRow(first.customer.id)).toMatchObject({ name: FORGOTTEN, email: "", verified_email: null, deleted_at: expect.any(Number) });
    const chats = await env.DB.prepare("SELECT status, page_url FROM chats WHERE customer_id = ?").bind(first.customer.id).all();
    expect(chats.results).toEqual([
      { status: "closed", page_url: null },
      { status: "closed", page_url: null },
    ]);
    expect(await count("SELECT COUNT(*) AS n FROM chat_messages WHERE chat_id IN (?, ?)", first.chat.id, second.chat.id)).toBe(messagesBefore);
    expect(await count("SELECT COUNT(*) AS n FROM chat_messages WHERE chat_id IN (?, ?) AND body != ''", first.chat.id, second.chat.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM chat_messages WHERE chat_id IN (?, ?) AND author_type = 'customer' AND author_name != ?", first.chat.id, second.chat.id, FORGOTTEN)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM chat_surveys WHERE chat_id = ? AND comment IS NULL", first.chat.id)).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM offline_messages WHERE account_id = ?", account.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM chat_messages WHERE chat_id = ? AND body = 'mensagem de outra pessoa'", bystander.chat.id)).toBe(1);
    const entry = await env.DB.prepare("SELECT * FROM audit_log WHERE account_id = ? AND action = 'customer.deleted'").bind(account.id).first<Record<string, string>>();
    expect(entry).toMatchObject({ actor_id: account.attendants.admin.id, target_id: first.customer.id });
    expect(JSON.parse(entry!.detail!)).toEqual({ chats: 2 });

    // Their tokens stop working: customer token and socket token.
    await expectError(await widgetMe(account.publicKey, token), 401, "invalid_token");
    await expectError(await api(`/api/widget/history?account=${account.publicKey}`, { headers: bearer(token) }), 401, "invalid_token");
    const socketUrl = new URL(second.ws.url);
    await expectError(await upgrade(`${socketUrl.pathname}${socketUrl.search}`), 401, "invalid_token");

    // The console shows the anonymous record; a second DELETE changes nothing more.
    const detail = await json<CustomerDetailResponse>(await api(`/api/customers/${first.customer.id}`, { cookie: admin }));
    expect(detail.customer).toMatchObject({ name: FORGOTTEN, email: "", verified: false, deletedAt: expect.any(Number) });
    expect(detail.chats.map((c) => c.pageUrl)).toEqual([null, null]);
    expect(detail.offlineMessages).toEqual([]);
    expect((await api(`/api/customers/${first.customer.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ? AND action = 'customer.deleted'", account.id)).toBe(1);
    await expectError(await api(`/api/customers/${first.customer.id}`, { method: "PATCH", cookie: admin, body: { name: "De volta" } }), 409, "customer_deleted");
   // Two rooms, a dozen socket round trips and two full dumps: slow on a shared machine.
  }, 20_000);
});
