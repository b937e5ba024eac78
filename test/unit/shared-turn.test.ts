import { describe, expect, it } from "vitest";
import { SharedTurn } from "../../durable-objects/shared-turn";
import { messageId } from "../../durable-objects/message-id";

describe("SharedTurn", () => {
  it("lets the callers that asked before it opened continue together, in the order they asked, before any other task", async () => {
    const turn = new SharedTurn();
    const order: string[] = [];
    let otherTask = false;
    const first = turn.wait().then(() => order.push("first"));
    // A task queued between the two callers: both continue before it runs.
    setTimeout(() => (otherTask = true), 0);
    const second = turn.wait().then(() => {
      order.push("second");
      return otherTask;
    });
    expect(await second).toBe(false);
    await first;
    expect(order).toEqual(["first", "second"]);
  });

  it("makes a caller that asks once the turn has opened wait for the next one", async () => {
    const turn = new SharedTurn();
    let otherTask = false;
    await turn.wait();
    setTimeout(() => (otherTask = true), 0);
    await turn.wait();
    expect(otherTask).toBe(true);
  });
});

describe("messageId", () => {
  it("is a UUIDv7 whose first 48 bits are the time given, and sorts by that time", () => {
    const at = Date.UTC(2026, 11, 7, 12, 0, 0);
    const id = messageId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace("-", "").slice(0, 12), 16)).toBe(at);
    const later = messageId(at + 1);
    expect(later > id).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => messageId(at))).size).toBe(1000);
  });
});
