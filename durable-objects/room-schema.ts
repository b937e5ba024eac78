/**
 * The department room's SQLite schema, as numbered migrations. Each room stores the version it
 * has reached in `schema_version` and the constructor brings it up to date before any event
 * (`ctx.blockConcurrencyWhile`), so a column added here reaches rooms that already exist.
 *
 * Migrations only grow: never edit one that has shipped, add the next. Each runs with its
 * version bump in one `transactionSync`, so a failure leaves the room at the previous version.
 * (`PRAGMA user_version` would be the usual place, but Durable Object SQLite refuses it with
 * SQLITE_AUTH, checked on workerd 1.20260426.)
 */

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    // The schema rooms were created with before versions existed (and its IF NOT EXISTS, verbatim).
    version: 1,
    sql: `
CREATE TABLE IF NOT EXISTS chats (
  id TEXT PRIMARY KEY, number INTEGER NOT NULL, account_id TEXT NOT NULL, department_id TEXT NOT NULL,
  status TEXT NOT NULL, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL, customer_email TEXT NOT NULL,
  attendant_id TEXT, attendant_name TEXT, origin TEXT NOT NULL, page_url TEXT,
  created_at INTEGER NOT NULL, accepted_at INTEGER, closed_at INTEGER, closed_by TEXT, closed_by_attendant_id TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0,
  customer_delivered_seq INTEGER NOT NULL DEFAULT 0, customer_read_seq INTEGER NOT NULL DEFAULT 0,
  attendant_delivered_seq INTEGER NOT NULL DEFAULT 0, attendant_read_seq INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1, synced_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS chats_status ON chats (status, created_at);
CREATE TABLE IF NOT EXISTS messages (
  chat_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL UNIQUE, client_id TEXT,
  author_type TEXT NOT NULL, author_id TEXT, author_name TEXT NOT NULL, body TEXT NOT NULL,
  created_at INTEGER NOT NULL, flushed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (chat_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS messages_client ON messages (chat_id, author_type, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_unflushed ON messages (flushed) WHERE flushed = 0;
CREATE TABLE IF NOT EXISTS presence (
  attendant_id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (name TEXT PRIMARY KEY, due_at INTEGER NOT NULL);
`,
  },
  {
    // Timers as data (timers.ts): a kind and a key instead of a name, a payload and retries.
    // The old rows (sync, prune) carry over with an empty key. And the room's own identity.
    version: 2,
    sql: `
ALTER TABLE timers RENAME TO timers_v1;
CREATE TABLE timers (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL DEFAULT '', due_at INTEGER NOT NULL,
  payload TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
  UNIQUE (kind, key)
);
CREATE INDEX timers_due ON timers (due_at);
INSERT INTO timers (id, kind, key, due_at) SELECT lower(hex(randomblob(16))), name, '', due_at FROM timers_v1;
DROP TABLE timers_v1;
CREATE TABLE meta (
  id INTEGER PRIMARY KEY CHECK (id = 1), account_id TEXT NOT NULL, department_id TEXT NOT NULL, created_at INTEGER NOT NULL
);
`,
  },
  {
    // Horários de Atendimento: the department's effective hours (room-hours.ts), one row.
    version: 3,
    sql: `
CREATE TABLE hours (
  id INTEGER PRIMARY KEY CHECK (id = 1), time_zone TEXT NOT NULL, shifts TEXT NOT NULL, updated_at INTEGER NOT NULL
);
`,
  },
  {
    // Internal notes (a transfer's note): attendants-only messages, never sent to a customer.
    version: 4,
    sql: `
ALTER TABLE messages ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    // Rótulos (room-labels.ts): the account's labels and rules, pushed by the Worker (or loaded
    // when stale), and the labels of the chats this room holds, which leave with their chat.
    version: 5,
    sql: `
CREATE TABLE labels (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, color TEXT NOT NULL, active INTEGER NOT NULL, conditions TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE labels_state (id INTEGER PRIMARY KEY CHECK (id = 1), read_at INTEGER NOT NULL);
CREATE TABLE chat_labels (
  chat_id TEXT NOT NULL, label_id TEXT NOT NULL, name TEXT NOT NULL, color TEXT NOT NULL, PRIMARY KEY (chat_id, label_id)
);
CREATE TRIGGER chat_labels_leave_with_chat AFTER DELETE ON chats BEGIN DELETE FROM chat_labels WHERE chat_id = old.id; END;
`,
  },
  {
    // Attachments (room-attachments.ts): the file a message carries, as its wire JSON.
    version: 6,
    sql: `
ALTER TABLE messages ADD COLUMN attachment TEXT;
`,
  },
  {
    // The customer's presence (customer-presence.ts): when their last socket of the chat closed
    // (NULL: on the page), and when a waiting chat left the queue because they stayed away.
    version: 7,
    sql: `
ALTER TABLE chats ADD COLUMN customer_left_at INTEGER;
ALTER TABLE chats ADD COLUMN abandoned_at INTEGER;
`,
  },
  {
    // The queue in its order (queue-position.ts): a waiting customer's place is counted in this
    // index alone. With chats_status the count read every waiting row for abandoned_at and
    // number: after a restart, 3,000 waiting customers coming back made it a quarter of the
    // room's work (3,000 × 3,000 rows).
    version: 8,
    sql: `
CREATE INDEX IF NOT EXISTS chats_queue ON chats (status, abandoned_at, created_at, number);
`,
  },
  {
    // The chats D1 does not have the latest state of (d1-sync.ts), found without reading every
    // chat: the write-behind asks a few times per sync, and a room holds thousands of chats.
    // Only status changes move `version`, so the index changes rarely.
    version: 9,
    sql: `
CREATE INDEX IF NOT EXISTS chats_unsynced ON chats (id) WHERE synced_version < version;
`,
  },
  {
    // Whether the consoles were told the customer's presence as it is now (customer-presence.ts):
    // a customer socket that connects while nothing changed tells no one. Existing and new rows
    // (an admission, a transfer's import) start untold, so their first socket tells, as before.
    version: 10,
    sql: `
ALTER TABLE chats ADD COLUMN presence_told INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    // A counter that moves with every change to the queue's order or membership, kept by SQLite
    // itself whichever code writes the chat (queue-position.ts keeps the queue's positions in
    // memory while it stays).
    version: 11,
    sql: `
CREATE TABLE queue_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO queue_version (id, version) VALUES (1, 0);
CREATE TRIGGER queue_version_insert AFTER INSERT ON chats BEGIN
  UPDATE queue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER queue_version_delete AFTER DELETE ON chats BEGIN
  UPDATE queue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER queue_version_update AFTER UPDATE OF status, abandoned_at, created_at, number ON chats
  WHEN old.status IS NOT new.status OR old.abandoned_at IS NOT new.abandoned_at OR old.created_at IS NOT new.created_at OR old.number IS NOT new.number
BEGIN
  UPDATE queue_version SET version = version + 1 WHERE id = 1;
END;
`,
  },
  {
    // The D1 version of the attendant's status each row holds (room-storage.ts setPresence):
    // a status read before a later change cannot overwrite it.
    version: 12,
    sql: `ALTER TABLE presence ADD COLUMN status_version INTEGER NOT NULL DEFAULT 0;`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The version a room's storage is at: 0 for a new room, 1 for one created before versions. */
export function schemaVersion(sql: SqlStorage): number {
  const tables = new Set(
    sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('schema_version', 'chats')")
      .toArray()
      .map((r) => r.name),
  );
  if (tables.has("schema_version")) {
    return sql.exec<{ version: number }>("SELECT version FROM schema_version WHERE id = 1").toArray()[0]?.version ?? 0;
  }
  return tables.has("chats") ? 1 : 0;
}

/**
 * Brings the room's storage to the latest version. Returns the versions it went from and to.
 * Call it before anything reads storage (the constructor, under blockConcurrencyWhile).
 */
export function migrate(storage: DurableObjectStorage, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const { sql } = storage;
  const from = schemaVersion(sql);
  let to = from;
  for (const migration of migrations) {
    if (migration.version <= to) continue;
    storage.transactionSync(() => {
      sql.exec(migration.sql);
      sql.exec("CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
      sql.exec(
        "INSERT INTO schema_version (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        migration.version,
      );
    });
    to = migration.version;
  }
  return { from, to };
}
