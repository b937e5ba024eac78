/**
 * Issue 12, defect 10: the console's boot check (GET /api/auth/session) answers 200 with or
 * without a session, GET /api/me keeps its 401, and /favicon.ico is an icon.
 */
import { describe, expect, it } from "vitest";
import type { SessionResponse } from "../../worker/views-console";
import { api, createAccount, expectError, json, login } from "./helpers";

describe("GET /api/auth/session", () => {
  it("answers { attendant: null } without a session, or with an unknown cookie, never a 401", async () => {
    for (const cookie of [undefined, "sid=not-a-session"]) {
      const res = await api("/api/auth/session", { cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await json(res)).toEqual({ attendant: null });
    }
    await expectError(await api("/api/me"), 401, "unauthenticated");
  });

  it("answers what GET /api/me answers with a session, and nothing after logout", async () => {
    const account = await createAccount("session-check");
    const cookie = await login(account.attendants.support1.email);
    const session = await json<SessionResponse>(await api("/api/auth/session", { cookie }));
    expect(session).toEqual(await json(await api("/api/me", { cookie })));
    expect(session.attendant?.id).toBe(account.attendants.support1.id);
    await api("/api/auth/logout", { method: "POST", cookie });
    expect(await json(await api("/api/auth/session", { cookie }))).toEqual({ attendant: null });
  });
});

describe("GET /favicon.ico", () => {
  it("is a cacheable ICO", async () => {
    const res = await api("/favicon.ico");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/x-icon");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });
});
