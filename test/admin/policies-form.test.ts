import { describe, expect, it } from "vitest";
import { attendantDraft, attendantPatchBody, checkAttendant } from "../../admin/attendant-form";
import { applyFrame } from "../../admin/live-frames";
import { parseWhole, policiesDraft, policiesField, policiesFromDraft, routingChoice, withRouting } from "../../admin/policies-form";
import { Store } from "../../admin/store";
import type { AttendantView } from "../../worker/views-gestao";
import { ana, caio as otherAttendant, session, wireChat } from "./fixtures";

describe("the policies' queue form", () => {
  it("a stored document becomes a draft and comes back unchanged, the survey switch kept", () => {
    const stored = { surveyEnabled: true, routing: "automatic" as const, maxChatsPerAttendant: 3, offlineGraceSeconds: 90, inactivityCloseMinutes: 15, abandonAfterMinutes: 5 };
    const draft = policiesDraft(stored);
    expect(draft).toEqual({ routing: "automatic", maxChatsPerAttendant: "3", offlineGraceSeconds: "90", inactivityCloseMinutes: "15", abandonAfterMinutes: "5" });
    expect(policiesFromDraft(stored, draft)).toEqual({ policies: stored, errors: {} });
  });

  it("empty fields mean absent: no limit, the default grace, inactivity off", () => {
    const { policies, errors } = policiesFromDraft(
      { surveyEnabled: false, maxChatsPerAttendant: 3, inactivityCloseMinutes: 10 },
      { routing: "manual", maxChatsPerAttendant: " ", offlineGraceSeconds: "", inactivityCloseMinutes: "", abandonAfterMinutes: "" },
    );
    expect(errors).toEqual({});
    expect(policies).toEqual({ surveyEnabled: false, routing: "manual" });
  });

  it("numbers out of the schema's bounds, decimals and text are errors on their field", () => {
    const { errors } = policiesFromDraft({}, { routing: "manual", maxChatsPerAttendant: "101", offlineGraceSeconds: "9", inactivityCloseMinutes: "1.5", abandonAfterMinutes: "0" });
    expect(errors).toEqual({
      maxChatsPerAttendant: "policies.error.maxChats",
      offlineGraceSeconds: "policies.error.grace",
      inactivityCloseMinutes: "policies.error.inactivity",
      abandonAfterMinutes: "policies.error.abandon",
    });
    expect(parseWhole("1441", { min: 2, max: 1440 })).toBeUndefined();
    expect(parseWhole("1440", { min: 2, max: 1440 })).toBe(1440);
    expect(parseWhole("-3", { min: 1, max: 100 })).toBeUndefined();
  });

  it("a server 400 names its field as policies.<name>", () => {
    expect(policiesField("policies.inactivityCloseMinutes")).toBe("inactivityCloseMinutes");
    expect(policiesField("policies.routing")).toBe("routing");
    expect(policiesField("look.colors.primary")).toBeNull();
    expect(policiesField(undefined)).toBeNull();
  });
});

describe("the department's routing override", () => {
  it("keeps the department's look, and 'use the account's' removes the override", () => {
    const look = { colors: { primary: "#112233" }, size: {}, texts: {} };
    expect(routingChoice(undefined)).toBe("");
    expect(withRouting({ look }, "automatic")).toEqual({ look, policies: { routing: "automatic" } });
    expect(routingChoice(withRouting({ look }, "manual"))).toBe("manual");
    expect(withRouting({ look, policies: { routing: "manual" } }, "")).toEqual({ look });
    expect(withRouting(undefined, "manual")).toEqual({ look: { colors: {}, size: {}, texts: {} }, policies: { routing: "manual" } });
  });
});

describe("the attendant's own chat limit", () => {
  const caio: AttendantView = {
    id: "att-9",
    name: "Caio",
    email: "caio@example.com",
    role: "attendant",
    departmentIds: ["dep-1"],
    managedDepartmentIds: [],
    chatStatusOnLogin: "offline",
    chatStatus: "offline",
    active: true,
    invitation: null,
    shiftId: null,
    maxChats: 4,
    createdAt: 1,
  };

  it("is sent only when it changed; empty sends null (the account's default)", () => {
    expect(attendantDraft(caio).maxChats).toBe("4");
    expect(attendantPatchBody(caio, attendantDraft(caio))).toEqual({});
    expect(attendantPatchBody(caio, { ...attendantDraft(caio), maxChats: "6" })).toEqual({ maxChats: 6 });
    expect(attendantPatchBody(caio, { ...attendantDraft(caio), maxChats: "" })).toEqual({ maxChats: null });
  });

  it("outside 1..100 is an error on the field", () => {
    expect(checkAttendant({ ...attendantDraft(caio), maxChats: "0" })).toEqual({ maxChats: "policies.error.attMaxChats" });
    expect(checkAttendant({ ...attendantDraft(caio), maxChats: "100" })).toEqual({});
  });
});

describe("the inactivity warning in the console", () => {
  it("tells the chat's own attendant once per warning, not a supervisor looking at another's chat", () => {
    const store = new Store();
    store.signIn(session());
    const mine = wireChat({ id: "c-1", number: 41, status: "active", attendant: ana });
    const theirs = wireChat({ id: "c-2", number: 42, status: "active", attendant: otherAttendant });
    applyFrame(store, "dep-1", { type: "session.ready", v: 1, role: "attendant", departmentId: "dep-1", chats: [mine, theirs], attendants: [], online: true });
    applyFrame(store, "dep-1", { type: "chat.inactivity_warning", chatId: "c-1", closesAt: Date.now() + 60_000 });
    applyFrame(store, "dep-1", { type: "chat.inactivity_warning", chatId: "c-2", closesAt: Date.now() + 60_000 });
    expect(store.notices.map((n) => [n.key, n.params, n.chatId])).toEqual([["policies.noticeInactivity", { number: 41 }, "c-1"]]);
  });
});
