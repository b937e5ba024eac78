/**
 * Every attendant edits their own profile (PATCH /api/me, PUT /api/me/password), and the login
 * records itself in the audit log.
 */
import { describe, expect, it } from "vitest";
import type { MeResponse } from "../../worker/views";
import { api, createAccount, expectError, json, login, PASSWORD } from "./helpers";
import { attendantRow, audits } from "./gestao-helpers";

describe("PATCH /api/me", () => {
  it("changes the name and merges the notification choices, answering like GET /api/me", async () => {
    const account = await createAccount("profile");
    const { support1 } = account.attendants;
    const cookie = await login(support1.email);
    const res = await api("/api/me", { method: "PATCH", cookie, body: { name: "  Ana Souza ", notificationPrefs: { sound: false } } });
    expect(res.status).toBe(200);
    const me = await json<MeResponse>(res);
    expect(me.attendant).toMatchObject({ id: support1.id, name: "Ana Souza", notificationPrefs: { sound: false } });
    const again = await json<MeResponse>(await api("/api/me", { method: "PATCH", cookie, body: { notificationPrefs: { desktop: false } } }));
    expect(again.attendant.notificationPrefs).toEqual({ sound: false, desktop: false });
    expect((await json<MeResponse>(await api("/api/me", { cookie }))).attendant.name).toBe("Ana Souza");
    const entries = await audits(account.id, "attendant.profile_updated");
    expect(entries.map((e) => JSON.parse(e.detail!).fields)).toEqual([["name", "notificationPrefs"], ["notificationPrefs"]]);
    expect(entries[0]).toMatchObject({ actor_id: support1.id, target_id: support1.id });
    // The same values again change nothing and log nothing.
    await api("/api/me", { method: "PATCH", cookie, body: { name: "Ana Souza" } });
    expect(await audits(account.id, "attendant.profile_updated")).toHaveLength(2);
  });

  it.each([
    ["an empty name", { name: " " }, "name"],
    ["a sound choice that is not a boolean", { notificationPrefs: { sound: "no" } }, "notificationPrefs.sound"],
    ["notificationPrefs that is not an object", { notificationPrefs: true }, "notificationPrefs"],
  ])("answers 400 with the field for %s, and changes nothing", async (_, body, field) => {
    const account = await createAccount("profile-bad");
    const cookie = await login(account.attendants.support1.email);
    const res = await api("/api/me", { method: "PATCH", cookie, body });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "bad_request", field });
    expect(await attendantRow(account.attendants.support1.id)).toMatchObject({ name: account.attendants.support1.name, notification_prefs: "{}" });
  });

  it("answers 401 without a session", async () => {
    await expectError(await api("/api/me", { method: "PATCH", body: { name: "X" } }), 401, "unauthenticated");
    await expectError(await api("/api/me/password", { method: "PUT", body: { currentPassword: PASSWORD, newPassword: "0123456789" } }), 401);
  });
});

describe("PUT /api/me/password", () => {
  it("checks the current password, then ends the other sessions and keeps this one", async () => {
    const account = await createAccount("password");
    const { support1 } = account.attendants;
    const cookie = await login(support1.email);
    const other = await login(support1.email);
    const wrong = await api("/api/me/password", { method: "PUT", cookie, body: { currentPassword: "not my password", newPassword: "uma senha nova e longa" } });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error).toMatchObject({ code: "wrong_password", field: "currentPassword" });
    expect((await api("/api/me", { cookie: other })).status).toBe(200);

    const res = await api("/api/me/password", { method: "PUT", cookie, body: { currentPassword: PASSWORD, newPassword: "uma senha nova e longa" } });
    expect(res.status).toBe(204);
    expect((await api("/api/me", { cookie })).status).toBe(200);
    await expectError(await api("/api/me", { cookie: other }), 401, "unauthenticated");
    await login(support1.email, "uma senha nova e longa");
    await expectError(await api("/api/auth/login", { body: { email: support1.email, password: PASSWORD } }), 401, "invalid_credentials");
    const [entry] = await audits(account.id, "attendant.password_changed");
    expect(entry).toMatchObject({ actor_id: support1.id, target_id: support1.id });
    expect(entry!.detail ?? "").not.toContain("senha");
  });

  it.each([
    ["a new password under 10 characters", { currentPassword: PASSWORD, newPassword: "short" }, "newPassword"],
    ["no current password", { newPassword: "long enough password" }, "currentPassword"],
  ])("answers 400 with the field for %s", async (_, body, field) => {
    const account = await createAccount("password-bad");
    const cookie = await login(account.attendants.support1.email);
    const res = await api("/api/me/password", { method: "PUT", cookie, body });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "bad_request", field });
    await login(account.attendants.support1.email);
  });
});

describe("login audit", () => {
  it("records a login and the failures of a known e-mail with their reason, never for unknown e-mails", async () => {
    const account = await createAccount("login-audit");
    const { support1, support2 } = account.attendants;
    await login(support1.email);
    await api("/api/auth/login", { body: { email: support1.email, password: "wrong password" } });
    await api("/api/auth/login", { body: { email: `nobody.${account.id}@example.com`, password: "wrong password" } });
    await api(`/api/attendants/${support2.id}`, { method: "PATCH", cookie: await login(account.attendants.admin.email), body: { active: false } });
    await api("/api/auth/login", { body: { email: support2.email, password: PASSWORD } });

    const ok = await audits(account.id, "auth.login");
    expect(ok.filter((e) => e.actor_id === support1.id)).toHaveLength(1);
    expect(ok[0]?.ip).toMatch(/^10\.0\./);
    const failed = await audits(account.id, "auth.login_failed");
    expect(failed.map((e) => [e.actor_id, JSON.parse(e.detail!).reason])).toEqual([
      [support1.id, "wrong_password"],
      [support2.id, "inactive"],
    ]);
    expect(failed.map((e) => e.detail).join()).not.toContain("wrong password");
  });
});
