/**
 * Gestão: Atendentes (docs/API.md). Who may list, create and change whom; the invitation that
 * comes with a new attendant; deactivation ending every session; the last active administrator.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { UNUSABLE_HASH } from "../../worker/auth/password";
import type { AttendantResponse, AttendantsResponse } from "../../worker/views-gestao";
import { api, createAccount, expectError, json, login, PASSWORD } from "./helpers";
import { attendantRow, auditCount, audits, invite, linkRows, tokenOf } from "./gestao-helpers";

const patch = (cookie: string, id: string, body: unknown) => api(`/api/attendants/${id}`, { method: "PATCH", cookie, body });

describe("listing attendants", () => {
  it("gives an administrator every attendant of the account by name, with their departments", async () => {
    const account = await createAccount("list-admin");
    const other = await createAccount("list-other");
    const cookie = await login(account.attendants.admin.email);
    const body = await json<AttendantsResponse>(await api("/api/attendants", { cookie }));
    expect(body.page).toBe(1);
    expect(body.hasMore).toBe(false);
    expect(body.attendants.map((a) => a.name)).toEqual(["admin of list-admin", "manager of list-admin", "sales of list-admin", "support1 of list-admin", "support2 of list-admin"]);
    expect(body.attendants.some((a) => a.id === other.attendants.admin.id)).toBe(false);
    const manager = body.attendants.find((a) => a.id === account.attendants.manager.id);
    expect(manager).toMatchObject({
      email: account.attendants.manager.email,
      role: "department_manager",
      departmentIds: [account.departments.support],
      managedDepartmentIds: [account.departments.support],
      chatStatusOnLogin: "online",
      active: true,
      invitation: null,
    });
    expect(body.attendants.find((a) => a.id === account.attendants.sales.id)?.managedDepartmentIds).toEqual([]);
  });

  it("searches name and e-mail, pages with hasMore and refuses a limit over 100", async () => {
    const account = await createAccount("list-search");
    const cookie = await login(account.attendants.admin.email);
    const found = await json<AttendantsResponse>(await api("/api/attendants?q=SUPPORT", { cookie }));
    expect(found.attendants.map((a) => a.id)).toEqual([account.attendants.support1.id, account.attendants.support2.id]);
    const byEmail = await json<AttendantsResponse>(await api(`/api/attendants?q=${encodeURIComponent(`sales.${account.id}`)}`, { cookie }));
    expect(byEmail.attendants.map((a) => a.id)).toEqual([account.attendants.sales.id]);
    const first = await json<AttendantsResponse>(await api("/api/attendants?limit=2", { cookie }));
    const third = await json<AttendantsResponse>(await api("/api/attendants?limit=2&page=3", { cookie }));
    expect([first.attendants.length, first.hasMore, third.attendants.length, third.hasMore]).toEqual([2, true, 1, false]);
    await expectError(await api("/api/attendants?limit=101", { cookie }), 400, "bad_request");
  });

  it("gives a department manager the non-administrators of the departments they manage", async () => {
    const account = await createAccount("list-manager");
    const cookie = await login(account.attendants.manager.email);
    const body = await json<AttendantsResponse>(await api("/api/attendants", { cookie }));
    expect(body.attendants.map((a) => a.id).sort()).toEqual(
      [account.attendants.manager.id, account.attendants.support1.id, account.attendants.support2.id].sort(),
    );
  });
});

describe("refusals", () => {
  it("answers 403 to an attendant on every route and changes nothing", async () => {
    const account = await createAccount("refuse-attendant");
    const cookie = await login(account.attendants.support1.email);
    const id = account.attendants.support2.id;
    const before = await auditCount(account.id);
    const calls = [
      api("/api/attendants", { cookie }),
      api("/api/attendants", { cookie, body: { name: "X", email: `x.${account.id}@example.com`, role: "attendant", departmentIds: [] } }),
      api(`/api/attendants/${id}`, { cookie }),
      patch(cookie, id, { name: "Renamed" }),
      api(`/api/attendants/${id}/invitation`, { method: "POST", cookie }),
      api(`/api/attendants/${id}/invitation`, { method: "DELETE", cookie }),
    ];
    for (const res of await Promise.all(calls)) await expectError(res, 403, "forbidden");
    expect((await attendantRow(id))?.name).toBe(account.attendants.support2.name);
    expect(await auditCount(account.id)).toBe(before);
  });

  it("answers 401 without a session", async () => {
    await expectError(await api("/api/attendants"), 401, "unauthenticated");
  });

  it("answers 404 for another account's attendant and for unknown ids", async () => {
    const account = await createAccount("refuse-404");
    const other = await createAccount("refuse-404-other");
    const cookie = await login(account.attendants.admin.email);
    for (const id of [other.attendants.support1.id, crypto.randomUUID(), "bad id!"]) {
      await expectError(await api(`/api/attendants/${encodeURIComponent(id)}`, { cookie }), 404, "not_found");
      await expectError(await patch(cookie, encodeURIComponent(id), { name: "Taken over" }), 404, "not_found");
      await expectError(await api(`/api/attendants/${encodeURIComponent(id)}/invitation`, { method: "POST", cookie }), 404, "not_found");
    }
    expect((await attendantRow(other.attendants.support1.id))?.name).toBe(other.attendants.support1.name);
  });

  it("refuses a manager outside their departments and for administrators", async () => {
    const account = await createAccount("refuse-manager");
    const { support, sales } = account.departments;
    const cookie = await login(account.attendants.manager.email);
    const { admin, support1 } = account.attendants;
    const before = await auditCount(account.id);
    await expectError(await api(`/api/attendants/${account.attendants.sales.id}`, { cookie }), 403, "forbidden");
    await expectError(await api(`/api/attendants/${admin.id}`, { cookie }), 403, "forbidden");
    await expectError(await patch(cookie, admin.id, { name: "Demoted" }), 403, "forbidden");
    await expectError(await patch(cookie, account.attendants.sales.id, { departmentIds: [support] }), 403, "forbidden");
    // Within reach, but granting a department or a role they do not have.
    await expectError(await patch(cookie, support1.id, { departmentIds: [support, sales] }), 403, "forbidden");
    await expectError(await patch(cookie, support1.id, { role: "administrator" }), 403, "forbidden");
    await expectError(await patch(cookie, support1.id, { role: "department_manager", managedDepartmentIds: [sales] }), 403, "forbidden");
    const create = (body: object) =>
      api("/api/attendants", { cookie, body: { name: "Nova", email: `nova.${crypto.randomUUID()}@example.com`, role: "attendant", departmentIds: [support], ...body } });
    await expectError(await create({ role: "administrator" }), 403, "forbidden");
    await expectError(await create({ departmentIds: [sales] }), 403, "forbidden");
    await expectError(await create({ departmentIds: [] }), 403, "forbidden");
    await expectError(await create({ role: "department_manager", managedDepartmentIds: [sales] }), 403, "forbidden");
    await expectError(await api(`/api/attendants/${admin.id}/invitation`, { method: "DELETE", cookie }), 403, "forbidden");
    expect(await linkRows(support1.id)).toEqual([{ department_id: support, attends: 1, manages: 0 }]);
    expect((await attendantRow(support1.id))?.role).toBe("attendant");
    expect(await auditCount(account.id)).toBe(before);
  });

  type Ids = { support: string; foreign: string };
  it.each([
    ["no name", () => ({ name: undefined }), "name"],
    ["an empty name", () => ({ name: "  " }), "name"],
    ["an invalid e-mail", () => ({ email: "not-an-email" }), "email"],
    ["an unknown role", () => ({ role: "owner" }), "role"],
    ["departmentIds that is not a list", () => ({ departmentIds: "x" }), "departmentIds"],
    ["a department of another account", (d: Ids) => ({ departmentIds: [d.support, d.foreign] }), "departmentIds.1"],
    ["departments to manage for an attendant", (d: Ids) => ({ managedDepartmentIds: [d.support] }), "managedDepartmentIds"],
    ["a bad chatStatusOnLogin", () => ({ chatStatusOnLogin: "busy" }), "chatStatusOnLogin"],
  ])("answers 400 with the field for %s, and creates nothing", async (_, overrides, field) => {
    const account = await createAccount("create-bad");
    const other = await createAccount("create-bad-other");
    const cookie = await login(account.attendants.admin.email);
    const email = `bad.${crypto.randomUUID()}@example.com`;
    const ids = { support: account.departments.support, foreign: other.departments.support };
    const body = { name: "Nova", email, role: "attendant", departmentIds: [ids.support], ...overrides(ids) };
    const res = await api("/api/attendants", { cookie, body });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "bad_request", field });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM attendants WHERE email = ?").bind(email).first("n")).toBe(0);
  });
});

describe("creating an attendant", () => {
  it("stores them without a usable password, with their links, a hashed single-use invitation and audit entries", async () => {
    const account = await createAccount("create-ok");
    const { support, sales } = account.departments;
    const cookie = await login(account.attendants.admin.email);
    const email = `Nova.${account.id}@Example.com`;
    const answer = await invite(cookie, { name: "Nova Gerente", email, role: "department_manager", departmentIds: [support], managedDepartmentIds: [sales] });
    const { attendant, invitation } = answer;
    expect(attendant).toMatchObject({
      name: "Nova Gerente",
      email: email.toLowerCase(),
      role: "department_manager",
      departmentIds: [support],
      managedDepartmentIds: [sales],
      chatStatusOnLogin: "offline",
      chatStatus: "offline",
      active: true,
      invitation: { status: "pending", expiresAt: invitation.expiresAt },
    });
    expect(invitation.url).toMatch(/^http:\/\/chat\.test\/admin\/invite\/[A-Za-z0-9_-]{40,}$/);
    expect(invitation.expiresAt - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect((await attendantRow(attendant.id))?.password_hash).toBe(UNUSABLE_HASH);
    expect(await linkRows(attendant.id)).toEqual(
      [
        { department_id: support, attends: 1, manages: 0 },
        { department_id: sales, attends: 0, manages: 1 },
      ].sort((a, b) => a.department_id.localeCompare(b.department_id)),
    );
    const token = tokenOf(invitation.url);
    const stored = await env.DB.prepare("SELECT token_hash FROM invitations WHERE attendant_id = ?").bind(attendant.id).first<{ token_hash: string }>();
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toContain(token);
    expect((await audits(account.id, "attendant.created"))[0]).toMatchObject({ actor_id: account.attendants.admin.id, target_id: attendant.id });
    expect(await audits(account.id, "attendant.invitation_sent")).toHaveLength(1);
    // No password yet: nothing logs in.
    await expectError(await api("/api/auth/login", { body: { email, password: PASSWORD } }), 401, "invalid_credentials");
  });

  it("links an attendant to many departments at once (D1 binds at most 100 parameters a statement)", async () => {
    const account = await createAccount("create-many");
    const ids = Array.from({ length: 40 }, () => crypto.randomUUID());
    await env.DB.batch(
      ids.map((id, i) =>
        env.DB.prepare("INSERT INTO departments (id, account_id, name, created_at) VALUES (?, ?, ?, ?)").bind(id, account.id, `Dep ${i}`, Date.now()),
      ),
    );
    const cookie = await login(account.attendants.admin.email);
    const { attendant } = await invite(cookie, { role: "department_manager", departmentIds: ids, managedDepartmentIds: ids.slice(0, 30) });
    expect(attendant.departmentIds).toHaveLength(40);
    expect(attendant.managedDepartmentIds).toHaveLength(30);
    expect(await linkRows(attendant.id)).toHaveLength(40);
  });

  it("answers 409 email_taken for an e-mail of any account, in any case", async () => {
    const account = await createAccount("create-taken");
    const other = await createAccount("create-taken-other");
    const cookie = await login(account.attendants.admin.email);
    for (const email of [account.attendants.support1.email, other.attendants.support1.email.toUpperCase()]) {
      const res = await api("/api/attendants", { cookie, body: { name: "Dup", email, role: "attendant", departmentIds: [] } });
      expect(res.status).toBe(409);
      expect((await json(res)).error).toMatchObject({ code: "email_taken", field: "email" });
    }
    await expectError(await patch(cookie, account.attendants.support2.id, { email: other.attendants.admin.email }), 409, "email_taken");
  });

  it("lets a manager create an attendant in the departments they manage", async () => {
    const account = await createAccount("create-manager");
    const cookie = await login(account.attendants.manager.email);
    const { attendant } = await invite(cookie, { departmentIds: [account.departments.support] });
    expect(attendant.departmentIds).toEqual([account.departments.support]);
    const listed = await json<AttendantsResponse>(await api("/api/attendants", { cookie }));
    expect(listed.attendants.some((a) => a.id === attendant.id)).toBe(true);
  });
});

describe("editing an attendant", () => {
  it("changes the given fields and records them (never a password) in the audit log", async () => {
    const account = await createAccount("edit-ok");
    const { support, sales } = account.departments;
    const cookie = await login(account.attendants.admin.email);
    const id = account.attendants.support1.id;
    const res = await patch(cookie, id, { name: "Renomeada", chatStatusOnLogin: "offline", departmentIds: [sales, support] });
    expect(res.status).toBe(200);
    const { attendant } = await json<AttendantResponse>(res);
    expect(attendant).toMatchObject({ name: "Renomeada", chatStatusOnLogin: "offline", departmentIds: [sales, support].sort() });
    const [entry] = await audits(account.id, "attendant.updated");
    const detail = JSON.parse(entry!.detail!);
    expect(detail.fields.sort()).toEqual(["chatStatusOnLogin", "departmentIds", "name"]);
    expect(detail.changes.name).toEqual({ from: account.attendants.support1.name, to: "Renomeada" });
    // Demoting a manager drops the departments they managed.
    const demoted = await json<AttendantResponse>(await patch(cookie, account.attendants.manager.id, { role: "attendant" }));
    expect(demoted.attendant).toMatchObject({ role: "attendant", managedDepartmentIds: [], departmentIds: [support] });
    expect(await linkRows(account.attendants.manager.id)).toEqual([{ department_id: support, attends: 1, manages: 0 }]);
  });

  it("lets a manager change links within their departments, keeping the others", async () => {
    const account = await createAccount("edit-manager");
    const { support, sales } = account.departments;
    const admin = await login(account.attendants.admin.email);
    const id = account.attendants.support1.id;
    await patch(admin, id, { departmentIds: [support, sales] });
    const cookie = await login(account.attendants.manager.email);
    // Sales stays: the manager may not remove it, and sends it back as it was.
    await expectError(await patch(cookie, id, { departmentIds: [] }), 403, "forbidden");
    const res = await patch(cookie, id, { departmentIds: [sales], role: "department_manager", managedDepartmentIds: [support] });
    expect(res.status).toBe(200);
    expect(await linkRows(id)).toEqual(
      [
        { department_id: support, attends: 0, manages: 1 },
        { department_id: sales, attends: 1, manages: 0 },
      ].sort((a, b) => a.department_id.localeCompare(b.department_id)),
    );
  });

  it.each([
    ["an empty name", { name: "" }, "name"],
    ["active that is not a boolean", { active: "no" }, "active"],
    ["a department of another account", { departmentIds: ["OTHER"] }, "departmentIds.0"],
    ["departments to manage for an attendant", { managedDepartmentIds: ["SUPPORT"] }, "managedDepartmentIds"],
  ])("answers 400 with the field for %s, and changes nothing", async (_, body, field) => {
    const account = await createAccount("edit-bad");
    const other = await createAccount("edit-bad-other");
    const cookie = await login(account.attendants.admin.email);
    const fixed = JSON.parse(JSON.stringify(body).replace("OTHER", other.departments.support).replace("SUPPORT", account.departments.support));
    const res = await patch(cookie, account.attendants.support1.id, fixed);
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "bad_request", field });
    expect(await linkRows(account.attendants.support1.id)).toEqual([{ department_id: account.departments.support, attends: 1, manages: 0 }]);
    expect(await audits(account.id, "attendant.updated")).toEqual([]);
  });
});

describe("deactivation", () => {
  it("ends every session at once, refuses login, sets the chat status offline; reactivation allows login again", async () => {
    const account = await createAccount("deactivate");
    const admin = await login(account.attendants.admin.email);
    const { support1 } = account.attendants;
    const session = await login(support1.email);
    const res = await patch(admin, support1.id, { active: false });
    expect((await json<AttendantResponse>(res)).attendant).toMatchObject({ active: false, chatStatus: "offline" });
    await expectError(await api("/api/me", { cookie: session }), 401, "unauthenticated");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE attendant_id = ?").bind(support1.id).first("n")).toBe(0);
    await expectError(await api("/api/auth/login", { body: { email: support1.email, password: PASSWORD } }), 401, "invalid_credentials");
    expect(await audits(account.id, "attendant.deactivated")).toHaveLength(1);

    await patch(admin, support1.id, { active: true });
    expect(await audits(account.id, "attendant.reactivated")).toHaveLength(1);
    await login(support1.email);
  });
});

describe("the last active administrator", () => {
  it("may be neither deactivated nor demoted (409 last_administrator), and nothing changes", async () => {
    const account = await createAccount("last-admin");
    const { admin } = account.attendants;
    const cookie = await login(admin.email);
    const before = await auditCount(account.id);
    for (const [body, field] of [[{ active: false }, "active"], [{ role: "attendant", name: "Ex" }, "role"]] as const) {
      const res = await patch(cookie, admin.id, body);
      expect(res.status).toBe(409);
      expect((await json(res)).error).toMatchObject({ code: "last_administrator", field });
    }
    expect(await attendantRow(admin.id)).toMatchObject({ role: "administrator", active: 1, name: admin.name });
    expect(await auditCount(account.id)).toBe(before);
  });

  it("of two administrators removing each other at once, exactly one passes", async () => {
    const account = await createAccount("last-admin-race");
    const { admin, manager } = account.attendants;
    const first = await login(admin.email);
    await patch(first, manager.id, { role: "administrator" });
    const second = await login(manager.email);
    // An inactive administrator does not count.
    await env.DB.prepare("UPDATE attendants SET role = 'administrator', active = 0 WHERE id = ?").bind(account.attendants.sales.id).run();
    const [a, b] = await Promise.all([patch(first, manager.id, { role: "attendant" }), patch(second, admin.id, { active: false })]);
    // Both usually reach D1 together and the guard refuses the second (409); when one request
    // finishes before the other starts, the loser's session or role is already gone (401/403).
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 403, 409]).toContain(statuses[1]);
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM attendants WHERE account_id = ? AND role = 'administrator' AND active = 1")
      .bind(account.id)
      .first<{ n: number }>())!;
    expect(n).toBe(1);
  });
});

describe("invitations from Gestão", () => {
  it("resends (the old link stops working), revokes, and refuses one for an attendant who has a password", async () => {
    const account = await createAccount("resend");
    const cookie = await login(account.attendants.admin.email);
    const { attendant, invitation } = await invite(cookie, { departmentIds: [account.departments.support] });
    const again = await api(`/api/attendants/${attendant.id}/invitation`, { method: "POST", cookie });
    expect(again.status).toBe(201);
    const resent = await json(again);
    expect(resent.invitation.url).not.toBe(invitation.url);
    expect(resent.attendant.invitation.status).toBe("pending");
    await expectError(await api(`/api/invitations/${tokenOf(invitation.url)}`), 404, "invitation_invalid");
    expect((await api(`/api/invitations/${tokenOf(resent.invitation.url)}`)).status).toBe(200);

    expect((await api(`/api/attendants/${attendant.id}/invitation`, { method: "DELETE", cookie })).status).toBe(204);
    await expectError(await api(`/api/invitations/${tokenOf(resent.invitation.url)}`), 404, "invitation_invalid");
    expect((await json<AttendantResponse>(await api(`/api/attendants/${attendant.id}`, { cookie }))).attendant.invitation).toBeNull();
    expect(await audits(account.id, "attendant.invitation_revoked")).toHaveLength(1);
    // A second revoke has nothing to revoke: same answer, nothing logged.
    expect((await api(`/api/attendants/${attendant.id}/invitation`, { method: "DELETE", cookie })).status).toBe(204);
    expect(await audits(account.id, "attendant.invitation_revoked")).toHaveLength(1);

    await expectError(await api(`/api/attendants/${account.attendants.support1.id}/invitation`, { method: "POST", cookie }), 409, "password_set");
  });

  it("shows an expired invitation as expired", async () => {
    const account = await createAccount("expired-view");
    const cookie = await login(account.attendants.admin.email);
    const { attendant } = await invite(cookie, { departmentIds: [] });
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE attendant_id = ?").bind(Date.now() - 1000, attendant.id).run();
    const view = await json<AttendantResponse>(await api(`/api/attendants/${attendant.id}`, { cookie }));
    expect(view.attendant.invitation?.status).toBe("expired");
  });
});
