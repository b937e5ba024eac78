import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DepartmentSocket, type SocketState } from "../../admin/department-socket";

/** Just enough of a browser WebSocket to drive the reconnect logic. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

function makeSocket(states: SocketState[] = []) {
  let n = 0;
  const frames: unknown[] = [];
  const socket = new DepartmentSocket({
    departmentId: "d",
    origin: "ws://test",
    token: async () => `t${++n}`,
    onFrame: (f) => frames.push(f),
    onState: (s) => states.push(s),
    WebSocket: FakeSocket as unknown as new (url: string) => WebSocket,
    initialDelayMs: 100,
    maxDelayMs: 1_000,
    pingIntervalMs: 1_000,
  });
  return { socket, frames };
}

const ready = { type: "session.ready", v: 1, role: "attendant", departmentId: "d", chats: [], attendants: [], online: true };

describe("department socket", () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("reconnects with a fresh token after the connection drops", async () => {
    const states: SocketState[] = [];
    const { socket, frames } = makeSocket(states);
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.receive(ready);
    expect(frames).toHaveLength(1);
    FakeSocket.all[0]!.drop();
    expect(states.at(-1)).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.all[1]!.url).toBe("ws://test/api/ws?token=t2&department=d&v=1");
    FakeSocket.all[1]!.open();
    expect(socket.current).toBe("open");
    socket.stop();
  });

  it("backs off exponentially while the server stays away", async () => {
    const { socket } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.all[0]!.drop(); // delay 50–100 ms
    await vi.advanceTimersByTimeAsync(100);
    FakeSocket.all[1]!.drop(); // 100–200 ms
    await vi.advanceTimersByTimeAsync(99);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(101);
    expect(FakeSocket.all).toHaveLength(3);
    socket.stop();
  });

  it("sends only while open and pings to keep watch", async () => {
    const { socket } = makeSocket();
    socket.start();
    expect(socket.send({ type: "ping" })).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.all[0]!;
    ws.open();
    expect(socket.send({ type: "chat.accept", chatId: "c" })).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ws.sent.at(-1)).toBe('{"type":"ping"}');
    socket.stop();
  });

  it("replaces a link that stopped answering", async () => {
    const { socket } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.all[0]!.open();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(FakeSocket.all[0]!.readyState).toBe(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.all.length).toBeGreaterThan(1);
    socket.stop();
  });

  it("stops for good when the token request is fatal", async () => {
    const states: SocketState[] = [];
    const socket = new DepartmentSocket({
      departmentId: "d",
      origin: "ws://test",
      token: async () => {
        throw new Error("401");
      },
      onFrame: () => {},
      onState: (s) => states.push(s),
      isFatal: () => true,
      WebSocket: FakeSocket as unknown as new (url: string) => WebSocket,
    });
    socket.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(0);
    expect(states.at(-1)).toBe("stopped");
  });

  it("ignores events from a socket it already replaced", async () => {
    const { socket, frames } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    const old = FakeSocket.all[0]!;
    socket.stop();
    old.receive(ready);
    expect(frames).toEqual([]);
  });
});
