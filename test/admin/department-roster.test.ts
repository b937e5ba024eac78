import { describe, expect, it } from "vitest";
import { mergeRoster, rosterSignature } from "../../admin/department-roster";
import { presenceKeys } from "../../admin/desk-keys";
import { applyFrame } from "../../admin/live-frames";
import { Store } from "../../admin/store";
import { session } from "./fixtures";
import type { DepartmentAttendant } from "../../worker/views-console";

const person = (id: string, status: DepartmentAttendant["status"]): DepartmentAttendant => ({ id, name: id, role: "attendant", status, activeChats: 0, limit: null });

describe("the Atendentes panel's roster", () => {
  it("keeps everyone of the roster, with the room's live status over the last read", () => {
    const roster = [person("ana", "online"), person("bia", "busy"), person("caio", "offline"), person("dora", "busy")];
    const live = [
      { id: "ana", name: "ana", status: "offline" as const },
      { id: "bia", name: "bia", status: "online" as const },
      { id: "caio", name: "caio", status: "online" as const },
    ];
    expect(mergeRoster(roster, live).map((p) => [p.id, p.status])).toEqual([
      ["ana", "offline"],
      ["bia", "busy"],
      ["caio", "online"],
      ["dora", "busy"],
    ]);
  });

  it("changes its signature when presence, the number of active chats or an unlisted attendant changes, not the order", () => {
    const a = { id: "a", name: "A", status: "online" as const };
    const b = { id: "b", name: "B", status: "offline" as const };
    expect(rosterSignature([a, b], 1, 0)).toBe(rosterSignature([b, a], 1, 0));
    expect(rosterSignature([a, b], 1, 0)).not.toBe(rosterSignature([a, b], 2, 0));
    expect(rosterSignature([a, b], 1, 0)).not.toBe(rosterSignature([a, { ...b, status: "online" }], 1, 0));
    expect(rosterSignature([a, b], 1, 0)).not.toBe(rosterSignature([a, b], 1, 1));
  });

  it("counts the room's attendant.changed frames per department, which the presence list's keys follow", () => {
    const store = new Store();
    store.signIn(session("administrator"));
    const before = presenceKeys(store);
    applyFrame(store, "dep-1", { type: "attendant.changed", attendantId: "att-bruno", status: "offline" });
    expect(store.departments.get("dep-1")!.rosterChanges).toBe(1);
    expect(presenceKeys(store)).not.toEqual(before);
    // A department the console does not hold changes nothing.
    applyFrame(store, "dep-x", { type: "attendant.changed", attendantId: "att-bruno", status: "offline" });
    expect(store.departments.get("dep-1")!.rosterChanges).toBe(1);
  });
});
