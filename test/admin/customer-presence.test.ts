import { describe, expect, it } from "vitest";
import { updateChat } from "../../admin/chat-view";
import { presenceText } from "../../admin/customer-presence";
import { applyFrame } from "../../admin/live-frames";
import { Store } from "../../admin/store";
import { session, wireChat } from "./fixtures";

describe("the customer's presence in the console", () => {
  it("reads on the page, just left, or left N minutes ago; nothing when the room did not say", () => {
    expect(presenceText(wireChat(), 0)).toBeNull();
    expect(presenceText(wireChat({ customerLeftAt: null }), 0)).toBe("No site");
    // The chat began at 1_000 (fixtures.ts); the customer left at 2_000.
    expect(presenceText(wireChat({ customerLeftAt: 2_000 }), 50_000)).toBe("Saiu agora");
    expect(presenceText(wireChat({ customerLeftAt: 2_000 }), 62_000)).toBe("Saiu há 1 min");
    expect(presenceText(wireChat({ customerLeftAt: 2_000 }), 2_000 + 7 * 60_000 + 5)).toBe("Saiu há 7 min");
    expect(presenceText(wireChat({ status: "closed", customerLeftAt: 2_000 }), 62_000)).toBeNull();
    // Marked as left when the chat began: their widget never connected.
    expect(presenceText(wireChat({ createdAt: 5_000, customerLeftAt: 5_000 }), 5_000 + 3 * 60_000)).toBe("Não abriu o chat");
  });

  it("follows chat.presence, keeps it across frames without it, and drops an abandoned chat until it is queued again", () => {
    const store = new Store();
    store.signIn(session());
    applyFrame(store, "dep-1", { type: "session.ready", v: 1, role: "attendant", departmentId: "dep-1", chats: [wireChat({ customerLeftAt: null })], attendants: [], online: true });
    applyFrame(store, "dep-1", { type: "chat.presence", chatId: "chat-1", customerLeftAt: 5_000, abandonedAt: null });
    expect(store.chats.get("chat-1")?.chat.customerLeftAt).toBe(5_000);
    updateChat(store.chats.get("chat-1")!, wireChat({ lastSeq: 2 }));
    expect(store.chats.get("chat-1")?.chat).toMatchObject({ lastSeq: 2, customerLeftAt: 5_000 });

    store.selectedChatId = "chat-1";
    applyFrame(store, "dep-1", { type: "chat.presence", chatId: "chat-1", customerLeftAt: 5_000, abandonedAt: 65_000 });
    expect(store.queue).toEqual([]);
    expect(store.selectedChatId).toBeNull();
    applyFrame(store, "dep-1", { type: "chat.queued", chat: wireChat({ customerLeftAt: null }) });
    expect(store.queue.map((v) => v.chat.customerLeftAt)).toEqual([null]);
  });
});
