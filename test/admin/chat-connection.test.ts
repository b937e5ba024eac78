/**
 * The widget's customer connection (widget/chat-connection.ts), DOM-free: resume with the last
 * seq, resend what is pending, and follow the chat to another room on `chat.transferred`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatConnection, type ConnectionState, type PendingMessage } from "../../widget/chat-connection";
import { FakeSocket } from "./fake-socket";
import { wireChat, wireMessage } from "./fixtures";

const ready = (departmentId: string) => ({
  type: "session.ready",
  v: 1,
  role: "customer",
  departmentId,
  chats: [wireChat({ departmentId })],
  attendants: [],
  online: true,
});

function connect(url: string | null, resume: () => Promise<string | null>) {
  const states: ConnectionState[] = [];
  const frames: { type: string }[] = [];
  let pending: PendingMessage[] = [];
  const connection = new ChatConnection("chat-1", url, 0, {
    onFrame: (frame) => frames.push(frame),
    onState: (state) => states.push(state),
    onPending: (list) => (pending = list),
    resume,
  });
  return { connection, states, frames, pending: () => pending };
}

/** Opens the last socket and answers like a room: ready, then the history. */
function serve(departmentId: string, messages = [wireMessage(1), wireMessage(2)]) {
  const ws = FakeSocket.last;
  ws.open();
  ws.receive(ready(departmentId));
  ws.receive({ type: "chat.history", chatId: "chat-1", messages, hasMore: false });
  return ws;
}

describe("customer chat connection", () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    // The widget uses the page's WebSocket.
    vi.stubGlobal("WebSocket", FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("uses the API's URL once, then asks resume() before every later attempt", async () => {
    const resume = vi.fn(async () => "ws://test/ws?token=fresh");
    const { connection } = connect("ws://test/ws?token=first", resume);
    await vi.advanceTimersByTimeAsync(0);
    expect(resume).not.toHaveBeenCalled();
    serve("dep-1");
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(resume).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all.map((s) => s.url)).toEqual(["ws://test/ws?token=first", "ws://test/ws?token=fresh"]);
    connection.stop();
  });

  it("syncs after the last seq it has, and sends pending messages only after the history", async () => {
    const { connection, states, pending } = connect("ws://test/a", async () => "ws://test/b");
    await vi.advanceTimersByTimeAsync(0);
    const message = connection.send("olá");
    expect(pending()).toEqual([message]);
    const first = serve("dep-1");
    expect(first.frames()).toEqual([
      { type: "chat.sync", chatId: "chat-1", afterSeq: 0 },
      { type: "message.send", chatId: "chat-1", clientId: message.clientId, body: "olá" },
    ]);
    first.drop();
    await vi.advanceTimersByTimeAsync(500);
    const second = serve("dep-1", []);
    expect(second.frames()).toEqual([
      { type: "chat.sync", chatId: "chat-1", afterSeq: 2 },
      { type: "message.send", chatId: "chat-1", clientId: message.clientId, body: "olá" },
    ]);
    second.receive({ type: "message.created", message: wireMessage(3, { clientId: message.clientId }) });
    expect(pending()).toEqual([]);
    expect(states).toEqual(["connecting", "open", "reconnecting", "open"]);
    connection.stop();
  });

  it("follows a transferred chat: drops the socket at once and connects to the URL resume() gives for the new room", async () => {
    const resume = vi.fn(async () => "ws://test/ws?token=new-room");
    const { connection, states, frames } = connect("ws://test/ws?token=old-room", resume);
    await vi.advanceTimersByTimeAsync(0);
    const old = serve("dep-1");
    const message = connection.send("still there?");
    old.receive({ type: "chat.transferred", chat: wireChat({ departmentId: "dep-2" }), fromDepartmentId: "dep-1" });
    // The owner saw the frame (it updates the chat), and the old room's socket is gone.
    expect(frames.map((f) => f.type)).toContain("chat.transferred");
    expect(old.closedWith).toBe(1000);
    expect(states.at(-1)).toBe("reconnecting");
    // No backoff: the new room is asked for right away.
    await vi.advanceTimersByTimeAsync(0);
    expect(resume).toHaveBeenCalledTimes(1);
    expect(FakeSocket.last.url).toBe("ws://test/ws?token=new-room");
    const next = serve("dep-2", []);
    expect(next.frames()).toEqual([
      { type: "chat.sync", chatId: "chat-1", afterSeq: 2 },
      { type: "message.send", chatId: "chat-1", clientId: message.clientId, body: "still there?" },
    ]);
    expect(states.at(-1)).toBe("open");
    connection.stop();
  });

  it("ignores the transfer of another chat", async () => {
    const resume = vi.fn(async () => "ws://test/other");
    const { connection } = connect("ws://test/a", resume);
    await vi.advanceTimersByTimeAsync(0);
    const ws = serve("dep-1");
    ws.receive({ type: "chat.transferred", chat: wireChat({ id: "chat-2", departmentId: "dep-2" }), fromDepartmentId: "dep-1" });
    await vi.advanceTimersByTimeAsync(0);
    expect(ws.closedWith).toBeUndefined();
    expect(resume).not.toHaveBeenCalled();
    connection.stop();
  });

  it("stops when the chat closes, when resume() says there is nothing left, and on an unsupported version", async () => {
    const closed = connect("ws://test/a", async () => "ws://test/b");
    await vi.advanceTimersByTimeAsync(0);
    serve("dep-1").receive({ type: "chat.closed", chat: wireChat({ status: "closed" }) });
    expect(closed.states.at(-1)).toBe("stopped");

    const gone = connect(null, async () => null);
    await vi.advanceTimersByTimeAsync(0);
    expect(gone.states).toEqual(["connecting", "stopped"]);

    const old = connect("ws://test/c", async () => "ws://test/d");
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.last;
    ws.open();
    ws.receive({ type: "error", code: "unsupported_version", message: "v2 only" });
    ws.drop(1008);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(old.states).toEqual(["connecting", "stopped"]);
    expect(FakeSocket.all.filter((s) => s.url === "ws://test/d")).toHaveLength(0);
  });
});
