import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AttendantResponse } from "../../worker/views-gestao";
import { api, attendantSocket, createAccount, customerSocket, json, login, startChat, type TestAccount, type TestSocket } from "./helpers";

/**
 * An attendant's most simultaneous chats: PATCH /api/attendants/:id `maxChats`, and a change of
 * it (or of the account's default) reaching consoles already open, without a reconnect.
 */

type ErrorBody = { error: { code: string; field?: string } };

async function maxChatsOf(attendantId: string) {
  const row = await env.DB.prepare("SELECT max_chats FROM attendants WHERE id = ?").bind(attendantId).first<{ max_chats: number | null }>();
  return row!.max_chats;
}

/** A chat of the support department accepted by `agent`. */
async function takeChat(account: TestAccount, agent: TestSocket) {
  const started = await startChat(account, account.departments.support);
  const customer = await customerSocket(started.ws);
  agent.send({ type: "chat.accept", chatId: started.chat.id });
  await customer.next("chat.accepted");
  customer.close();
  return started.chat.id;
}

/** The answer to `agent`'s accept of a new waiting chat: accepted, or the error's code. */
async function tryAccept(account: TestAccount, agent: TestSocket): Promise<string> {
  const started = await startChat(account, account.departments.support);
  await agent.next("chat.queued", (f) => f.chat.id === started.chat.id);
  agent.send({ type: "chat.accept", chatId: started.chat.id });
  return Promise.race([
    agent.next("chat.accepted", (f) => f.chat.id === started.chat.id).then(() => "accepted"),
    agent.next("error", (f) => f.chatId === started.chat.id).then((f) => f.code),
  ]);
}

describe("PATCH /api/attendants/:id maxChats", () => {
  it("sets and clears an attendant's own limit, audited; refuses bad values, attendants and other accounts, changing nothing", async () => {
    const account = await createAccount("limit-patch");
    const other = await createAccount("limit-patch-other");
    const target = account.attendants.support1;
    const admin = await login(account.attendants.admin.email);
    for (const maxChats of [0, 101, 2.5, "3"]) {
      const res = await api(`/api/attendants/${target.id}`, { method: "PATCH", cookie: admin, body: { maxChats } });
      expect(res.status).toBe(400);
      expect((await json<ErrorBody>(res)).error.field).toBe("maxChats");
    }
    const plain = await login(account.attendants.support2.email);
    expect((await api(`/api/attendants/${target.id}`, { method: "PATCH", cookie: plain, body: { maxChats: 2 } })).status).toBe(403);
    expect((await api(`/api/attendants/${other.attendants.support1.id}`, { method: "PATCH", cookie: admin, body: { maxChats: 2 } })).status).toBe(404);
    expect(await maxChatsOf(target.id)).toBeNull();
    expect(await maxChatsOf(other.attendants.support1.id)).toBeNull();

    const set = await api(`/api/attendants/${target.id}`, { method: "PATCH", cookie: admin, body: { maxChats: 3 } });
    expect(set.status).toBe(200);
    expect((await json<AttendantResponse>(set)).attendant.maxChats).toBe(3);
    expect(await maxChatsOf(target.id)).toBe(3);
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE account_id = ? AND action = 'attendant.updated' ORDER BY created_at DESC")
      .bind(account.id)
      .first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toMatchObject({ fields: ["maxChats"], changes: { maxChats: { from: null, to: 3 } } });

    const cleared = await api(`/api/attendants/${target.id}`, { method: "PATCH", cookie: admin, body: { maxChats: null } });
    expect((await json<AttendantResponse>(cleared)).attendant.maxChats).toBeNull();
    expect(await maxChatsOf(target.id)).toBeNull();
  });
});

describe("a limit change reaches open consoles", () => {
  it("an attendant's own limit, then the account's default, apply to a console already connected", async () => {
    const account = await createAccount("limit-live");
    const admin = await login(account.attendants.admin.email);
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    await takeChat(account, agent);

    const patched = await api(`/api/attendants/${account.attendants.support1.id}`, { method: "PATCH", cookie: admin, body: { maxChats: 1 } });
    expect(patched.status).toBe(200);
    expect(await tryAccept(account, agent)).toBe("capacity_full");

    // Their own limit raised: the same console takes the next chat.
    await api(`/api/attendants/${account.attendants.support1.id}`, { method: "PATCH", cookie: admin, body: { maxChats: 2 } });
    expect(await tryAccept(account, agent)).toBe("accepted");

    // The account's default reaches those without a limit of their own.
    const colleague = await attendantSocket(account.attendants.support2.email, account.departments.support);
    await takeChat(account, colleague);
    const look = { colors: {}, size: {}, texts: {} };
    const put = await api("/api/settings", { method: "PUT", cookie: admin, body: { look, policies: { maxChatsPerAttendant: 1 } } });
    expect(put.status).toBe(200);
    expect(await tryAccept(account, colleague)).toBe("capacity_full");
    agent.close();
    colleague.close();
  });
});
