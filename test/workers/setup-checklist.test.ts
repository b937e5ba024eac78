/**
 * GET /api/setup: the first-steps checklist, each item computed from the account's data (rows
 * and audit entries written as the other Gestão routes write them), for administrators only.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SetupChecklistResponse, SignupResponse } from "../../worker/views-gestao";
import { api, createAccount, expectError, json, login } from "./helpers";

/** A fresh account from the sign-up route: one administrator, one department "Geral". */
async function signedUp(): Promise<{ accountId: string; departmentId: string; cookie: string }> {
  const id = crypto.randomUUID();
  const res = await api("/api/signup", { body: { company: `Loja ${id}`, name: "Dona", email: `dona.${id}@example.com`, password: "uma senha longa" } });
  expect(res.status).toBe(201);
  const me = await json<SignupResponse>(res);
  const cookie = `sid=${/sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1]}`;
  return { accountId: me.account.id, departmentId: me.attendant.departments[0]!.id, cookie };
}

async function checklist(cookie: string): Promise<Record<string, boolean> & { done: boolean }> {
  const res = await api("/api/setup", { cookie });
  expect(res.status).toBe(200);
  const body = await json<SetupChecklistResponse>(res);
  expect(body.items.map((i) => i.key)).toEqual(["departments", "attendants", "hours", "snippet", "testChat"]);
  return { ...Object.fromEntries(body.items.map((i) => [i.key, i.done])), done: body.done };
}

function audit(accountId: string, action: string, detail: unknown) {
  return env.DB.prepare("INSERT INTO audit_log (id, account_id, actor_id, actor_name, action, detail, created_at) VALUES (?, ?, NULL, 'x', ?, ?, ?)")
    .bind(crypto.randomUUID(), accountId, action, detail === null ? null : JSON.stringify(detail), Date.now())
    .run();
}

describe("GET /api/setup", () => {
  it("ticks 'hours' when the administrator saves the account's time zone, even unchanged, through the real routes", async () => {
    const { cookie } = await signedUp();
    expect((await checklist(cookie)).hours).toBe(false);
    const saved = await api("/api/account", { method: "PATCH", cookie, body: { timeZone: "America/Sao_Paulo" } });
    expect(saved.status).toBe(200);
    expect((await checklist(cookie)).hours).toBe(true);
  });

  it("ticks 'hours' once the account has business hours", async () => {
    const { cookie } = await signedUp();
    const created = await api("/api/shifts", { cookie, body: { name: "Comercial", scope: "account", intervals: [{ day: 1, start: "09:00", end: "18:00" }] } });
    expect(created.status).toBe(201);
    expect((await checklist(cookie)).hours).toBe(true);
  });

  it("starts with nothing done and ticks each item from data", async () => {
    const { accountId, departmentId, cookie } = await signedUp();
    const none = { departments: false, attendants: false, hours: false, snippet: false, testChat: false, done: false };
    expect(await checklist(cookie)).toEqual(none);

    const now = Date.now();
    await env.DB.prepare("INSERT INTO attendants (id, account_id, name, email, password_hash, role, created_at) VALUES (?, ?, 'B', ?, 'x', 'attendant', ?)")
      .bind(crypto.randomUUID(), accountId, `b.${crypto.randomUUID()}@example.com`, now)
      .run();
    expect(await checklist(cookie)).toEqual({ ...none, attendants: true });

    await audit(accountId, "department.updated", { fields: ["name"] });
    await audit(accountId, "account.updated", { fields: ["name", "locale"] });
    expect(await checklist(cookie)).toEqual({ ...none, attendants: true, departments: true });
    await audit(accountId, "account.updated", { fields: ["name", "timeZone"] });
    await env.DB.prepare("UPDATE accounts SET widget_seen_at = ? WHERE id = ?").bind(now, accountId).run();
    expect(await checklist(cookie)).toEqual({ ...none, attendants: true, departments: true, hours: true, snippet: true });

    const customerId = crypto.randomUUID();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, 'C', 'c@example.com', ?, ?)").bind(customerId, accountId, now, now),
      env.DB.prepare("INSERT INTO chats (id, account_id, number, department_id, customer_id, status, origin, created_at) VALUES (?, ?, 1, ?, ?, 'waiting', 'widget', ?)").bind(
        crypto.randomUUID(),
        accountId,
        departmentId,
        customerId,
        now,
      ),
    ]);
    expect(await checklist(cookie)).toEqual({ departments: true, attendants: true, hours: true, snippet: true, testChat: true, done: true });
  });

  it("counts a second department, a created department and a time zone given as a key", async () => {
    const a = await signedUp();
    await env.DB.prepare("INSERT INTO departments (id, account_id, name, created_at) VALUES (?, ?, 'Vendas', ?)").bind(crypto.randomUUID(), a.accountId, Date.now()).run();
    await audit(a.accountId, "account.updated", { timeZone: "America/Manaus" });
    expect(await checklist(a.cookie)).toMatchObject({ departments: true, hours: true });

    const b = await signedUp();
    await audit(b.accountId, "department.created", null);
    await audit(b.accountId, "account.updated", null);
    await audit(b.accountId, "attendant.updated", { fields: ["timeZone"] });
    expect(await checklist(b.cookie)).toMatchObject({ departments: true, hours: false });
  });

  it("looks at the caller's account only", async () => {
    const mine = await signedUp();
    const theirs = await signedUp();
    await audit(theirs.accountId, "department.updated", {});
    await audit(theirs.accountId, "account.updated", { timeZone: "Europe/Lisbon" });
    await env.DB.prepare("UPDATE accounts SET widget_seen_at = ? WHERE id = ?").bind(Date.now(), theirs.accountId).run();
    expect(await checklist(mine.cookie)).toMatchObject({ departments: false, hours: false, snippet: false });
    expect(await checklist(theirs.cookie)).toMatchObject({ departments: true, hours: true, snippet: true });
  });

  it("is for administrators: managers and attendants get 403, strangers 401", async () => {
    const account = await createAccount("setup-refused");
    for (const who of ["manager", "support1"] as const) {
      await expectError(await api("/api/setup", { cookie: await login(account.attendants[who].email) }), 403, "forbidden");
    }
    await expectError(await api("/api/setup"), 401, "unauthenticated");
    // createAccount's account already has two departments and several attendants.
    expect(await checklist(await login(account.attendants.admin.email))).toMatchObject({ departments: true, attendants: true, testChat: false });
  });
});
