/**
 * The widget's chat controller (widget/chat-controller.ts) when its chat is transferred: it
 * shows the new department and reconnects to the new room with a socket URL from a fresh
 * `GET /api/widget/me`. In Node: fake sockets, a fake `fetch` for `/me`, an in-memory storage.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WidgetMeResponse } from "../../worker/views";
import { ChatController, type ChatHost } from "../../widget/chat-controller";
import type { PanelBoot } from "../../widget/contract";
import { FakeSocket } from "./fake-socket";
import { wireChat, wireMessage } from "./fixtures";

const SERVER = "https://chat.test";

function memoryStorage(entries: Record<string, string>): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

function makeHost(): ChatHost {
  const boot = { account: "pk", server: SERVER } as PanelBoot;
  return Object.assign(new EventTarget(), {
    boot,
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  });
}

describe("widget chat controller: transfer", () => {
  let me: WidgetMeResponse;
  const fetchMe = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(me)));

  beforeEach(() => {
    FakeSocket.all = [];
    fetchMe.mockClear();
    vi.useFakeTimers();
    vi.stubGlobal("WebSocket", FakeSocket);
    vi.stubGlobal("fetch", fetchMe);
    vi.stubGlobal("localStorage", memoryStorage({ "tomticket-chat:pk": "customer-token" }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("shows the new department and reconnects to its room with the socket from /me", async () => {
    const controller = new ChatController(makeHost(), { onExpired: () => {}, onClosed: () => {}, onUnsupported: () => {} });
    controller.enter(wireChat({ status: "active" }), "wss://chat.test/api/widget/ws?token=old", true);
    await vi.advanceTimersByTimeAsync(0);
    const old = FakeSocket.last;
    old.open();
    old.receive({ type: "session.ready", v: 1, role: "customer", departmentId: "dep-1", chats: [], attendants: [], online: true });
    old.receive({ type: "chat.history", chatId: "chat-1", messages: [wireMessage(1), wireMessage(2)], hasMore: false });

    const moved = wireChat({ status: "active", departmentId: "dep-2" });
    me = { customer: moved.customer, chat: moved, ws: { token: "new", url: "wss://chat.test/api/widget/ws?token=new" } };
    old.receive({ type: "chat.transferred", chat: moved, fromDepartmentId: "dep-1" });
    expect(controller.chat?.departmentId).toBe("dep-2");
    expect(old.closedWith).toBe(1000);

    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMe).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMe.mock.calls[0]!;
    expect(url).toBe(`${SERVER}/api/widget/me?account=pk`);
    expect(init?.headers).toMatchObject({ authorization: "Bearer customer-token" });
    expect(FakeSocket.last.url).toBe("wss://chat.test/api/widget/ws?token=new");

    const next = FakeSocket.last;
    next.open();
    next.receive({ type: "session.ready", v: 1, role: "customer", departmentId: "dep-2", chats: [moved], attendants: [], online: false });
    expect(next.frames()).toEqual([{ type: "chat.sync", chatId: "chat-1", afterSeq: 2 }]);
    expect(controller.connState).toBe("open");
    expect(controller.online).toBe(false);
    controller.reset();
  });
});
