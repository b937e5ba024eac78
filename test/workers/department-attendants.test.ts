/**
 * Issue 12, defect 9: GET /api/departments/:id/attendants lists every attendant who attends the
 * department (online or not, supervisors who do not attend left out) with their live status:
 * online, offline, or busy at their limit. Refusals: no session 401, another department 403,
 * another account's 404, a bad id 404.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { DepartmentAttendantsResponse } from "../../worker/views-console";
import { api, attendantSocket, createAccount, customerSocket, expectError, json, login, startChat } from "./helpers";

async function roster(cookie: string, departmentId: string): Promise<DepartmentAttendantsResponse> {
  const res = await api(`/api/departments/${departmentId}/attendants`, { cookie });
  expect(res.status).toBe(200);
  return json(res);
}

describe("GET /api/departments/:id/attendants", () => {
  it("lists everyone who attends, offline ones too, with online, offline and busy", async () => {
    const account = await createAccount("roster");
    const { support } = account.departments;
    const { manager, support1, support2, admin } = account.attendants;
    await env.DB.prepare("UPDATE attendants SET max_chats = 1 WHERE id = ?").bind(support1.id).run();
    const one = await attendantSocket(support1.email, support);
    const adminSocket = await attendantSocket(admin.email, support);
    // The administrator reads (a login sets its attendant online: support2 and the manager stay away).
    const cookie = await login(admin.email);

    let body = await roster(cookie, support);
    // Sorted by name; the administrator does not attend support and is not listed, online or not.
    expect(body.attendants.map((a) => [a.name, a.status])).toEqual([
      [manager.name, "offline"],
      [support1.name, "online"],
      [support2.name, "offline"],
    ]);
    expect(body.attendants.find((a) => a.id === support1.id)).toMatchObject({ role: "attendant", activeChats: 0, limit: 1 });

    const started = await startChat(account, support);
    const customer = await customerSocket(started.ws);
    one.send({ type: "chat.accept", chatId: started.chat.id });
    await customer.next("chat.accepted");
    body = await roster(cookie, support);
    expect(body.attendants.find((a) => a.id === support1.id)).toMatchObject({ status: "busy", activeChats: 1, limit: 1 });
    customer.close();
    one.close();
    adminSocket.close();
  });

  it("refuses without a session, outside the caller's departments, and another account's department", async () => {
    const account = await createAccount("roster-refused");
    const other = await createAccount("roster-other");
    const cookie = await login(account.attendants.support1.email);
    await expectError(await api(`/api/departments/${account.departments.support}/attendants`), 401, "unauthenticated");
    await expectError(await api(`/api/departments/${account.departments.sales}/attendants`, { cookie }), 403, "forbidden");
    await expectError(await api(`/api/departments/${other.departments.support}/attendants`, { cookie }), 404, "not_found");
    await expectError(await api(`/api/departments/not%20an%20id/attendants`, { cookie }), 404, "not_found");
    // An administrator reads any department of the account.
    const admin = await login(account.attendants.admin.email);
    expect((await roster(admin, account.departments.sales)).attendants.map((a) => a.id)).toEqual([account.attendants.sales.id]);
  });
});
