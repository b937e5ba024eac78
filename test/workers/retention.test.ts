import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { BATCH, MAX_BATCHES, purgeExpired } from "../../worker/retention";
import { count, createAccount, type TestAccount } from "./helpers";

const DAY = 86_400_000;

/** A customer and `n` chats of the account in `status`, created and (when closed) closed at `at`, each with two messages and, when closed, a survey. */
async function seedChats(account: TestAccount, n: number, status: "closed" | "active" | "waiting", at: number) {
  const customer = crypto.randomUUID();
  await env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, 'Cliente', 'c@example.com', ?, ?)")
    .bind(customer, account.id, at, at)
    .run();
  const tag = crypto.randomUUID();
  // One recursive insert: thousands of rows without thousands of statements.
  await env.DB.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
     INSERT INTO chats (id, account_id, number, department_id, customer_id, status, origin, created_at, closed_at)
     SELECT ? || '-' || i, ?, (SELECT COALESCE(MAX(number), 0) FROM chats WHERE account_id = ?) + i, ?, ?, ?, 'widget', ?, ? FROM seq`,
  )
    .bind(n, tag, account.id, account.id, account.departments.support, customer, status, at, status === "closed" ? at : null)
    .run();
  await env.DB.prepare(
    `INSERT INTO chat_messages (id, account_id, chat_id, seq, author_type, author_name, body, created_at)
     SELECT id || '-m' || s.seq, account_id, id, s.seq, 'customer', 'Cliente', 'Olá', created_at
     FROM chats, (SELECT 1 AS seq UNION ALL SELECT 2) AS s WHERE account_id = ? AND id LIKE ? || '-%'`,
  )
    .bind(account.id, tag)
    .run();
  if (status === "closed") {
    await env.DB.prepare(
      `INSERT INTO chat_surveys (chat_id, account_id, department_id, solved, grade, created_at)
       SELECT id, account_id, department_id, 1, 5, created_at FROM chats WHERE account_id = ? AND id LIKE ? || '-%'`,
    )
      .bind(account.id, tag)
      .run();
  }
  return tag;
}

async function seedOffline(account: TestAccount, at: number) {
  const id = crypto.randomUUID();
  await env.DB.prepare("INSERT INTO offline_messages (id, account_id, name, email, message, created_at) VALUES (?, ?, 'Ana', 'a@example.com', 'Oi', ?)")
    .bind(id, account.id, at)
    .run();
  return id;
}

async function setRetention(account: TestAccount, days: number | null) {
  await env.DB.prepare("UPDATE accounts SET retention_days = ? WHERE id = ?").bind(days, account.id).run();
}

const chatsTagged = (tag: string) => count("SELECT COUNT(*) AS n FROM chats WHERE id LIKE ? || '-%'", tag);
const messagesTagged = (tag: string) => count("SELECT COUNT(*) AS n FROM chat_messages WHERE chat_id LIKE ? || '-%'", tag);
const surveysTagged = (tag: string) => count("SELECT COUNT(*) AS n FROM chat_surveys WHERE chat_id LIKE ? || '-%'", tag);
const offlineExists = (id: string) => count("SELECT COUNT(*) AS n FROM offline_messages WHERE id = ?", id);

async function purgeEntries(account: TestAccount) {
  const { results } = await env.DB.prepare("SELECT actor_id, actor_name, detail FROM audit_log WHERE account_id = ? AND action = 'retention.purged' ORDER BY created_at")
    .bind(account.id)
    .all<{ actor_id: string | null; actor_name: string; detail: string }>();
  return results.map((r) => ({ actorId: r.actor_id, actorName: r.actor_name, detail: JSON.parse(r.detail) }));
}

describe("retention", () => {
  it("deletes closed chats (messages and surveys first) and offline messages past the period; keeps recent, open and other accounts' rows", async () => {
    const now = Date.now();
    const account = await createAccount("retention");
    const keeps = await createAccount("retention-none");
    await setRetention(account, 30);

    const oldClosed = await seedChats(account, 3, "closed", now - 40 * DAY);
    const recentClosed = await seedChats(account, 2, "closed", now - 10 * DAY);
    const oldOpen = await seedChats(account, 1, "active", now - 40 * DAY);
    const oldOffline = await seedOffline(account, now - 31 * DAY);
    const recentOffline = await seedOffline(account, now - 29 * DAY);
    const otherOld = await seedChats(keeps, 2, "closed", now - 400 * DAY);
    const otherOffline = await seedOffline(keeps, now - 400 * DAY);

    const reports = await purgeExpired(env, now);
    expect(reports.find((r) => r.accountId === account.id)).toEqual({ accountId: account.id, chats: 3, offlineMessages: 1, tickets: 0 });
    expect(reports.find((r) => r.accountId === keeps.id)).toBeUndefined();

    expect([await chatsTagged(oldClosed), await messagesTagged(oldClosed), await surveysTagged(oldClosed)]).toEqual([0, 0, 0]);
    expect([await chatsTagged(recentClosed), await messagesTagged(recentClosed), await surveysTagged(recentClosed)]).toEqual([2, 4, 2]);
    expect([await chatsTagged(oldOpen), await messagesTagged(oldOpen)]).toEqual([1, 2]);
    expect([await offlineExists(oldOffline), await offlineExists(recentOffline)]).toEqual([0, 1]);
    expect([await chatsTagged(otherOld), await messagesTagged(otherOld), await offlineExists(otherOffline)]).toEqual([2, 4, 1]);

    expect(await purgeEntries(account)).toEqual([
      { actorId: null, actorName: "Sistema", detail: { chats: 3, offlineMessages: 1, tickets: 0, retentionDays: 30, before: now - 30 * DAY } },
    ]);
    expect(await purgeEntries(keeps)).toEqual([]);

    // A second run finds nothing due and records nothing.
    expect((await purgeExpired(env, now)).find((r) => r.accountId === account.id)).toEqual({ accountId: account.id, chats: 0, offlineMessages: 0, tickets: 0 });
    expect(await purgeEntries(account)).toHaveLength(1);
  });

  it("works in bounded batches and stops at the per-run cap; the next run goes on", async () => {
    const now = Date.now();
    const account = await createAccount("retention-big");
    await setRetention(account, 1);
    const cap = BATCH * MAX_BATCHES;
    const tag = await seedChats(account, cap + 30, "closed", now - 2 * DAY);

    const first = await purgeExpired(env, now);
    expect(first.find((r) => r.accountId === account.id)?.chats).toBe(cap);
    expect(await chatsTagged(tag)).toBe(30);
    expect(await messagesTagged(tag)).toBe(60);

    const second = await purgeExpired(env, now);
    expect(second.find((r) => r.accountId === account.id)?.chats).toBe(30);
    expect([await chatsTagged(tag), await messagesTagged(tag), await surveysTagged(tag)]).toEqual([0, 0, 0]);
    expect((await purgeEntries(account)).map((e) => e.detail.chats)).toEqual([cap, 30]);
  });

  it("runs from the Worker's scheduled handler (the daily Cron Trigger)", async () => {
    const now = Date.now();
    const account = await createAccount("retention-cron");
    await setRetention(account, 7);
    const old = await seedChats(account, 2, "closed", now - 8 * DAY);
    const recent = await seedChats(account, 1, "closed", now - 6 * DAY);

    // The handler awaits the purge itself (nothing is left to waitUntil).
    await worker.scheduled(createScheduledController({ cron: "0 3 * * *", scheduledTime: now }), env);

    expect([await chatsTagged(old), await chatsTagged(recent)]).toEqual([0, 1]);
    expect((await purgeEntries(account)).map((e) => e.detail)).toEqual([
      { chats: 2, offlineMessages: 0, tickets: 0, retentionDays: 7, before: expect.any(Number) },
    ]);
  });
});
