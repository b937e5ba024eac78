import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReconnectingSocket, type ReconnectingSocketOptions, type SocketState } from "../../widget/reconnecting-socket";
import { FakeSocket, FakeWebSocket } from "./fake-socket";

const ready = { type: "session.ready", v: 1, role: "customer", departmentId: "d", chats: [], attendants: [], online: true };

function makeSocket(overrides: Partial<ReconnectingSocketOptions> = {}) {
  const states: SocketState[] = [];
  const frames: unknown[] = [];
  let n = 0;
  const url = vi.fn(async (): Promise<string | null> => `ws://test/ws?token=t${++n}`);
  const socket = new ReconnectingSocket({
    url,
    onFrame: (frame) => frames.push(frame),
    onState: (state) => states.push(state),
    WebSocket: FakeWebSocket,
    initialDelayMs: 100,
    maxDelayMs: 800,
    pingIntervalMs: 1_000,
    ...overrides,
  });
  return { socket, states, frames, url };
}

describe("reconnecting socket", () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("asks for a fresh URL on every attempt, failed ones included", async () => {
    let n = 0;
    const url = vi.fn(async () => {
      n++;
      if (n === 2) throw new Error("network");
      return `ws://test/ws?token=t${n}`;
    });
    const { socket } = makeSocket({ url });
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(100); // attempt 2: url() throws
    expect(url).toHaveBeenCalledTimes(2);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200); // attempt 3
    expect(FakeSocket.all.map((s) => s.url)).toEqual(["ws://test/ws?token=t1", "ws://test/ws?token=t3"]);
    socket.stop();
  });

  it("doubles the wait on every failure, with jitter, up to the maximum", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const { socket } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = FakeSocket.all.length;
      FakeSocket.last.drop();
      let waited = 0;
      while (FakeSocket.all.length === before) {
        await vi.advanceTimersByTimeAsync(10);
        waited += 10;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([100, 200, 400, 800, 800]);
    socket.stop();
  });

  it("never waits less than half the delay", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { socket } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(49);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);
    socket.stop();
  });

  it("starts the backoff afresh once the server accepts a session", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const { socket } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(100);
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(200);
    FakeSocket.last.open();
    FakeSocket.last.receive(ready);
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(4);
    socket.stop();
  });

  it("reports open, the frames and the drop, and ignores what is not a frame", async () => {
    const { socket, states, frames } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.last;
    ws.open();
    ws.receive("not json");
    ws.receive('"a string"');
    ws.receive({ no: "type" });
    ws.receive(ready);
    ws.drop();
    expect(frames).toEqual([ready]);
    expect(states).toEqual(["connecting", "open", "reconnecting"]);
    socket.stop();
  });

  it("sends only while open, and pings while the link is quiet", async () => {
    const { socket } = makeSocket();
    socket.start();
    expect(socket.send({ type: "ping" })).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.last;
    expect(socket.send({ type: "ping" })).toBe(false);
    ws.open();
    expect(socket.send({ type: "chat.close", chatId: "c" })).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ws.frames()).toEqual([{ type: "chat.close", chatId: "c" }, { type: "ping" }]);
    socket.stop();
  });

  it("replaces a link that brought no frame for two ping intervals", async () => {
    const { socket } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.last;
    ws.open();
    await vi.advanceTimersByTimeAsync(2_000);
    ws.receive({ type: "pong", at: 0 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ws.closedWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ws.closedWith).toBe(4000);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(2);
    socket.stop();
  });

  it("stops on stop(): closes with 1000, then no URL, no socket, no event", async () => {
    const { socket, states, frames, url } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.last;
    ws.open();
    socket.stop();
    expect(ws.closedWith).toBe(1000);
    ws.receive(ready);
    ws.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(url).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(1);
    expect(frames).toEqual([]);
    expect(states.at(-1)).toBe("stopped");
  });

  it("stops while waiting to retry, and while a URL is on its way", async () => {
    let answer: (url: string) => void = () => {};
    const url = vi.fn(() => new Promise<string>((resolve) => (answer = resolve)));
    const { socket } = makeSocket({ url });
    socket.start();
    socket.stop();
    answer("ws://test/late");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(0);

    const second = makeSocket();
    second.socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.drop();
    second.socket.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(second.url).toHaveBeenCalledTimes(1);
  });

  it("stops for good when url() answers null", async () => {
    const { socket, states } = makeSocket({ url: async () => null });
    socket.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(0);
    expect(states).toEqual(["connecting", "stopped"]);
  });

  it("keeps retrying while url() throws", async () => {
    const url = vi.fn(async (): Promise<string | null> => {
      throw new Error("network");
    });
    const { socket, states } = makeSocket({ url });
    socket.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(url.mock.calls.length).toBeGreaterThan(3);
    expect(states).toEqual(["connecting", "reconnecting"]);
    socket.stop();
  });

  it("retries after a policy close (1008) too: the owner stops on the error frame sent before it", async () => {
    const { socket, url } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    FakeSocket.last.drop(1008);
    await vi.advanceTimersByTimeAsync(100);
    expect(url).toHaveBeenCalledTimes(2);
    expect(FakeSocket.all).toHaveLength(2);
    socket.stop();
  });

  it("reconnect() drops the socket and connects at once to a new URL", async () => {
    const { socket, states, frames } = makeSocket();
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    const old = FakeSocket.last;
    old.open();
    socket.reconnect();
    expect(old.closedWith).toBe(1000);
    old.receive(ready);
    old.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all.map((s) => s.url)).toEqual(["ws://test/ws?token=t1", "ws://test/ws?token=t2"]);
    expect(frames).toEqual([]);
    FakeSocket.last.open();
    expect(states).toEqual(["connecting", "open", "reconnecting", "open"]);
    socket.stop();
  });

  it("reconnectNow() skips the wait, and does nothing while connected", async () => {
    const { socket, url } = makeSocket({ initialDelayMs: 10_000, maxDelayMs: 10_000 });
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last.open();
    socket.reconnectNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(url).toHaveBeenCalledTimes(1);
    FakeSocket.last.drop();
    socket.reconnectNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
    socket.stop();
  });

  it("retries when the URL is malformed and the constructor throws", async () => {
    let n = 0;
    class Throwing extends FakeSocket {
      constructor(url: string) {
        if (url === "bad") throw new SyntaxError("bad URL");
        super(url);
      }
    }
    const { socket } = makeSocket({
      url: async () => (++n === 1 ? "bad" : "ws://test/ok"),
      WebSocket: Throwing as unknown as new (url: string) => WebSocket,
    });
    socket.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all.map((s) => s.url)).toEqual(["ws://test/ok"]);
    socket.stop();
  });
});
