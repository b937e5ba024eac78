import { describe, expect, it } from "vitest";
import { addMessages, newChatView, receiptOf, receiveHistory, receiveMessage, unreadCount } from "../../admin/chat-view";
import { wireChat, wireMessage } from "./fixtures";

describe("chat view", () => {
  it("keeps one copy of each message, ordered by seq", () => {
    const view = newChatView(wireChat());
    addMessages(view, [wireMessage(2), wireMessage(1)]);
    addMessages(view, [wireMessage(1), wireMessage(3), wireMessage(2)]);
    expect(view.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("settles a pending message when its clientId comes back", () => {
    const view = newChatView(wireChat());
    view.pending = [{ clientId: "c-1", body: "oi", createdAt: 0, failed: false }];
    addMessages(view, [wireMessage(1, { clientId: "c-1", author: { type: "attendant", id: "att-1", name: "Ana" } })]);
    expect(view.pending).toEqual([]);
    expect(view.messages).toHaveLength(1);
  });

  it("asks for the missing part when a live message skips seqs", () => {
    const view = newChatView(wireChat());
    receiveHistory(view, [wireMessage(1), wireMessage(2)], false);
    expect(receiveMessage(view, wireMessage(3))).toBe(false);
    expect(view.syncedSeq).toBe(3);
    expect(receiveMessage(view, wireMessage(5))).toBe(true);
    expect(view.syncedSeq).toBe(3);
  });

  it("does not ask twice while a history request is in flight", () => {
    const view = newChatView(wireChat());
    receiveHistory(view, [wireMessage(1)], false);
    view.syncing = true;
    expect(receiveMessage(view, wireMessage(4))).toBe(false);
  });

  it("pages through history until the server has no more, then counts live arrivals as synced", () => {
    const view = newChatView(wireChat());
    view.syncing = true;
    expect(receiveHistory(view, [wireMessage(1), wireMessage(2)], true)).toBe(true);
    expect(view.syncedSeq).toBe(2);
    receiveMessage(view, wireMessage(9));
    expect(receiveHistory(view, [wireMessage(3)], false)).toBe(false);
    expect(view.syncedSeq).toBe(9);
    expect(view.syncing).toBe(false);
  });

  it("counts unread customer messages after the read mark", () => {
    const view = newChatView(wireChat({ attendantReadSeq: 1 }));
    addMessages(view, [wireMessage(1), wireMessage(2), wireMessage(3, { author: { type: "attendant", id: "a", name: "A" } }), wireMessage(4)]);
    expect(unreadCount(view)).toBe(2);
  });

  it("derives delivered/read marks for the attendant's messages", () => {
    const view = newChatView(wireChat({ customerDeliveredSeq: 2, customerReadSeq: 1 }));
    expect(receiptOf(view, wireMessage(1))).toBe("read");
    expect(receiptOf(view, wireMessage(2))).toBe("delivered");
    expect(receiptOf(view, wireMessage(3))).toBe("sent");
  });

  it("clears the customer's typing when their message arrives", () => {
    const view = newChatView(wireChat());
    view.customerTyping = "Zé";
    addMessages(view, [wireMessage(1)]);
    expect(view.customerTyping).toBeNull();
  });
});
