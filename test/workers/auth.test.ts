import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { MeResponse } from "../../worker/views";
import {
  api,
  attendantSocket,
  createAccount,
  customerSocket,
  expectError,
  json,
  login,
  PASSWORD,
  settle,
  startChat,
} from "./helpers";

describe("login", () => {
  it("answers 200 with the attendant and sets an HttpOnly, SameSite=Strict session cookie for the whole site", async () => {
    const account = await createAccount("login-ok");
    const { support1 } = account.attendants;
    const res = await api("/api/auth/login", { body: { email: support1.email, password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{20,};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
    // Served over http in tests: no Secure flag, or the browser would drop it.
    expect(cookie).not.toMatch(/;\s*Secure/i);
    const body = await json<MeResponse>(res);
    expect(body.attendant).toMatchObject({ id: support1.id, email: support1.email, role: "attendant" });
    expect(body.attendant.departments.map((d) => d.id)).toEqual([account.departments.support]);
    expect(body.account).toEqual({ id: account.id, name: "login-ok Ltda", publicKey: account.publicKey });
  });

  it("accepts the e-mail in another case and with spaces around it", async () => {
    const account = await createAccount("login-case");
    const res = await api("/api/auth/login", { body: { email: `  ${account.attendants.admin.email.toUpperCase()} `, password: PASSWORD } });
    expect(res.status).toBe(200);
  });

  it("answers the same 401 invalid_credentials for a wrong password and for an unknown e-mail", async () => {
    const account = await createAccount("login-bad");
    const wrong = await api("/api/auth/login", { body: { email: account.attendants.support1.email, password: "wrong password" } });
    const unknown = await api("/api/auth/login", { body: { email: `nobody.${account.id}@example.com`, password: PASSWORD } });
    const a = await json(wrong);
    const b = await json(unknown);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(a).toEqual(b);
    expect(a.error.code).toBe("invalid_credentials");
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an attendant who was deactivated", async () => {
    const account = await createAccount("login-inactive");
    await env.DB.prepare("UPDATE attendants SET active = 0 WHERE id = ?").bind(account.attendants.support2.id).run();
    await expectError(await api("/api/auth/login", { body: { email: account.attendants.support2.email, password: PASSWORD } }), 401, "invalid_credentials");
  });

  it.each([
    ["a body that is not JSON", "email=a@b.c&password=x"],
    ["no password", { email: "someone@example.com" }],
    ["an empty password", { email: "someone@example.com", password: "" }],
    ["an invalid e-mail", { email: "not-an-email", password: PASSWORD }],
    ["no body at all", undefined],
  ])("answers 400 bad_request for %s", async (_, body) => {
    await expectError(await api("/api/auth/login", { method: "POST", body }), 400, "bad_request");
  });

  it("sets the chat status from the attendant's 'chat status on login'", async () => {
    const account = await createAccount("login-status");
    const online = await login(account.attendants.support1.email);
    expect((await json<MeResponse>(await api("/api/me", { cookie: online }))).attendant.chatStatus).toBe("online");

    await env.DB.prepare("UPDATE attendants SET chat_status_on_login = 'offline', chat_status = 'online' WHERE id = ?")
      .bind(account.attendants.support2.id)
      .run();
    const res = await api("/api/auth/login", { body: { email: account.attendants.support2.email, password: PASSWORD } });
    expect((await json<MeResponse>(res)).attendant.chatStatus).toBe("offline");
    const row = await env.DB.prepare("SELECT chat_status FROM attendants WHERE id = ?").bind(account.attendants.support2.id).first();
    expect(row).toEqual({ chat_status: "offline" });
  });
});

describe("the session", () => {
  it("/api/me answers 401 unauthenticated without a cookie and with a garbage one", async () => {
    await expectError(await api("/api/me"), 401, "unauthenticated");
    await expectError(await api("/api/me", { cookie: "sid=not-a-session" }), 401, "unauthenticated");
    await expectError(await api("/api/me", { cookie: `sid=${"x".repeat(500)}` }), 401, "unauthenticated");
    await expectError(await api("/api/me", { cookie: "other=1" }), 401, "unauthenticated");
  });

  it("logout deletes the session: the cookie is cleared and refused afterwards", async () => {
    const account = await createAccount("logout");
    const cookie = await login(account.attendants.manager.email);
    expect((await api("/api/me", { cookie })).status).toBe(200);
    const sessionsBefore = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE attendant_id = ?").bind(account.attendants.manager.id).first<{ n: number }>();
    expect(sessionsBefore?.n).toBe(1);

    const out = await api("/api/auth/logout", { method: "POST", cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^sid=;.*Max-Age=0/i);

    await expectError(await api("/api/me", { cookie }), 401, "unauthenticated");
    await expectError(await api("/api/ws-token", { method: "POST", cookie }), 401, "unauthenticated");
    const sessionsAfter = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE attendant_id = ?").bind(account.attendants.manager.id).first<{ n: number }>();
    expect(sessionsAfter?.n).toBe(0);
  });

  it("logout of one session leaves the attendant's other sessions working", async () => {
    const account = await createAccount("logout-one");
    const first = await login(account.attendants.admin.email);
    const second = await login(account.attendants.admin.email);
    expect((await api("/api/auth/logout", { method: "POST", cookie: first })).status).toBe(204);
    expect((await api("/api/me", { cookie: second })).status).toBe(200);
  });
});

describe("chat status", () => {
  it("PUT /api/me/status toggles the status and the department's sockets see presence.changed at once", async () => {
    const account = await createAccount("presence");
    const { support } = account.departments;
    const cookie = await login(account.attendants.support1.email);
    const agent = await attendantSocket(account.attendants.support1.email, support, cookie);
    const manager = await attendantSocket(account.attendants.manager.email, support);
    const started = await startChat(account, support);
    const customer = await customerSocket(started.ws);
    expect(customer.frames[0]).toMatchObject({ type: "session.ready", online: true, attendants: [] });

    // The manager stays online: the department stays online, support1 shows as offline.
    const off = await api("/api/me/status", { method: "PUT", cookie, body: { status: "offline" } });
    expect(off.status).toBe(200);
    expect(await json(off)).toEqual({ status: "offline" });
    const support1Is = (status: string) => (f: { attendants: { id: string; status: string }[] }) =>
      f.attendants.some((a) => a.id === account.attendants.support1.id && a.status === status);
    const seen = await manager.next("presence.changed", support1Is("offline"));
    expect(seen.online).toBe(true);
    expect(seen.attendants.find((a) => a.id === account.attendants.manager.id)?.status).toBe("online");
    await agent.next("presence.changed", support1Is("offline"));
    expect((await json<MeResponse>(await api("/api/me", { cookie }))).attendant.chatStatus).toBe("offline");
    // Customers learn only whether the department is online, never who is.
    await settle(customer);
    expect(customer.all("presence.changed").every((f) => f.online && f.attendants.length === 0)).toBe(true);

    // The manager goes offline too: now the customer sees the department go offline...
    const managerCookie = await login(account.attendants.manager.email);
    expect((await api("/api/me/status", { method: "PUT", cookie: managerCookie, body: { status: "offline" } })).status).toBe(200);
    const offline = await customer.next("presence.changed", (f) => !f.online);
    expect(offline).toEqual({ type: "presence.changed", attendants: [], online: false });
    expect((await agent.next("presence.changed", (f) => !f.online)).attendants.every((a) => a.status === "offline")).toBe(true);

    // ...and online again when support1 comes back.
    const mark = customer.frames.length;
    expect((await api("/api/me/status", { method: "PUT", cookie, body: { status: "online" } })).status).toBe(200);
    const online = await customer.next("presence.changed", (f) => customer.frames.indexOf(f) >= mark);
    expect(online).toEqual({ type: "presence.changed", attendants: [], online: true });
    // (Each socket also saw the other attendant join, with both online: match the new state exactly.)
    const back = await agent.next("presence.changed", (f) => f.online && support1Is("online")(f) && f.attendants.some((a) => a.status === "offline"));
    expect(back.attendants.find((a) => a.id === account.attendants.manager.id)?.status).toBe("offline");
    [agent, manager, customer].forEach((s) => s.close());
  });

  it("refuses a status that is not online or offline, and changes nothing", async () => {
    const account = await createAccount("presence-bad");
    const cookie = await login(account.attendants.support1.email);
    await expectError(await api("/api/me/status", { method: "PUT", cookie, body: { status: "away" } }), 400, "bad_request");
    expect((await json<MeResponse>(await api("/api/me", { cookie }))).attendant.chatStatus).toBe("online");
    await expectError(await api("/api/me/status", { method: "PUT", body: { status: "offline" } }), 401, "unauthenticated");
  });
});
