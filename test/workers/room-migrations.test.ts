import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RETURN_CHECK } from "../../durable-objects/customer-presence";
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from "../../durable-objects/room-schema";
import { UNFLUSHED_MESSAGES_SQL, UNSYNCED_CHATS_SQL } from "../../durable-objects/room-storage";

/**
 * The room's schema before versions existed, as every room created until then has it: no
 * schema_version table, timers by name. Migration 1 is that schema verbatim and, like every
 * applied migration, is never edited, so it is the old rooms' schema.
 */
const OLD_SCHEMA = MIGRATIONS.find((m) => m.version === 1)!.sql;

const HOUR = 60 * 60_000;

function tables(sql: SqlStorage): string[] {
  return sql
    .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .toArray()
    .map((r) => r.name);
}

function columns(sql: SqlStorage, table: string): string[] {
  // sqlite_master keeps each table's CREATE statement.
  const ddl = sql.exec<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table).one().sql;
  return [...ddl.matchAll(/[(,]\s*([a-z_]+) (?:TEXT|INTEGER)/g)].map((m) => m[1]!);
}

/** A room whose storage is what the code before versions left: built by hand, then evicted. */
async function legacyRoom() {
  const accountId = crypto.randomUUID();
  const departmentId = crypto.randomUUID();
  const stub = env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`${accountId}:${departmentId}`));
  const now = Date.now();
  const ids = { open: crypto.randomUUID(), closed: crypto.randomUUID(), message: crypto.randomUUID() };
  const pruneAt = now + 1_500;
  await runInDurableObject(stub, (_, state) => {
    const { sql } = state.storage;
    // The constructor already created today's schema: replace it with the old one.
    for (const table of tables(sql)) sql.exec(`DROP TABLE ${table}`);
    sql.exec(OLD_SCHEMA);
    const chat = `INSERT INTO chats (id, number, account_id, department_id, status, customer_id, customer_name, customer_email,
        attendant_id, attendant_name, origin, created_at, accepted_at, closed_at, closed_by, last_seq, version, synced_version)
      VALUES (?, ?, ?, ?, ?, 'cus-1', 'Maria', 'maria@example.com', ?, ?, 'widget', ?, ?, ?, ?, ?, 3, 3)`;
    sql.exec(chat, ids.open, 7, accountId, departmentId, "active", "att-1", "Ana", now - HOUR, now - HOUR, null, null, 1);
    sql.exec(chat, ids.closed, 6, accountId, departmentId, "closed", null, null, now - 3 * HOUR, null, now - 2 * HOUR, "customer", 0);
    sql.exec(
      `INSERT INTO messages (chat_id, seq, id, client_id, author_type, author_id, author_name, body, created_at, flushed)
       VALUES (?, 1, ?, 'c-1', 'customer', 'cus-1', 'Maria', 'Meu pedido não chegou', ?, 1)`,
      ids.open,
      ids.message,
      now - HOUR,
    );
    sql.exec("INSERT INTO presence (attendant_id, name, status, updated_at) VALUES ('att-1', 'Ana', 'online', ?)", now);
    sql.exec("INSERT INTO timers (name, due_at) VALUES ('prune', ?)", pruneAt);
    expect(schemaVersion(sql)).toBe(1);
  });
  // The next event constructs the object again: its constructor finds the old tables.
  await abortAllDurableObjects();
  return { stub: env.DEPARTMENT.get(stub.id), accountId, departmentId, ids, pruneAt };
}

describe("room schema versions", () => {
  it("a new room starts at the latest version with every table", async () => {
    const stub = env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`migrations:${crypto.randomUUID()}`));
    const found = await runInDurableObject(stub, (_, state) => ({ version: schemaVersion(state.storage.sql), tables: tables(state.storage.sql) }));
    expect(found).toEqual({ version: SCHEMA_VERSION, tables: ["chat_labels", "chats", "hours", "labels", "labels_state", "messages", "meta", "presence", "queue_version", "schema_version", "timers"] });
    expect(SCHEMA_VERSION).toBe(12);
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("the write-behind finds what D1 lacks through partial indexes, in stored order, without reading the rest", async () => {
    const stub = env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`migrations:${crypto.randomUUID()}`));
    const plans = await runInDurableObject(stub, (_, state) => {
      const plan = (sql: string) => state.storage.sql.exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, 25).toArray().map((r) => r.detail);
      return { messages: plan(UNFLUSHED_MESSAGES_SQL), chats: plan(UNSYNCED_CHATS_SQL) };
    });
    // No "USE TEMP B-TREE FOR ORDER BY": the index is read in order and the scan stops at the limit.
    expect(plans.messages).toEqual([expect.stringContaining("USING INDEX messages_unflushed")]);
    expect(plans.chats).toEqual([expect.stringContaining("USING INDEX chats_unsynced")]);
  });

  it("a room created before versions is taken as version 1 and migrated: its data stays, the old timer becomes a row that fires", async () => {
    const { stub, accountId, departmentId, ids, pruneAt } = await legacyRoom();

    const after = await runInDurableObject(stub, async (instance, state) => {
      const { sql } = state.storage;
      return {
        version: schemaVersion(sql),
        tables: tables(sql),
        timerColumns: columns(sql, "timers"),
        metaColumns: columns(sql, "meta"),
        open: instance.storage.chat(ids.open),
        closed: instance.storage.chat(ids.closed)?.status,
        messages: instance.storage.messagesAfter(ids.open, 0, 10).messages.map((m) => [m.id, m.seq, m.body]),
        presence: instance.storage.presence(),
        timer: instance.timers.get("prune", ""),
        meta: instance.storage.meta(),
        alarm: await state.storage.getAlarm(),
      };
    });
    expect(after.version).toBe(SCHEMA_VERSION);
    expect(after.tables).toEqual(["chat_labels", "chats", "hours", "labels", "labels_state", "messages", "meta", "presence", "queue_version", "schema_version", "timers"]);
    expect(after.timerColumns).toEqual(["id", "kind", "key", "due_at", "payload", "attempts", "last_error"]);
    expect(after.metaColumns).toEqual(["id", "account_id", "department_id", "created_at"]);
    expect(after.open).toMatchObject({ number: 7, account_id: accountId, status: "active", attendant_id: "att-1", last_seq: 1, version: 3 });
    expect(after.closed).toBe("closed");
    expect(after.messages).toEqual([[ids.message, 1, "Meu pedido não chegou"]]);
    expect(after.presence).toEqual([{ id: "att-1", name: "Ana", status: "online" }]);
    expect(after.timer).toMatchObject({ kind: "prune", key: "", dueAt: pruneAt, payload: null, attempts: 0, lastError: null });
    // The room does not know who it is until its first socket or RPC.
    expect(after.meta).toBeNull();
    // The migration armed the alarm for the carried-over timer.
    expect(after.alarm).toBe(pruneAt);

    // The old prune timer fires (by the runtime's alarm) and forgets the chat closed long ago.
    await expect
      .poll(() => runInDurableObject(stub, (instance) => instance.storage.chat(ids.closed)), { timeout: 5_000, interval: 100 })
      .toBeNull();
    const later = await runInDurableObject(stub, (instance) => ({
      open: instance.storage.chat(ids.open)?.status,
      prune: instance.timers.get("prune", ""),
    }));
    expect(later).toEqual({ open: "active", prune: null });

    // First use after the migration: the room learns who it is.
    expect(await stub.identify({ accountId, departmentId })).toBe(true);
    expect(await runInDurableObject(stub, (instance) => instance.storage.meta())).toEqual({ accountId, departmentId });
  });

  it("migrations run once: the room constructed again stays at its version with its data", async () => {
    const { stub, ids } = await legacyRoom();
    const first = await runInDurableObject(stub, (instance) => instance.storage.chat(ids.open));
    await abortAllDurableObjects();
    const again = env.DEPARTMENT.get(stub.id);
    const second = await runInDurableObject(again, (instance, state) => ({
      again: migrate(state.storage),
      chat: instance.storage.chat(ids.open),
      timers: state.storage.sql.exec<{ kind: string }>("SELECT kind FROM timers").toArray().map((t) => t.kind),
    }));
    expect(second.again).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(second.chat).toEqual(first);
    // The carried-over prune at most (it may have run), and the restart's return check: the open
    // chat's customer and the online attendant have no socket (customer-presence.ts).
    expect(second.timers.filter((kind) => kind !== RETURN_CHECK).length).toBeLessThanOrEqual(1);
    expect(second.timers).toContain(RETURN_CHECK);
  });

  it("a failing migration leaves the room at the version before it, with nothing of it applied", async () => {
    const stub = env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`migrations:${crypto.randomUUID()}`));
    const result = await runInDurableObject(stub, (_, state) => {
      const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, sql: "CREATE TABLE half_done (a TEXT); INSERT INTO no_such_table VALUES (1);" }];
      let error = "";
      try {
        migrate(state.storage, broken);
      } catch (e) {
        error = String(e);
      }
      return { error, version: schemaVersion(state.storage.sql), tables: tables(state.storage.sql) };
    });
    expect(result.error).toContain("no_such_table");
    expect(result.version).toBe(SCHEMA_VERSION);
    expect(result.tables).not.toContain("half_done");
  });
});
