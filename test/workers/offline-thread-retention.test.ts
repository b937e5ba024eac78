import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { threadReplyTo } from "../../worker/email/thread-address";
import { purgeExpired } from "../../worker/retention";
import { api, count, createAccount, login } from "./helpers";
import { deliverInbound, entryRows, leaveOfflineMessage, mime } from "./offline-mail-helpers";

const DAY = 86_400_000;

/** An offline message with a customer entry in its thread (through the real inbound handler). */
async function withThread(account: Awaited<ReturnType<typeof createAccount>>, email: string) {
  const id = await leaveOfflineMessage(account, { email });
  const to = await threadReplyTo(env, "suporte@acme.test", { kind: "offline", id });
  const raw = mime({ from: email, to, messageId: `<${crypto.randomUUID()}@cliente.test>`, body: "Resposta" });
  expect((await deliverInbound(raw, { from: email, to })).rejected).toBeNull();
  expect(await entryRows(id)).toHaveLength(1);
  return id;
}

describe("offline message threads and deletion", () => {
  it("retention deletes an expired offline message together with its thread entries", async () => {
    const account = await createAccount("offline-retention");
    const old = await withThread(account, "velha@cliente.test");
    const recent = await withThread(account, "nova@cliente.test");
    await env.DB.prepare("UPDATE offline_messages SET created_at = ? WHERE id = ?").bind(Date.now() - 40 * DAY, old).run();
    await env.DB.prepare("UPDATE accounts SET retention_days = 30 WHERE id = ?").bind(account.id).run();
    const reports = await purgeExpired(env);
    expect(reports.find((r) => r.accountId === account.id)).toMatchObject({ offlineMessages: 1 });
    expect(await count("SELECT COUNT(*) AS n FROM offline_messages WHERE id = ?", old)).toBe(0);
    expect(await entryRows(old)).toEqual([]);
    expect(await entryRows(recent)).toHaveLength(1);
  });

  it("forgetting a customer deletes their offline messages with their thread entries", async () => {
    const account = await createAccount("offline-forget");
    const admin = await login(account.attendants.admin.email);
    const email = "esquecer@cliente.test";
    const id = await withThread(account, email);
    const keep = await withThread(account, "outra@cliente.test");
    const now = Date.now();
    const customer = crypto.randomUUID();
    await env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, 'Cliente', ?, ?, ?)")
      .bind(customer, account.id, email, now, now)
      .run();
    expect((await api(`/api/customers/${customer}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect(await count("SELECT COUNT(*) AS n FROM offline_messages WHERE id = ?", id)).toBe(0);
    expect(await entryRows(id)).toEqual([]);
    expect(await entryRows(keep)).toHaveLength(1);
  });
});
