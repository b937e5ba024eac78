/**
 * Supervision (issue 8, "Control of the queue"): the role matrix of the supervision read
 * (GET /api/supervision) and of remote close (the `chat.close` frame on a colleague's chat), and
 * that the closer's name reaches the attendant, the customer, the transcript and the audit log.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../worker/auth/password";
import type { SupervisionResponse } from "../../worker/views-hours";
import {
  api,
  attendantSocket,
  createAccount,
  customerSocket,
  expectError,
  history,
  json,
  login,
  PASSWORD,
  room,
  settle,
  startChat,
  upgrade,
  widgetMe,
  wsToken,
  type TestAccount,
} from "./helpers";

/** Adds a department manager of sales (who neither attends nor manages support). */
async function salesManager(account: TestAccount) {
  const id = crypto.randomUUID();
  const email = `sales-manager.${id}@example.com`;
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO attendants (id, account_id, name, email, password_hash, role, chat_status_on_login, created_at)
       VALUES (?, ?, 'Gerente de Vendas', ?, ?, 'department_manager', 'online', ?)`,
    ).bind(id, account.id, email, await hashPassword(PASSWORD), Date.now()),
    env.DB.prepare("INSERT INTO attendant_departments (account_id, attendant_id, department_id, attends, manages) VALUES (?, ?, ?, 1, 1)").bind(
      account.id,
      id,
      account.departments.sales,
    ),
  ]);
  return { id, email };
}

/** Support with a chat support1 accepted and one waiting; sales with one waiting. */
async function floor(label: string) {
  const account = await createAccount(label);
  const { support, sales } = account.departments;
  const support1 = await attendantSocket(account.attendants.support1.email, support);
  const salesDesk = await attendantSocket(account.attendants.sales.email, sales);
  const active = await startChat(account, support, { name: "Cliente Ativo" });
  const customer = await customerSocket(active.ws);
  support1.send({ type: "chat.accept", chatId: active.chat.id });
  await customer.next("chat.accepted");
  const waiting = await startChat(account, support, { name: "Cliente na Fila" });
  const salesWaiting = await startChat(account, sales, { name: "Cliente de Vendas" });
  const closeAll = () => [support1, salesDesk, customer].forEach((s) => s.close());
  return { account, support, sales, support1, customer, customerToken: active.customerToken, active: active.chat, waiting: waiting.chat, salesWaiting: salesWaiting.chat, closeAll };
}

async function supervision(cookie: string, query = ""): Promise<SupervisionResponse> {
  const res = await api(`/api/supervision${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<SupervisionResponse>(res);
}

describe("GET /api/supervision", () => {
  it("an administrator reads every department's waiting and active chats, with who has them and since when", async () => {
    const f = await floor("sup-admin");
    const body = await supervision(await login(f.account.attendants.admin.email));
    expect(body.departments.map((d) => d.name).sort()).toEqual(["Comercial", "Suporte"]);
    expect(body.chats.map((c) => c.id)).toEqual([f.active.id, f.waiting.id, f.salesWaiting.id]);
    const [active, waiting] = body.chats;
    expect(active).toMatchObject({
      status: "active",
      departmentId: f.support,
      departmentName: "Suporte",
      customer: { name: "Cliente Ativo" },
      attendant: { id: f.account.attendants.support1.id, name: f.account.attendants.support1.name },
    });
    expect(active!.since).toBe(active!.acceptedAt);
    expect(waiting).toMatchObject({ status: "waiting", attendant: null, acceptedAt: null });
    expect(waiting!.since).toBe(waiting!.createdAt);
    expect(body.now).toBeGreaterThanOrEqual(waiting!.createdAt);
    f.closeAll();
  });

  it("a manager reads only the departments they manage; another department is 403, another account's 404", async () => {
    const f = await floor("sup-manager");
    const other = await createAccount("sup-manager-other");
    const cookie = await login(f.account.attendants.manager.email);
    const body = await supervision(cookie);
    expect(body.departments).toEqual([{ id: f.support, name: "Suporte" }]);
    expect(body.chats.map((c) => c.id)).toEqual([f.active.id, f.waiting.id]);
    expect((await supervision(cookie, `?departmentId=${f.support}`)).chats).toHaveLength(2);
    await expectError(await api(`/api/supervision?departmentId=${f.sales}`, { cookie }), 403, "forbidden");
    await expectError(await api(`/api/supervision?departmentId=${other.departments.support}`, { cookie }), 404, "not_found");
    f.closeAll();
  });

  it("the manager of another department sees none of support's chats", async () => {
    const f = await floor("sup-other-manager");
    const cookie = await login((await salesManager(f.account)).email);
    const body = await supervision(cookie);
    expect(body.departments).toEqual([{ id: f.sales, name: "Comercial" }]);
    expect(body.chats.map((c) => c.id)).toEqual([f.salesWaiting.id]);
    await expectError(await api(`/api/supervision?departmentId=${f.support}`, { cookie }), 403, "forbidden");
    f.closeAll();
  });

  it("a plain attendant is refused (403), without a session 401, bad input 400", async () => {
    const f = await floor("sup-attendant");
    const cookie = await login(f.account.attendants.support2.email);
    await expectError(await api("/api/supervision", { cookie }), 403, "forbidden");
    await expectError(await api(`/api/supervision?departmentId=${f.support}`, { cookie }), 403, "forbidden");
    await expectError(await api("/api/supervision"), 401, "unauthenticated");
    await expectError(await api("/api/supervision?departmentId=not%20an%20id", { cookie: await login(f.account.attendants.admin.email) }), 400, "bad_request");
    f.closeAll();
  });

  it("another account's administrator never sees this account's chats", async () => {
    const f = await floor("sup-iso-a");
    const other = await createAccount("sup-iso-b");
    const cookie = await login(other.attendants.admin.email);
    const body = await supervision(cookie);
    expect(body.chats).toEqual([]);
    await expectError(await api(`/api/supervision?departmentId=${f.support}`, { cookie }), 404, "not_found");
    f.closeAll();
  });
});

describe("remote close from the supervision view", () => {
  it.each(["manager", "admin"] as const)(
    "the department's %s closes an attendant's chat: both sides get chat.closed with the closer's name, the transcript and the audit log say who",
    async (role) => {
      const f = await floor(`sup-close-${role}`);
      const closer = f.account.attendants[role];
      const supervisor = await attendantSocket(closer.email, f.support);
      supervisor.send({ type: "chat.close", chatId: f.active.id });

      const expected = { type: "attendant", id: closer.id, name: closer.name, role: role === "admin" ? "administrator" : "department_manager" };
      const toCustomer = await f.customer.next("chat.closed");
      const toAttendant = await f.support1.next("chat.closed", (c) => c.chat.id === f.active.id);
      expect(toCustomer.chat.closer).toEqual(expected);
      expect(toAttendant.chat.closer).toEqual(expected);
      // The line came before the close, to both sides.
      const line = `Atendimento encerrado por ${closer.name}`;
      for (const socket of [f.customer, f.support1]) {
        const created = socket.all("message.created").find((m) => m.message.body === line);
        expect(created?.message.author.type).toBe("system");
        expect(socket.frames.indexOf(created!)).toBeLessThan(socket.frames.indexOf(socket.all("chat.closed")[0]!));
      }
      // The transcript in D1 keeps the line; the audit log records who closed whose chat.
      const stored = await env.DB.prepare("SELECT body FROM chat_messages WHERE chat_id = ? AND author_type = 'system' AND body = ?").bind(f.active.id, line).first();
      expect(stored).toEqual({ body: line });
      const audit = await env.DB.prepare(
        "SELECT actor_id, actor_name, target_id, json_extract(detail, '$.attendantId') AS attendant FROM audit_log WHERE account_id = ? AND action = 'chat.closed_remotely'",
      )
        .bind(f.account.id)
        .all();
      expect(audit.results).toEqual([{ actor_id: closer.id, actor_name: closer.name, target_id: f.active.id, attendant: f.account.attendants.support1.id }]);
      // The supervision read no longer lists it.
      const body = await supervision(await login(closer.email));
      expect(body.chats.map((c) => c.id)).not.toContain(f.active.id);
      supervisor.close();
      f.closeAll();
    },
  );

  it("the customer's reload still shows who closed it (GET /api/widget/me)", async () => {
    const f = await floor("sup-close-reload");
    const admin = await attendantSocket(f.account.attendants.admin.email, f.support);
    admin.send({ type: "chat.close", chatId: f.active.id });
    await f.customer.next("chat.closed");
    const me = await json(await widgetMe(f.account.publicKey, f.customerToken));
    expect(me.chat.closer).toEqual({ type: "attendant", id: f.account.attendants.admin.id, name: f.account.attendants.admin.name, role: "administrator" });
    admin.close();
    f.closeAll();
  });

  it("an administrator closes a waiting chat of a department they do not attend", async () => {
    const f = await floor("sup-close-waiting");
    const admin = await attendantSocket(f.account.attendants.admin.email, f.sales);
    admin.send({ type: "chat.close", chatId: f.salesWaiting.id });
    const closed = await admin.next("chat.closed");
    expect(closed.chat).toMatchObject({ id: f.salesWaiting.id, status: "closed", closer: { type: "attendant", id: f.account.attendants.admin.id } });
    admin.close();
    f.closeAll();
  });

  it("an attendant's own close names them and adds no remote-close line or audit entry", async () => {
    const f = await floor("sup-close-own");
    f.support1.send({ type: "chat.close", chatId: f.active.id });
    const closed = await f.customer.next("chat.closed");
    expect(closed.chat.closer).toEqual({ type: "attendant", id: f.account.attendants.support1.id, name: f.account.attendants.support1.name, role: "attendant" });
    expect(f.customer.all("message.created").filter((m) => m.message.body.startsWith("Atendimento encerrado por"))).toEqual([]);
    const audit = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE account_id = ? AND action = 'chat.closed_remotely'").bind(f.account.id).first();
    expect(audit).toEqual({ n: 0 });
    f.closeAll();
  });

  it("a colleague, the manager of another department and another account cannot close it", async () => {
    const f = await floor("sup-close-refused");
    const colleague = await attendantSocket(f.account.attendants.support2.email, f.support);
    colleague.send({ type: "chat.close", chatId: f.active.id });
    expect(await colleague.next("error")).toMatchObject({ code: "not_found", chatId: f.active.id });

    // Neither may open support's room at all.
    const otherManager = await salesManager(f.account);
    const other = await createAccount("sup-close-refused-other");
    for (const email of [otherManager.email, other.attendants.admin.email]) {
      const token = await wsToken(await login(email));
      await expectError(await upgrade(`/api/ws?token=${encodeURIComponent(token)}&department=${f.support}&v=1`), 403, "forbidden");
    }
    // The manager of sales, in their own room, does not find support's chat there.
    const salesRoom = await attendantSocket(otherManager.email, f.sales);
    salesRoom.send({ type: "chat.close", chatId: f.active.id });
    expect(await salesRoom.next("error")).toMatchObject({ code: "not_found", chatId: f.active.id });

    expect((await room(f.account, f.support).getChat(f.active.id))?.status).toBe("active");
    await settle(f.customer);
    expect(f.customer.all("chat.closed")).toEqual([]);
    expect((await history(f.customer, f.active.id)).map((m) => m.body)).not.toContain(expect.stringContaining("encerrado por"));
    colleague.close();
    salesRoom.close();
    f.closeAll();
  });
});
