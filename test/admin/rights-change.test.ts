/**
 * The console after Gestão changed the attendant's rights: a room closes with 4001, every
 * department socket stops, the app is told once, then reloads /api/me (login screen on 401,
 * retries on a network failure).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../admin/api";
import { LiveSession } from "../../admin/live";
import { reloadAfterRightsChange, RELOAD_DELAYS_MS, type ReloadSteps } from "../../admin/rights-reload";
import { Store } from "../../admin/store";
import type { MeResponse } from "../../worker/views";
import { FakeSocket, FakeWebSocket } from "./fake-socket";
import { session } from "./fixtures";

function twoDepartments(): MeResponse {
  const me = session("attendant");
  me.attendant.departments = [
    { id: "dep-1", name: "Suporte", attends: true, supervises: false },
    { id: "dep-2", name: "Comercial", attends: true, supervises: false },
  ];
  return me;
}

async function live(onRightsChanged = vi.fn()) {
  const store = new Store();
  store.signIn(twoDepartments());
  const session = new LiveSession(store, {
    token: async () => "t",
    onUnauthenticated: vi.fn(),
    onRightsChanged,
    origin: "ws://test",
    WebSocket: FakeWebSocket,
  });
  session.start();
  await vi.advanceTimersByTimeAsync(0);
  for (const ws of FakeSocket.all) ws.open();
  return { store, session, onRightsChanged };
}

describe("a 4001 close on the console", () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("stops every department socket and tells the app once, without reconnecting", async () => {
    const { store, onRightsChanged } = await live();
    const [first, second] = FakeSocket.all;
    first!.drop(4001);
    second!.drop(4001);
    await vi.advanceTimersByTimeAsync(0);
    expect(onRightsChanged).toHaveBeenCalledTimes(1);
    expect(second!.readyState).toBe(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(2);
    expect([...store.departments.values()].map((d) => d.connection)).toEqual(["stopped", "stopped"]);
  });

  it("retries other closes as before", async () => {
    const { onRightsChanged, session } = await live();
    FakeSocket.all[0]!.drop(1006);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onRightsChanged).not.toHaveBeenCalled();
    expect(FakeSocket.all).toHaveLength(3);
    session.stop();
  });
});

describe("reloading the rights", () => {
  function steps(me: ReloadSteps["me"], current = () => true) {
    const entered: MeResponse[] = [];
    const waits: number[] = [];
    const expired = vi.fn();
    const s: ReloadSteps = {
      me,
      enter: (next) => entered.push(next),
      expired,
      current,
      wait: async (ms) => void waits.push(ms),
    };
    return { s, entered, waits, expired };
  }

  it("enters again with the new session", async () => {
    const next = twoDepartments();
    const { s, entered, expired } = steps(async () => next);
    await reloadAfterRightsChange(s);
    expect(entered).toEqual([next]);
    expect(expired).not.toHaveBeenCalled();
  });

  it("goes to the login screen when /api/me answers 401 (deactivated)", async () => {
    const { s, entered, expired } = steps(async () => {
      throw new ApiError(401, "unauthenticated", "Log in first");
    });
    await reloadAfterRightsChange(s);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(entered).toEqual([]);
  });

  it("tries again after a network failure, waiting longer each time", async () => {
    let calls = 0;
    const next = twoDepartments();
    const { s, entered, waits } = steps(async () => {
      if (++calls < 3) throw new ApiError(0, "network", "network error");
      return next;
    });
    await reloadAfterRightsChange(s);
    expect(waits).toEqual([RELOAD_DELAYS_MS[0], RELOAD_DELAYS_MS[1]]);
    expect(entered).toEqual([next]);
  });

  it("does nothing once the reload is no longer wanted (logged out meanwhile)", async () => {
    let wanted = true;
    const { s, entered, expired } = steps(async () => {
      wanted = false;
      return twoDepartments();
    }, () => wanted);
    await reloadAfterRightsChange(s);
    expect(entered).toEqual([]);
    expect(expired).not.toHaveBeenCalled();
  });
});
