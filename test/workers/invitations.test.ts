/**
 * The public invitation routes: what the invitation page shows, choosing the password (which
 * uses the invitation once and logs in), and every way a link stops working.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { findInvitation, useInvitation } from "../../worker/attendants/invitation";
import { UNUSABLE_HASH } from "../../worker/auth/password";
import { database } from "../../worker/db/client";
import type { MeResponse } from "../../worker/views";
import type { InvitationInfoResponse } from "../../worker/views-gestao";
import { api, createAccount, expectError, json, login } from "./helpers";
import { acceptInvitation, attendantRow, audits, invite, tokenOf } from "./gestao-helpers";

async function invited(label: string, body: Partial<Parameters<typeof invite>[1]> = {}) {
  const account = await createAccount(label);
  const admin = await login(account.attendants.admin.email);
  const answer = await invite(admin, { name: "Convidada", departmentIds: [account.departments.support], ...body });
  return { account, admin, ...answer, token: tokenOf(answer.invitation.url) };
}

describe("reading an invitation", () => {
  it("shows who is invited, by which account, until when", async () => {
    const { attendant, invitation, token } = await invited("invite-read");
    const res = await api(`/api/invitations/${token}`);
    expect(res.status).toBe(200);
    expect(await json<InvitationInfoResponse>(res)).toEqual({
      attendant: { name: "Convidada", email: attendant.email },
      account: { name: "invite-read Ltda" },
      expiresAt: invitation.expiresAt,
    });
  });

  it("answers 404 invitation_invalid for unknown and malformed tokens", async () => {
    for (const token of ["A".repeat(43), "short", "not%20a%20token"]) {
      await expectError(await api(`/api/invitations/${token}`), 404, "invitation_invalid");
      await expectError(await api(`/api/invitations/${token}`, { body: { password: "long enough password" } }), 404, "invitation_invalid");
    }
  });

  it("answers 410 invitation_expired after its 7 days, for reading and for using it", async () => {
    const { attendant, token } = await invited("invite-expired");
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE attendant_id = ?").bind(Date.now() - 1, attendant.id).run();
    await expectError(await api(`/api/invitations/${token}`), 410, "invitation_expired");
    await expectError(await api(`/api/invitations/${token}`, { body: { password: "long enough password" } }), 410, "invitation_expired");
    expect((await attendantRow(attendant.id))?.password_hash).toBe(UNUSABLE_HASH);
  });
});

describe("accepting an invitation", () => {
  it("sets the password, logs in with the login presence, and works once", async () => {
    const { account, admin, attendant, token } = await invited("invite-accept", { chatStatusOnLogin: "online" });
    const res = await api(`/api/invitations/${token}`, { body: { password: "minha senha nova" } });
    expect(res.status).toBe(200);
    const me = await json<MeResponse>(res);
    expect(me.attendant).toMatchObject({ id: attendant.id, chatStatus: "online" });
    expect(me.attendant.departments.map((d) => d.id)).toEqual([account.departments.support]);
    const cookie = `sid=${/sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1]}`;
    expect((await api("/api/me", { cookie })).status).toBe(200);
    expect((await attendantRow(attendant.id))?.chat_status).toBe("online");

    await login(attendant.email, "minha senha nova");
    await expectError(await api(`/api/invitations/${token}`), 404, "invitation_invalid");
    await expectError(await api(`/api/invitations/${token}`, { body: { password: "another password!" } }), 404, "invitation_invalid");
    await login(attendant.email, "minha senha nova");

    const view = await json(await api(`/api/attendants/${attendant.id}`, { cookie: admin }));
    expect(view.attendant.invitation).toBeNull();
    const [entry] = await audits(account.id, "attendant.invitation_accepted");
    expect(entry).toMatchObject({ actor_id: attendant.id, target_id: attendant.id });
    expect(entry!.detail ?? "").not.toContain("minha senha");
  });

  it("lets exactly one of two uses at the same moment through", async () => {
    const { attendant, token } = await invited("invite-race");
    const [a, b] = await Promise.all([
      api(`/api/invitations/${token}`, { body: { password: "first password!" } }),
      api(`/api/invitations/${token}`, { body: { password: "second password" } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 404]);
    const winner = a.status === 200 ? "first password!" : "second password";
    await login(attendant.email, winner);
    const loser = a.status === 200 ? "second password" : "first password!";
    await expectError(await api("/api/auth/login", { body: { email: attendant.email, password: loser } }), 401, "invalid_credentials");
  });

  it("refuses the password inside D1 when the invitation was used after it was read, changing nothing", async () => {
    const { account, attendant, token } = await invited("invite-guard");
    const found = await findInvitation(database(env.DB), token);
    expect(found?.usable).toBe(true);
    // Another request uses it between this one's read and its batch.
    await env.DB.prepare("UPDATE invitations SET used_at = ? WHERE attendant_id = ?").bind(Date.now(), attendant.id).run();
    expect(await useInvitation(env.DB, found!, "too late password", "10.0.0.1")).toBe(false);
    expect((await attendantRow(attendant.id))?.password_hash).toBe(UNUSABLE_HASH);
    expect(await audits(account.id, "attendant.invitation_accepted")).toEqual([]);
  });

  it.each([
    ["a short password", { password: "123456789" }, "password"],
    ["no password", {}, "password"],
    ["a password that is not a string", { password: 1234567890 }, "password"],
  ])("answers 400 for %s and the link still works", async (_, body, field) => {
    const { token } = await invited("invite-bad");
    const res = await api(`/api/invitations/${token}`, { body });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "bad_request", field });
    expect((await api(`/api/invitations/${token}`)).status).toBe(200);
  });

  it("stops working once revoked, replaced, or when the attendant is deactivated", async () => {
    const { admin, attendant, token } = await invited("invite-stops");
    const resent = await json(await api(`/api/attendants/${attendant.id}/invitation`, { method: "POST", cookie: admin }));
    await expectError(await api(`/api/invitations/${token}`, { body: { password: "long enough password" } }), 404, "invitation_invalid");
    const newer = tokenOf(resent.invitation.url);
    expect((await api(`/api/attendants/${attendant.id}`, { method: "PATCH", cookie: admin, body: { active: false } })).status).toBe(200);
    await expectError(await api(`/api/invitations/${newer}`), 404, "invitation_invalid");
    // Reactivated, they need a new link: the old one was revoked with the deactivation.
    await api(`/api/attendants/${attendant.id}`, { method: "PATCH", cookie: admin, body: { active: true } });
    await expectError(await api(`/api/invitations/${newer}`), 404, "invitation_invalid");
    const last = await json(await api(`/api/attendants/${attendant.id}/invitation`, { method: "POST", cookie: admin }));
    await acceptInvitation(tokenOf(last.invitation.url));
  });

  it("refuses to invite a deactivated attendant again", async () => {
    const { admin, attendant } = await invited("invite-inactive");
    await api(`/api/attendants/${attendant.id}`, { method: "PATCH", cookie: admin, body: { active: false } });
    await expectError(await api(`/api/attendants/${attendant.id}/invitation`, { method: "POST", cookie: admin }), 409, "attendant_inactive");
  });

  it("is rate-limited per IP", async () => {
    const ip = { "cf-connecting-ip": `10.9.${Math.floor(Math.random() * 250)}.1` };
    const statuses: number[] = [];
    // 10 a minute in clock-aligned windows: 21 requests put at least 11 in one window.
    for (let i = 0; i < 21; i++) statuses.push((await api(`/api/invitations/${"B".repeat(43)}`, { headers: ip })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429 && s !== 404)).toEqual([]);
  });
});
