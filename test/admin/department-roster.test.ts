import { describe, expect, it } from "vitest";
import { mergeRoster, rosterSignature } from "../../admin/department-roster";
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

  it("changes its signature when presence or the number of active chats changes, not the order", () => {
    const a = { id: "a", name: "A", status: "online" as const };
    const b = { id: "b", name: "B", status: "offline" as const };
    expect(rosterSignature([a, b], 1)).toBe(rosterSignature([b, a], 1));
    expect(rosterSignature([a, b], 1)).not.toBe(rosterSignature([a, b], 2));
    expect(rosterSignature([a, b], 1)).not.toBe(rosterSignature([a, { ...b, status: "online" }], 1));
  });
});
