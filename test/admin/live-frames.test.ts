import { describe, expect, it } from "vitest";
import type { ServerFrame, WireChat } from "../../durable-objects/protocol";
import { applyFrame } from "../../admin/live-frames";
import { Store } from "../../admin/store";
import { ana, caio, session, wireChat, wireMessage } from "./fixtures";

function signedIn(role: Parameters<typeof session>[0] = "attendant"): Store {
  const store = new Store();
  store.signIn(session(role));
  return store;
}

const ready = (chats: WireChat[]): ServerFrame => ({
  type: "session.ready",
  v: 1,
  role: "attendant",
  departmentId: "dep-1",
  chats,
  attendants: [],
  online: true,
});

describe("applying server frames", () => {
  it("splits session.ready into the queue and my chats, and syncs my open chats", () => {
    const store = signedIn();
    const reply = applyFrame(store, "dep-1", ready([wireChat({ id: "w" }), wireChat({ id: "m", status: "active", attendant: ana })]));
    expect(store.queue.map((v) => v.chat.id)).toEqual(["w"]);
    expect(store.myChats.map((v) => v.chat.id)).toEqual(["m"]);
    expect(reply).toEqual([{ type: "chat.sync", chatId: "m", afterSeq: 0 }]);
  });

  it("moves an accepted chat to my chats and opens it when this console asked", () => {
    const store = signedIn();
    applyFrame(store, "dep-1", { type: "chat.queued", chat: wireChat() });
    store.accepting.add("chat-1");
    const reply = applyFrame(store, "dep-1", { type: "chat.accepted", chat: wireChat({ status: "active", attendant: ana }) });
    expect(store.queue).toEqual([]);
    expect(store.myChats).toHaveLength(1);
    expect(store.selectedChatId).toBe("chat-1");
    expect(reply).toEqual([{ type: "chat.sync", chatId: "chat-1", afterSeq: 0 }]);
  });

  it("hides chats taken by others from an attendant, shows them to a supervisor", () => {
    const attendant = signedIn();
    const admin = signedIn("administrator");
    for (const store of [attendant, admin]) {
      applyFrame(store, "dep-1", { type: "chat.queued", chat: wireChat() });
      applyFrame(store, "dep-1", { type: "chat.accepted", chat: wireChat({ status: "active", attendant: caio }) });
      expect(store.queue).toEqual([]);
    }
    expect(attendant.otherChats).toEqual([]);
    expect(admin.otherChats.map((v) => v.chat.id)).toEqual(["chat-1"]);
  });

  it("says once that a chat was taken when the accept lost the race", () => {
    const store = signedIn();
    applyFrame(store, "dep-1", { type: "chat.queued", chat: wireChat() });
    store.selectedChatId = "chat-1";
    store.accepting.add("chat-1");
    applyFrame(store, "dep-1", { type: "error", code: "chat_taken", message: "taken", chatId: "chat-1" });
    applyFrame(store, "dep-1", { type: "chat.accepted", chat: wireChat({ status: "active", attendant: caio }) });
    expect(store.notices.map((n) => n.key)).toEqual(["notice.chatTaken"]);
    expect(store.accepting.size).toBe(0);
    expect(store.selectedChatId).toBeNull();
  });

  it("keeps my closed chat until dismissed and drops a closed queue entry", () => {
    const store = signedIn();
    applyFrame(store, "dep-1", ready([wireChat({ id: "w" }), wireChat({ id: "m", status: "active", attendant: ana })]));
    applyFrame(store, "dep-1", { type: "chat.closed", chat: wireChat({ id: "w", status: "closed", closedBy: "customer" }) });
    applyFrame(store, "dep-1", { type: "chat.closed", chat: wireChat({ id: "m", status: "closed", attendant: ana, closedBy: "customer" }) });
    expect(store.chats.has("w")).toBe(false);
    expect(store.myChats.map((v) => v.chat.status)).toEqual(["closed"]);
  });

  it("on reconnection, resumes from the last seq and marks chats that closed meanwhile", () => {
    const store = signedIn();
    applyFrame(store, "dep-1", ready([wireChat({ id: "a", status: "active", attendant: ana }), wireChat({ id: "b", status: "active", attendant: ana })]));
    applyFrame(store, "dep-1", { type: "chat.history", chatId: "a", messages: [wireMessage(1, { chatId: "a" }), wireMessage(2, { chatId: "a" })], hasMore: false });
    const reply = applyFrame(store, "dep-1", ready([wireChat({ id: "a", status: "active", attendant: ana })]));
    expect(reply).toEqual([{ type: "chat.sync", chatId: "a", afterSeq: 2 }]);
    expect(store.chats.get("b")?.chat.status).toBe("closed");
  });

  it("fills a gap in live messages with chat.sync", () => {
    const store = signedIn();
    applyFrame(store, "dep-1", ready([wireChat({ status: "active", attendant: ana })]));
    applyFrame(store, "dep-1", { type: "chat.history", chatId: "chat-1", messages: [wireMessage(1)], hasMore: false });
    const reply = applyFrame(store, "dep-1", { type: "message.created", message: wireMessage(3) });
    expect(reply).toEqual([{ type: "chat.sync", chatId: "chat-1", afterSeq: 1 }]);
  });

  it("records read receipts by side and the attendant's own status from presence", () => {
    const store = signedIn();
    applyFrame(store, "dep-1", ready([wireChat({ status: "active", attendant: ana })]));
    applyFrame(store, "dep-1", { type: "message.status", chatId: "chat-1", side: "attendant", deliveredSeq: 4, readSeq: 3 });
    applyFrame(store, "dep-1", { type: "message.status", chatId: "chat-1", side: "customer", deliveredSeq: 5, readSeq: 5 });
    const view = store.chats.get("chat-1");
    expect(view?.receipts).toEqual({ deliveredSeq: 4, readSeq: 3 });
    expect(view?.readSeq).toBe(5);
    applyFrame(store, "dep-1", { type: "presence.changed", attendants: [{ ...ana, status: "offline" }], online: false });
    expect(store.me?.chatStatus).toBe("offline");
    expect(store.departments.get("dep-1")?.online).toBe(false);
  });

  it("marks a refused message as failed", () => {
    const store = signedIn();
    applyFrame(store, "dep-1", ready([wireChat({ status: "active", attendant: ana })]));
    const view = store.chats.get("chat-1")!;
    view.pending = [{ clientId: "c-1", body: "oi", createdAt: 0, failed: false }];
    applyFrame(store, "dep-1", { type: "error", code: "forbidden", message: "no", chatId: "chat-1", clientId: "c-1" });
    expect(view.pending[0]?.failed).toBe(true);
  });

  it("ignores frame types it does not know", () => {
    const store = signedIn();
    const unknown = JSON.parse('{"type":"queue.reordered","chatId":"x"}');
    expect(applyFrame(store, "dep-1", unknown)).toEqual([]);
  });
});
