import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createAccount } from "./helpers";

/** The migration's FTS5 index follows chat_messages through its triggers (insert, update, delete). */
describe("chat_messages_fts", () => {
  it("finds a message by a word without its accents, follows an edit, and forgets a deleted row", async () => {
    const account = await createAccount("fts");
    const chatId = crypto.randomUUID();
    const customerId = crypto.randomUUID();
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, 'Rita', 'rita@example.com', ?, ?)").bind(customerId, account.id, now, now),
      env.DB.prepare(
        "INSERT INTO chats (id, account_id, number, department_id, customer_id, status, origin, created_at) VALUES (?, ?, 1, ?, ?, 'closed', 'widget', ?)",
      ).bind(chatId, account.id, account.departments.support, customerId, now),
      env.DB.prepare(
        "INSERT INTO chat_messages (id, account_id, chat_id, seq, author_type, author_name, body, created_at) VALUES ('m-fts-1', ?, ?, 1, 'customer', 'Rita', 'Não consigo pagar o boleto', ?)",
      ).bind(account.id, chatId, now),
    ]);
    const search = async (q: string) =>
      (
        await env.DB.prepare(
          "SELECT m.id FROM chat_messages_fts f JOIN chat_messages m ON m.rowid = f.rowid WHERE chat_messages_fts MATCH ? AND m.account_id = ?",
        )
          .bind(q, account.id)
          .all<{ id: string }>()
      ).results.map((r) => r.id);
    expect(await search("nao")).toEqual(["m-fts-1"]);
    expect(await search("BOLETO")).toEqual(["m-fts-1"]);
    await env.DB.prepare("UPDATE chat_messages SET body = 'pix' WHERE id = 'm-fts-1'").run();
    expect(await search("boleto")).toEqual([]);
    expect(await search("pix")).toEqual(["m-fts-1"]);
    await env.DB.prepare("DELETE FROM chat_messages WHERE id = 'm-fts-1'").run();
    expect(await search("pix")).toEqual([]);
  });
});
