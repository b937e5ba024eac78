/**
 * Room schema v4 (internal notes): a room at v3 keeps its messages, which become plain
 * (customer-visible) messages, and stores internal ones afterwards.
 */
import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate, SCHEMA_VERSION, schemaVersion } from "../../durable-objects/room-schema";

describe("room schema v4: messages.internal", () => {
  it("a v3 room is migrated: its messages stay, not internal; an internal note is stored and kept from customers", async () => {
    const stub = env.DEPARTMENT.get(env.DEPARTMENT.idFromName(`migration-v4:${crypto.randomUUID()}`));
    const chatId = crypto.randomUUID();
    await runInDurableObject(stub, (_, state) => {
      const { sql } = state.storage;
      for (const { name } of sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").toArray()) {
        sql.exec(`DROP TABLE ${name}`);
      }
      expect(migrate(state.storage, MIGRATIONS.filter((m) => m.version <= 3))).toEqual({ from: 0, to: 3 });
      sql.exec(
        `INSERT INTO chats (id, number, account_id, department_id, status, customer_id, customer_name, customer_email, origin, created_at, last_seq)
         VALUES (?, 1, 'acc', 'dep', 'active', 'cus', 'Maria', 'maria@example.com', 'widget', 1, 1)`,
        chatId,
      );
      sql.exec(
        "INSERT INTO messages (chat_id, seq, id, author_type, author_name, body, created_at) VALUES (?, 1, 'm-1', 'customer', 'Maria', 'Oi', 1)",
        chatId,
      );
    });
    await abortAllDurableObjects();

    const after = await runInDurableObject(env.DEPARTMENT.get(stub.id), (instance, state) => {
      instance.storage.appendMessage(chatId, { type: "attendant", id: "att", name: "Ana" }, "Nota", null, 2, true);
      return {
        version: schemaVersion(state.storage.sql),
        all: instance.storage.messagesAfter(chatId, 0, 10).messages.map((m) => [m.seq, m.internal]),
        customer: instance.storage.messagesAfter(chatId, 0, 10, false).messages.map((m) => m.seq),
      };
    });
    expect(after).toEqual({ version: SCHEMA_VERSION, all: [[1, 0], [2, 1]], customer: [1] });
  });
});
