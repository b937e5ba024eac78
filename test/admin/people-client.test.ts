import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../admin/api";
import { peopleApi } from "../../admin/api-gestao-people";
import { LiveSession } from "../../admin/live";
import { alertPlan, isNewWaitingChat, prefOn } from "../../admin/new-chat-alert";
import { formField, passwordProblems, problemFor } from "../../admin/people-errors";
import { Store } from "../../admin/store";
import type { WireChat } from "../../durable-objects/protocol";
import type { WebSocketFactory } from "../../widget/reconnecting-socket";
import { FakeSocket } from "./fake-socket";
import { ana, session, wireChat } from "./fixtures";

describe("where a refused request's message goes", () => {
  it("puts a taken e-mail next to the e-mail field", () => {
    expect(problemFor(new ApiError(409, "email_taken", "taken", "email"), ["name", "email"])).toEqual({ field: "email", key: "people.error.emailTaken" });
    // Also when the server does not name the field.
    expect(problemFor(new ApiError(409, "email_taken", "taken"), ["email"])).toEqual({ field: "email", key: "people.error.emailTaken" });
  });

  it("shows the last administrator refusal for the whole form", () => {
    expect(problemFor(new ApiError(409, "last_administrator", "no"), ["role", "active"])).toEqual({ field: null, key: "people.error.lastAdministrator" });
  });

  it("groups an array field's errors under the array (one message per group of checkboxes)", () => {
    expect(formField("departmentIds.0")).toBe("departmentIds");
    expect(problemFor(new ApiError(400, "bad_request", "departmentIds.0: bad", "departmentIds.0"), ["departmentIds"])).toEqual({
      field: "departmentIds",
      key: "people.error.departments",
    });
  });

  it("makes a field the form does not have a form-level message", () => {
    expect(problemFor(new ApiError(400, "bad_request", "x", "somethingElse"), ["name"])).toEqual({ field: null, key: "people.error.invalid" });
  });

  it("puts a wrong current password next to that field", () => {
    expect(problemFor(new ApiError(400, "wrong_password", "no", "currentPassword"), ["currentPassword", "newPassword"])).toEqual({
      field: "currentPassword",
      key: "people.error.wrongPassword",
    });
  });

  it("explains invitations that are unknown, used or revoked apart from expired ones", () => {
    expect(problemFor(new ApiError(404, "invitation_invalid", "no"), []).key).toBe("invite.invalid");
    expect(problemFor(new ApiError(410, "invitation_expired", "old"), []).key).toBe("invite.expired");
  });

  it("falls back to the console's general texts", () => {
    expect(problemFor(new ApiError(0, "network", "down"), ["name"])).toEqual({ field: null, key: "error.network" });
    expect(problemFor(new ApiError(403, "forbidden", "no"), ["name"])).toEqual({ field: null, key: "notice.forbidden" });
    expect(problemFor(new ApiError(404, "not_found", "no"), ["name"])).toEqual({ field: null, key: "people.error.notFound" });
    expect(problemFor(new Error("boom"), [])).toEqual({ field: null, key: "error.generic" });
  });

  it("wants passwords of at least 10 characters, typed the same twice", () => {
    expect(passwordProblems("short", "short")).toEqual({ password: "people.error.passwordShort" });
    expect(passwordProblems("0123456789", "0123456780")).toEqual({ confirmation: "people.error.passwordMismatch" });
    expect(passwordProblems("0123456789", "0123456789")).toEqual({});
  });
});

describe("the people API client", () => {
  afterEach(() => vi.unstubAllGlobals());

  function recordFetch(status: number, answer: unknown) {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(status === 204 ? null : JSON.stringify(answer), { status, headers: { "content-type": "application/json" } });
    });
    return calls;
  }

  it("uploads a logo as the file's raw bytes with the file's own Content-Type", async () => {
    const calls = recordFetch(200, { department: {} });
    const file = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" });
    await peopleApi.uploadLogo("dep 1", "offline", file);
    expect(calls[0]?.url).toBe("/api/departments/dep%201/logo/offline");
    expect(calls[0]?.init.method).toBe("PUT");
    expect(calls[0]?.init.body).toBe(file);
    expect((calls[0]?.init.headers as Record<string, string>)["content-type"]).toBe("image/png");
  });

  it("still sends other bodies as JSON", async () => {
    const calls = recordFetch(201, { attendant: {}, invitation: {} });
    await peopleApi.createAttendant({ name: "Bia", email: "bia@example.com", role: "attendant", departmentIds: [] });
    expect((calls[0]?.init.headers as Record<string, string>)["content-type"]).toBe("application/json");
    expect(JSON.parse(String(calls[0]?.init.body))).toMatchObject({ name: "Bia" });
  });

  it("asks for a page of attendants with the search", async () => {
    const calls = recordFetch(200, { attendants: [], page: 2, hasMore: false });
    await peopleApi.attendants({ q: "ana", page: 2 });
    expect(calls[0]?.url).toBe("/api/attendants?page=2&q=ana");
  });

  it("carries the server's field on the error", async () => {
    recordFetch(409, { error: { code: "email_taken", message: "taken", field: "email" } });
    const error = await peopleApi.createAttendant({ name: "Bia", email: "bia@example.com", role: "attendant", departmentIds: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "email_taken", field: "email" });
  });
});

describe("the new-chat alert", () => {
  it("treats a missing preference as on", () => {
    expect(prefOn({}, "sound")).toBe(true);
    expect(prefOn(undefined, "desktop")).toBe(true);
    expect(prefOn({ sound: false }, "sound")).toBe(false);
  });

  it("beeps when the sound is on and notifies only while the tab is hidden with permission", () => {
    expect(alertPlan({}, { hidden: false, permission: "granted" })).toEqual({ sound: true, desktop: false });
    expect(alertPlan({}, { hidden: true, permission: "granted" })).toEqual({ sound: true, desktop: true });
    expect(alertPlan({}, { hidden: true, permission: "denied" })).toEqual({ sound: true, desktop: false });
    expect(alertPlan({ sound: false, desktop: false }, { hidden: true, permission: "granted" })).toEqual({ sound: false, desktop: false });
  });

  it("is for chats newly waiting in a department the attendant attends", () => {
    const store = new Store();
    const s = session();
    s.attendant.departments.push({ id: "dep-2", name: "Vendas", attends: false, supervises: true });
    store.signIn(s);
    const queued = (chat: WireChat) => ({ type: "chat.queued" as const, chat });
    expect(isNewWaitingChat(store, "dep-1", queued(wireChat()), false)).toBe(true);
    expect(isNewWaitingChat(store, "dep-1", queued(wireChat()), true)).toBe(false);
    expect(isNewWaitingChat(store, "dep-2", queued(wireChat({ departmentId: "dep-2" })), false)).toBe(false);
    expect(isNewWaitingChat(store, "dep-1", queued(wireChat({ status: "closed" })), false)).toBe(false);
  });

  it("is raised by the live session once per newly waiting chat, not for the queue it finds on connecting", async () => {
    FakeSocket.all = [];
    const store = new Store();
    store.signIn(session());
    const alerted: string[] = [];
    const live = new LiveSession(store, {
      token: async () => "t",
      onUnauthenticated: () => undefined,
      onRightsChanged: () => undefined,
      origin: "wss://console.test",
      WebSocket: FakeSocket as unknown as WebSocketFactory,
      onNewChat: (chat) => alerted.push(chat.id),
    });
    live.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.last;
    socket.open();
    socket.receive({ type: "session.ready", v: 1, role: "attendant", departmentId: "dep-1", chats: [wireChat({ id: "old" }), wireChat({ id: "back", status: "active", attendant: ana })], attendants: [], online: true });
    socket.receive({ type: "chat.queued", chat: wireChat({ id: "new" }) });
    socket.receive({ type: "chat.queued", chat: wireChat({ id: "new" }) });
    // An active chat sent back to the queue (its attendant was deactivated) waits again.
    socket.receive({ type: "chat.queued", chat: wireChat({ id: "back", status: "waiting", attendant: null }) });
    socket.receive({ type: "chat.accepted", chat: wireChat({ id: "new", status: "active", attendant: ana }) });
    live.stop();
    expect(alerted).toEqual(["new", "back"]);
  });
});
