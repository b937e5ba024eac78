import { describe, expect, it, vi } from "vitest";
import { LiveSession } from "../../admin/live";
import { messageAlertPlan, titleCount } from "../../admin/message-alert";
import { Store } from "../../admin/store";
import type { WebSocketFactory } from "../../widget/reconnecting-socket";
import { FakeSocket } from "./fake-socket";
import { ana, caio, session, wireChat, wireMessage } from "./fixtures";

describe("the new-message alert", () => {
  it("follows the sound and desktop switches, and is off altogether with messages off", () => {
    expect(messageAlertPlan({}, { hidden: false, permission: "granted" })).toEqual({ sound: true, desktop: false });
    expect(messageAlertPlan({}, { hidden: true, permission: "granted" })).toEqual({ sound: true, desktop: true });
    expect(messageAlertPlan({ desktop: false }, { hidden: true, permission: "granted" })).toEqual({ sound: true, desktop: false });
    expect(messageAlertPlan({ messages: false }, { hidden: true, permission: "granted" })).toEqual({ sound: false, desktop: false });
  });

  it("is raised for a customer's new message in the attendant's own chat that is not on screen, once", async () => {
    FakeSocket.all = [];
    const store = new Store();
    store.signIn(session());
    let hidden = false;
    const alerted: string[] = [];
    const live = new LiveSession(store, {
      token: async () => "t",
      onUnauthenticated: () => undefined,
      onRightsChanged: () => undefined,
      origin: "wss://console.test",
      WebSocket: FakeSocket as unknown as WebSocketFactory,
      onNewMessage: (message) => alerted.push(message.id),
      hidden: () => hidden,
    });
    live.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.last;
    socket.open();
    const mine = wireChat({ id: "mine", status: "active", attendant: ana });
    const other = wireChat({ id: "other", status: "active", attendant: caio });
    socket.receive({ type: "session.ready", v: 1, role: "attendant", departmentId: "dep-1", chats: [mine, other], attendants: [], online: true });
    live.open("mine");
    // On screen: no alert.
    socket.receive({ type: "message.created", message: wireMessage(1, { id: "m1", chatId: "mine" }) });
    // The tab is hidden: the chat on screen is not in view.
    hidden = true;
    socket.receive({ type: "message.created", message: wireMessage(2, { id: "m2", chatId: "mine" }) });
    // A repeat of a message already held (after a reconnection) is not new.
    socket.receive({ type: "message.created", message: wireMessage(2, { id: "m2", chatId: "mine" }) });
    hidden = false;
    live.open(null);
    socket.receive({ type: "message.created", message: wireMessage(3, { id: "m3", chatId: "mine" }) });
    // The attendant's own messages and other attendants' chats never alert.
    socket.receive({ type: "message.created", message: wireMessage(4, { id: "m4", chatId: "mine", author: { type: "attendant", id: ana.id, name: "Ana" } }) });
    socket.receive({ type: "message.created", message: wireMessage(1, { id: "o1", chatId: "other" }) });
    live.stop();
    expect(alerted).toEqual(["m2", "m3"]);
  });

  it("counts waiting customers and unread messages in the title, unless switched off", () => {
    const store = new Store();
    store.signIn(session());
    for (const chat of [wireChat({ id: "w1" }), wireChat({ id: "w2" }), wireChat({ id: "a1", status: "active", attendant: ana })]) {
      store.chats.set(chat.id, { chat, messages: [], pending: [], syncedSeq: null, syncing: false, readSeq: 1, receipts: { deliveredSeq: 0, readSeq: 0 }, customerTyping: null, labels: [] });
    }
    store.chats.get("a1")!.messages = [wireMessage(1, { chatId: "a1" }), wireMessage(2, { chatId: "a1" }), wireMessage(3, { chatId: "a1" })];
    expect(titleCount(store)).toBe(4);
    store.me!.notificationPrefs = { titleCount: false };
    expect(titleCount(store)).toBe(0);
  });
});
