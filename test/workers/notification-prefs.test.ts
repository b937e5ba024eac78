/** The attendant's notification switches added for issue 12 (messages, title count) in PATCH /api/me. */
import { describe, expect, it } from "vitest";
import type { MeResponse } from "../../worker/views";
import { api, createAccount, json, login } from "./helpers";
import { audits } from "./gestao-helpers";

describe("PATCH /api/me notification switches", () => {
  it("stores the new-message and title-count switches next to the old ones", async () => {
    const account = await createAccount("prefs-more");
    const cookie = await login(account.attendants.support1.email);
    const me = await json<MeResponse>(await api("/api/me", { method: "PATCH", cookie, body: { notificationPrefs: { messages: false, titleCount: false } } }));
    expect(me.attendant.notificationPrefs).toEqual({ messages: false, titleCount: false });
    const again = await json<MeResponse>(await api("/api/me", { method: "PATCH", cookie, body: { notificationPrefs: { sound: false, titleCount: true } } }));
    expect(again.attendant.notificationPrefs).toEqual({ sound: false, messages: false, titleCount: true });
    expect((await json<MeResponse>(await api("/api/me", { cookie }))).attendant.notificationPrefs).toEqual({ sound: false, messages: false, titleCount: true });
    expect(await audits(account.id, "attendant.profile_updated")).toHaveLength(2);
  });

  it("refuses a switch that is not a boolean and changes nothing", async () => {
    const account = await createAccount("prefs-bad");
    const cookie = await login(account.attendants.support1.email);
    const res = await api("/api/me", { method: "PATCH", cookie, body: { notificationPrefs: { messages: "yes" } } });
    expect(res.status).toBe(400);
    expect((await json<{ error: unknown }>(res)).error).toMatchObject({ code: "bad_request", field: "notificationPrefs.messages" });
    expect((await json<MeResponse>(await api("/api/me", { cookie }))).attendant.notificationPrefs).toEqual({});
  });
});
