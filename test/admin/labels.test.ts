import { describe, expect, it } from "vitest";
import type { ServerFrame, WireChat } from "../../durable-objects/protocol";
import { applyFrame } from "../../admin/live-frames";
import { changeField, checkLabel, chipText, conditionOf, FIELD_OPERATORS, fieldTarget, labelBody, labelDraft, newRow } from "../../admin/labels-form";
import { Store } from "../../admin/store";
import { RULE_OPERATORS } from "../../worker/labels/rules";
import { ana, session, wireChat } from "./fixtures";

const finance = { id: "l1", name: "Financeiro", color: "#1a7f5a" };
const shop = { id: "l2", name: "Loja", color: "#ffdd00" };

describe("labels in the console's live state", () => {
  const store = () => {
    const s = new Store();
    s.signIn(session("attendant"));
    return s;
  };
  const ready = (chats: WireChat[]): ServerFrame => ({ type: "session.ready", v: 1, role: "attendant", departmentId: "dep-1", chats, attendants: [], online: true });

  it("takes labels from session.ready and chat.labels, and keeps them through frames without labels", () => {
    const s = store();
    applyFrame(s, "dep-1", ready([wireChat({ id: "c", status: "active", attendant: ana, labels: [finance] })]));
    expect(s.chats.get("c")!.labels).toEqual([finance]);
    applyFrame(s, "dep-1", { type: "chat.labels", chatId: "c", labels: [finance, shop] });
    expect(s.chats.get("c")!.labels).toEqual([finance, shop]);
    // chat.accepted / chat.closed also reach customers and never carry labels.
    applyFrame(s, "dep-1", { type: "chat.closed", chat: wireChat({ id: "c", status: "closed", attendant: ana }) });
    expect(s.chats.get("c")!.labels).toEqual([finance, shop]);
    // A frame about a chat this console does not list changes nothing.
    applyFrame(s, "dep-1", { type: "chat.labels", chatId: "other", labels: [shop] });
    expect(s.chats.has("other")).toBe(false);
  });
});

describe("the label form's logic", () => {
  it("offers the engine's fields and operators", () => {
    expect(FIELD_OPERATORS).toEqual(RULE_OPERATORS);
  });

  it("turns rows into the server's conditions and back", () => {
    const label = {
      ...finance,
      description: "",
      active: true,
      createdAt: 0,
      updatedAt: 0,
      conditions: [
        { field: "firstMessage", operator: "contains", value: "boleto" },
        { field: "dayOfWeek", operator: "is", value: [5, 1] },
        { field: "timeOfDay", operator: "between", value: { start: "22:00", end: "06:00" } },
        { field: "verified", operator: "is", value: false },
      ],
    } as const;
    const draft = labelDraft(structuredClone(label) as never);
    expect(labelBody(draft).conditions).toEqual([
      { field: "firstMessage", operator: "contains", value: "boleto" },
      { field: "dayOfWeek", operator: "is", value: [1, 5] },
      { field: "timeOfDay", operator: "between", value: { start: "22:00", end: "06:00" } },
      { field: "verified", operator: "is", value: false },
    ]);
    expect(conditionOf({ ...newRow("pageUrl"), operator: "startsWith", text: "  https://x " })).toEqual({ field: "pageUrl", operator: "startsWith", value: "https://x" });
    expect(changeField(newRow("pageUrl"), "department", "dep-1")).toMatchObject({ field: "department", operator: "is", text: "dep-1" });
  });

  it("checks before sending and places the server's field errors next to their control", () => {
    const draft = { ...labelDraft(), name: " ", color: "red", rows: [newRow("firstMessage"), { ...newRow("timeOfDay"), start: "09:00", end: "09:00" }, newRow("dayOfWeek")] };
    expect(checkLabel(draft)).toEqual({ "label-name": "labels.error.name", "label-color-hex": "labels.error.color", "cond-0-value": "labels.error.value", "cond-1-end": "labels.error.range", "cond-2-days": "labels.error.days" });
    expect(fieldTarget(draft, "conditions.1.value.end")).toBe("cond-1-end");
    expect(fieldTarget(draft, "conditions.2.value.0")).toBe("cond-2-days");
    expect(fieldTarget(draft, "conditions.0.operator")).toBe("cond-0-operator");
    expect(fieldTarget(draft, "conditions.9.value")).toBeNull();
    expect(fieldTarget(draft, "color")).toBe("label-color-hex");
  });

  it("writes chip text in black or white, whichever reads better", () => {
    expect(chipText("#ffdd00")).toBe("#000000");
    expect(chipText("#1a7f5a")).toBe("#ffffff");
    expect(chipText("#000000")).toBe("#ffffff");
    expect(chipText("not a colour")).toBe("#ffffff");
  });
});
