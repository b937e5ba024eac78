import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, Timers, backoff, type AlarmClock, type Timer } from "../../durable-objects/timers";

/** A room of its own for each test (storage is shared by the tests of a file). */
function freshRoom() {
  return env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`timers-test:${crypto.randomUUID()}`));
}

/** An alarm that only records, so that the room's real alarm never runs these test rows. */
function fakeClock(): AlarmClock & { at: number | null; sets: number } {
  return {
    at: null,
    sets: 0,
    async getAlarm() {
      return this.at;
    },
    async setAlarm(time: number) {
      this.at = time;
      this.sets++;
    },
    async deleteAlarm() {
      this.at = null;
    },
  };
}

/** Runs `fn` inside a fresh room with a Timers over its real SQLite table and a fake alarm. */
function withTimers<R>(fn: (timers: Timers, clock: ReturnType<typeof fakeClock>) => Promise<R> | R): Promise<R> {
  return runInDurableObject(freshRoom(), async (_, state) => {
    const clock = fakeClock();
    return fn(new Timers(state.storage.sql, clock), clock);
  });
}

describe("timers", () => {
  it("a timer pushed later does not fire at its old time, and fires once at the new one", async () => {
    await withTimers(async (timers) => {
      const t0 = Date.now();
      const ran: string[] = [];
      const handlers = { ping: (t: Timer) => void ran.push(t.key) };
      timers.set("ping", "a", t0 + 1_000);
      timers.set("ping", "a", t0 + 60_000);
      expect(await timers.runDue(t0 + 2_000, handlers)).toEqual({ ran: 0, failed: 0 });
      expect(ran).toEqual([]);
      expect(timers.get("ping", "a")?.dueAt).toBe(t0 + 60_000);
      expect(await timers.runDue(t0 + 60_000, handlers)).toEqual({ ran: 1, failed: 0 });
      expect(ran).toEqual(["a"]);
      expect(timers.get("ping", "a")).toBeNull();
    });
  });

  it("setting a timer again replaces its due time and payload; next() is the earliest of all", async () => {
    await withTimers((timers) => {
      expect(timers.next()).toBeNull();
      timers.set("inactivity-close", "chat-1", 5_000, { warned: false });
      timers.set("inactivity-close", "chat-2", 3_000);
      timers.set("shift-boundary", "", 9_000);
      expect(timers.next()).toBe(3_000);
      timers.set("inactivity-close", "chat-1", 1_000, { warned: true });
      expect(timers.next()).toBe(1_000);
      expect(timers.get("inactivity-close", "chat-1")).toMatchObject({ dueAt: 1_000, payload: { warned: true }, attempts: 0 });
      expect(timers.get("inactivity-close", "chat-2")).toMatchObject({ dueAt: 3_000, payload: null });
    });
  });

  it("a cancelled timer never runs", async () => {
    await withTimers(async (timers) => {
      let ran = 0;
      timers.set("outbox", "row-1", 1_000);
      expect(timers.cancel("outbox", "row-1")).toBe(true);
      expect(timers.cancel("outbox", "row-1")).toBe(false);
      expect(timers.get("outbox", "row-1")).toBeNull();
      await timers.runDue(10_000, { outbox: () => void ran++ });
      expect(ran).toBe(0);
      expect(timers.next()).toBeNull();
    });
  });

  it("ensure keeps a timer already set; ensureBy only moves one earlier and keeps its payload", async () => {
    await withTimers((timers) => {
      expect(timers.ensure("sync", "", 5_000)).toBe(true);
      expect(timers.ensure("sync", "", 1_000)).toBe(false);
      expect(timers.get("sync", "")?.dueAt).toBe(5_000);

      timers.ensureBy("prune", "", 8_000, { note: "first" });
      timers.ensureBy("prune", "", 9_000, { note: "later" });
      expect(timers.get("prune", "")).toMatchObject({ dueAt: 8_000, payload: { note: "first" } });
      timers.ensureBy("prune", "", 7_000, { note: "sooner" });
      expect(timers.get("prune", "")).toMatchObject({ dueAt: 7_000, payload: { note: "first" } });
    });
  });

  it("a failing handler keeps its row with one more attempt, the error and a backoff; a later success removes it", async () => {
    await withTimers(async (timers) => {
      const t0 = Date.now();
      let calls = 0;
      const seen: Timer[] = [];
      const handlers = {
        outbox: (t: Timer) => {
          seen.push(t);
          if (++calls <= 2) throw new Error(`smtp down ${calls}`);
        },
      };
      timers.set("outbox", "row-7", t0, { to: "maria@example.com" });

      const before = Date.now();
      expect(await timers.runDue(t0, handlers)).toEqual({ ran: 1, failed: 1 });
      const first = timers.get("outbox", "row-7")!;
      expect(first).toMatchObject({ attempts: 1, lastError: "smtp down 1", payload: { to: "maria@example.com" } });
      expect(first.dueAt).toBeGreaterThanOrEqual(before + DEFAULT_RETRY.firstMs);
      expect(first.dueAt).toBeLessThanOrEqual(Date.now() + DEFAULT_RETRY.firstMs);

      // Not due yet: nothing runs.
      await timers.runDue(first.dueAt - 1, handlers);
      expect(calls).toBe(1);

      const beforeSecond = Date.now();
      await timers.runDue(first.dueAt, handlers);
      const second = timers.get("outbox", "row-7")!;
      expect(second).toMatchObject({ attempts: 2, lastError: "smtp down 2" });
      expect(second.dueAt).toBeGreaterThanOrEqual(beforeSecond + backoff(2));

      expect(await timers.runDue(second.dueAt, handlers)).toEqual({ ran: 1, failed: 0 });
      expect(timers.get("outbox", "row-7")).toBeNull();
      expect(seen.map((t) => t.attempts)).toEqual([0, 1, 2]);
    });
  });

  it("the backoff doubles from 1 s and stops at 5 minutes; a kind may start it elsewhere", () => {
    expect([1, 2, 3, 4].map((n) => backoff(n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoff(30)).toBe(5 * 60_000);
    expect(backoff(1, { firstMs: 5_000, maxMs: 300_000 })).toBe(5_000);
  });

  it("a kind's own retry policy applies to its failures", async () => {
    await withTimers(async (timers) => {
      timers.set("sync", "", 0);
      const before = Date.now();
      await timers.runDue(0, { sync: () => Promise.reject(new Error("D1 unavailable")) }, { retry: { sync: { firstMs: 5_000 } } });
      expect(timers.get("sync", "")!.dueAt).toBeGreaterThanOrEqual(before + 5_000);
    });
  });

  it("a handler that sets its own timer again keeps the new row, after success and after failure", async () => {
    await withTimers(async (timers) => {
      timers.set("shift-end", "att-1", 1_000);
      timers.set("shift-end", "att-2", 1_000);
      await timers.runDue(1_000, {
        "shift-end": (t) => {
          timers.set("shift-end", t.key, 50_000, { again: t.key });
          if (t.key === "att-2") throw new Error("after re-set");
        },
      });
      // The re-set wins over the runner's delete (att-1) and over its backoff (att-2).
      expect(timers.get("shift-end", "att-1")).toMatchObject({ dueAt: 50_000, payload: { again: "att-1" }, attempts: 0 });
      expect(timers.get("shift-end", "att-2")).toMatchObject({ dueAt: 50_000, payload: { again: "att-2" }, attempts: 0 });
    });
  });

  it("a handler that cancels a later due timer stops it from running in the same pass", async () => {
    await withTimers(async (timers) => {
      const ran: string[] = [];
      timers.set("inactivity-warn", "chat-1", 1_000);
      timers.set("inactivity-close", "chat-1", 2_000);
      await timers.runDue(5_000, {
        "inactivity-warn": (t) => {
          ran.push(`warn ${t.key}`);
          timers.cancel("inactivity-close", t.key);
        },
        "inactivity-close": (t) => void ran.push(`close ${t.key}`),
      });
      expect(ran).toEqual(["warn chat-1"]);
      expect(timers.next()).toBeNull();
    });
  });

  it("a timer of an unknown kind is kept, counted and retried; once its handler exists it runs", async () => {
    await withTimers(async (timers) => {
      timers.set("from-a-newer-deploy", "x", 1_000, { n: 1 });
      const before = Date.now();
      expect(await timers.runDue(1_000, {})).toEqual({ ran: 1, failed: 1 });
      const kept = timers.get("from-a-newer-deploy", "x")!;
      expect(kept).toMatchObject({ attempts: 1, payload: { n: 1 } });
      expect(kept.lastError).toContain("no handler");
      expect(kept.dueAt).toBeGreaterThanOrEqual(before + DEFAULT_RETRY.firstMs);

      let payload: unknown;
      await timers.runDue(kept.dueAt, { "from-a-newer-deploy": (t) => void (payload = t.payload) });
      expect(payload).toEqual({ n: 1 });
      expect(timers.get("from-a-newer-deploy", "x")).toBeNull();
    });
  });

  it("one alarm for all: a sooner timer moves it earlier, a later one leaves it; after a run it is the earliest left", async () => {
    await withTimers(async (timers, clock) => {
      timers.set("a", "", 5_000);
      await timers.arm();
      expect(clock.at).toBe(5_000);
      timers.set("b", "", 9_000);
      await timers.arm();
      expect(clock.at).toBe(5_000);
      timers.set("c", "", 2_000);
      await timers.arm();
      expect(clock.at).toBe(2_000);

      await timers.runDue(5_000, { a: () => {}, c: () => {} });
      expect(clock.at).toBe(9_000);
      await timers.runDue(9_000, { b: () => {} });
      expect(clock.at).toBeNull();
    });
  });
});

describe("timers of a real room", () => {
  it("a timer set in a room survives eviction: the alarm stays armed at its time and the handler runs", async () => {
    const stub = freshRoom();
    const now = Date.now();
    const dueAt = now + 1_500;
    const closedChat = crypto.randomUUID();
    await runInDurableObject(stub, async (instance, state) => {
      // A closed chat that D1 holds completely and that closed long ago: what prune removes.
      state.storage.sql.exec(
        `INSERT INTO chats (id, number, account_id, department_id, status, customer_id, customer_name, customer_email,
           origin, created_at, closed_at, closed_by, version, synced_version)
         VALUES (?, 1, 'acc', 'dep', 'closed', 'cus', 'Maria', 'maria@example.com', 'widget', ?, ?, 'customer', 2, 2)`,
        closedChat,
        now - 3 * 60 * 60_000,
        now - 2 * 60 * 60_000,
      );
      instance.timers.set("prune", "", dueAt);
      await instance.timers.arm();
      Object.assign(instance, { beforeEviction: true });
    });
    await abortAllDurableObjects();

    const again = env.DEPARTMENT.get(stub.id);
    const state = await runInDurableObject(again, async (instance, state) => ({
      fresh: !("beforeEviction" in instance),
      alarm: await state.storage.getAlarm(),
      timer: instance.timers.get("prune", ""),
      chat: instance.storage.chat(closedChat)?.status,
    }));
    expect(state).toMatchObject({ fresh: true, alarm: dueAt, timer: { dueAt, attempts: 0 }, chat: "closed" });

    // The runtime fires the alarm by itself, in the new instance.
    await expect
      .poll(() => runInDurableObject(again, (instance) => instance.storage.chat(closedChat)), { timeout: 5_000, interval: 100 })
      .toBeNull();
    expect(await runInDurableObject(again, (instance) => instance.timers.get("prune", ""))).toBeNull();
  });
});
