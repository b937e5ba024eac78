/**
 * The chat on screen is read in the same store change as the message that arrives in it
 * (admin/live.ts): one `change` event per message, so the chat list renders once, not once
 * with an unread badge and again without it.
 */
import { describe, expect, it, vi } from "vitest";
import { LiveSession } from "../../admin/live";
import { Store } from "../../admin/store";
import { unreadCount } from "../../admin/chat-view";
import type { WebSocketFactory } from "../../widget/reconnecting-socket";
import { FakeSocket } from "./fake-socket";
import { ana, session, wireChat, wireMessage } from "./fixtures";

async function desk(hidden: () => boolean) {
  FakeSocket.all = [];
  const store = new Store();
  store.signIn(session());
  const live = new LiveSession(store, {
    token: async () => "t",
    onUnauthenticated: () => undefined,
    onRightsChanged: () => undefined,
    origin: "wss://console.test",
    WebSocket: FakeSocket as unknown as WebSocketFactory,
    hidden,
  });
  live.start();
  await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
  const socket = FakeSocket.last;
  socket.open();
  const chats = [wireChat({ id: "open", status: "active", attendant: ana }), wireChat({ id: "other", status: "active", attendant: ana })];
  socket.receive({ type: "session.ready", v: 1, role: "attendant", departmentId: "dep-1", chats, attendants: [], online: true });
  live.open("open");
  await Promise.resolve();
  let changes = 0;
  store.addEventListener("change", () => changes++);
  return { store, live, socket, changes: () => changes };
}

const reads = (socket: FakeSocket) => socket.frames().filter((f) => f.type === "message.read");

describe("reading the chat on screen", () => {
  it("marks a customer's message in the open chat read in the same change that adds it", async () => {
    const { store, live, socket, changes } = await desk(() => false);
    socket.receive({ type: "message.created", message: wireMessage(1, { id: "m1", chatId: "open" }) });
    expect(unreadCount(store.chats.get("open")!)).toBe(0);
    expect(reads(socket)).toEqual([{ type: "message.read", chatId: "open", seq: 1 }]);
    await Promise.resolve();
    expect(changes()).toBe(1);
    live.stop();
  });

  it("leaves a message unread in another chat, in a hidden tab, and away from the desk", async () => {
    let hidden = false;
    const { store, live, socket } = await desk(() => hidden);
    socket.receive({ type: "message.created", message: wireMessage(1, { id: "o1", chatId: "other" }) });
    expect(unreadCount(store.chats.get("other")!)).toBe(1);
    hidden = true;
    socket.receive({ type: "message.created", message: wireMessage(1, { id: "m1", chatId: "open" }) });
    expect(unreadCount(store.chats.get("open")!)).toBe(1);
    hidden = false;
    store.route = { page: "history" };
    socket.receive({ type: "message.created", message: wireMessage(2, { id: "m2", chatId: "open" }) });
    expect(unreadCount(store.chats.get("open")!)).toBe(2);
    expect(reads(socket)).toEqual([]);
    live.stop();
  });
});
