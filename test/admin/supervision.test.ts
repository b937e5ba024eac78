import { describe, expect, it } from "vitest";
import type { ServerFrame, WireChat } from "../../durable-objects/protocol";
import { canOpen, parseRoute, routeHash } from "../../admin/app";
import { applyFrame } from "../../admin/live-frames";
import { Store } from "../../admin/store";
import { closedByOther, elapsedClock, supervisedDepartments, supervisionCounts, supervisionRows } from "../../admin/supervision";
import { ana, caio, session, wireChat } from "./fixtures";

/** A manager who supervises Suporte (dep-1) and Vendas (dep-2) and only attends Plantão (dep-3). */
function manager(): Store {
  const store = new Store();
  const me = session("department_manager");
  me.attendant.departments = [
    { id: "dep-2", name: "Vendas", attends: false, supervises: true },
    { id: "dep-1", name: "Suporte", attends: true, supervises: true },
    { id: "dep-3", name: "Plantão", attends: true, supervises: false },
  ];
  store.signIn(me);
  return store;
}

const ready = (departmentId: string, chats: WireChat[]): ServerFrame => ({
  type: "session.ready",
  v: 1,
  role: "attendant",
  departmentId,
  chats,
  attendants: [],
  online: true,
});

describe("the supervision view", () => {
  it("is a page for administrators and managers only, at #/supervision", () => {
    expect(parseRoute("#/supervision")).toEqual({ page: "supervision" });
    expect(routeHash({ page: "supervision" })).toBe("#/supervision");
    expect(canOpen("administrator", "supervision")).toBe(true);
    expect(canOpen("department_manager", "supervision")).toBe(true);
    expect(canOpen("attendant", "supervision")).toBe(false);
  });

  it("lists only the supervised departments, by name", () => {
    expect(supervisedDepartments(manager().me)).toEqual([
      { id: "dep-2", name: "Vendas" },
      { id: "dep-1", name: "Suporte" },
    ]);
    expect(supervisedDepartments(null)).toEqual([]);
  });

  it("shows the waiting and active chats of supervised departments, by department, queue first, longest first", () => {
    const store = manager();
    applyFrame(store, "dep-1", ready("dep-1", [
      wireChat({ id: "s-active", status: "active", attendant: caio, createdAt: 100, acceptedAt: 500 }),
      wireChat({ id: "s-wait-new", createdAt: 900 }),
      wireChat({ id: "s-wait-old", createdAt: 200 }),
    ]));
    applyFrame(store, "dep-2", ready("dep-2", [wireChat({ id: "v-wait", departmentId: "dep-2", createdAt: 50 })]));
    applyFrame(store, "dep-3", ready("dep-3", [wireChat({ id: "p-wait", departmentId: "dep-3", createdAt: 10 })]));

    const rows = supervisionRows(store);
    expect(rows.map((r) => [r.chat.id, r.departmentName, r.since])).toEqual([
      ["s-wait-old", "Suporte", 200],
      ["s-wait-new", "Suporte", 900],
      ["s-active", "Suporte", 500],
      ["v-wait", "Vendas", 50],
    ]);
    expect(supervisionCounts(rows)).toEqual({ waiting: 3, active: 1 });
    expect(supervisionRows(store, "dep-2").map((r) => r.chat.id)).toEqual(["v-wait"]);
  });

  it("follows the room's frames: a new chat appears, an accept changes it, a close removes it", () => {
    const store = manager();
    applyFrame(store, "dep-1", ready("dep-1", []));
    applyFrame(store, "dep-1", { type: "chat.queued", chat: wireChat({ id: "c" }) });
    expect(supervisionRows(store).map((r) => r.chat.status)).toEqual(["waiting"]);
    applyFrame(store, "dep-1", { type: "chat.accepted", chat: wireChat({ id: "c", status: "active", attendant: caio, acceptedAt: 2_000 }) });
    expect(supervisionRows(store).map((r) => [r.chat.attendant?.name, r.since])).toEqual([["Caio", 2_000]]);
    applyFrame(store, "dep-1", { type: "chat.closed", chat: wireChat({ id: "c", status: "closed", attendant: caio, closedBy: "attendant" }) });
    expect(supervisionRows(store)).toEqual([]);
  });

  it("ticks as a clock: seconds, minutes, hours", () => {
    expect(elapsedClock(0)).toBe("0:00");
    expect(elapsedClock(42_900)).toBe("0:42");
    expect(elapsedClock(12 * 60_000 + 5_000)).toBe("12:05");
    expect(elapsedClock(3_600_000 + 2 * 60_000 + 9_000)).toBe("1:02:09");
    expect(elapsedClock(-5_000)).toBe("0:00");
  });
});

describe("who closed the chat, in the attendant's console", () => {
  const closedBy = (closer: WireChat["closer"]) => wireChat({ status: "closed", attendant: ana, closedBy: closer?.type ?? null, closer });

  it("names a manager who closed it, not the attendant themselves, the customer or the system", () => {
    expect(closedByOther(closedBy({ type: "attendant", id: caio.id, name: "Caio" }), ana.id)).toEqual({ name: "Caio" });
    expect(closedByOther(closedBy({ type: "attendant", id: ana.id, name: "Ana" }), ana.id)).toBeNull();
    expect(closedByOther(closedBy({ type: "customer", id: "cus-1", name: "Zé" }), ana.id)).toBeNull();
    expect(closedByOther(closedBy({ type: "attendant", id: caio.id, name: "" }), ana.id)).toBeNull();
    expect(closedByOther(closedBy(undefined), ana.id)).toBeNull();
  });

  it("tells the attendant once when a manager closes their chat, and keeps it on screen", () => {
    const store = new Store();
    store.signIn(session("attendant"));
    applyFrame(store, "dep-1", ready("dep-1", [wireChat({ status: "active", attendant: ana })]));
    const closed: ServerFrame = { type: "chat.closed", chat: closedBy({ type: "attendant", id: caio.id, name: "Caio" }) };
    applyFrame(store, "dep-1", closed);
    applyFrame(store, "dep-1", closed);
    expect(store.notices.map((n) => [n.key, n.params])).toEqual([["notice.closedByOther", { name: "Caio", number: 1 }]]);
    expect(store.myChats[0]?.chat.closer?.name).toBe("Caio");
  });

  it("says nothing extra when the attendant closed it", () => {
    const store = new Store();
    store.signIn(session("attendant"));
    applyFrame(store, "dep-1", ready("dep-1", [wireChat({ status: "active", attendant: ana })]));
    applyFrame(store, "dep-1", { type: "chat.closed", chat: closedBy({ type: "attendant", id: ana.id, name: "Ana" }) });
    expect(store.notices).toEqual([]);
  });
});
