/**
 * A change of an attendant's rights in Gestão takes effect on live consoles at once, through
 * every department room of the account: their sockets close with 4001, their active chats in
 * a department they no longer attend go back to its queue with a system message (never closed,
 * never lost), the other consoles and the customer are told, and D1 follows.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../durable-objects/protocol";
import {
  api,
  attendantSocket,
  createAccount,
  customerSocket,
  login,
  room,
  startChat,
  upgrade,
  wsToken,
  type TestAccount,
  type TestSocket,
  held,
} from "./helpers";

const patch = (cookie: string, id: string, body: unknown) => api(`/api/attendants/${id}`, { method: "PATCH", cookie, body });

/** A chat of `departmentId` accepted by `agent`, with the customer's socket. */
async function acceptedChat(account: TestAccount, departmentId: string, agent: TestSocket) {
  const started = await startChat(account, departmentId);
  const customer = await customerSocket(started.ws);
  agent.send({ type: "chat.accept", chatId: started.chat.id });
  await customer.next("chat.accepted");
  return { chatId: started.chat.id, customer };
}

async function d1Chat(chatId: string) {
  return env.DB.prepare("SELECT status, attendant_id, department_id FROM chats WHERE id = ?").bind(chatId).first();
}

describe("deactivating an attendant who is online with a chat", () => {
  it("closes their console with 4001, puts the chat back in the queue for the others and in D1", async () => {
    const account = await createAccount("rights-deactivate");
    const { support } = account.departments;
    const { support1, support2 } = account.attendants;
    const leaving = await attendantSocket(support1.email, support);
    const colleague = await attendantSocket(support2.email, support);
    const { chatId, customer } = await acceptedChat(account, support, leaving);
    const admin = await login(account.attendants.admin.email);

    expect((await patch(admin, support1.id, { active: false })).status).toBe(200);

    expect((await leaving.waitClosed())?.code).toBe(CloseCode.rightsChanged);
    const queued = await colleague.next("chat.queued", (f) => f.chat.id === chatId);
    expect(queued.chat).toMatchObject({ status: "waiting", attendant: null, acceptedAt: null });
    const notice = await colleague.next("message.created", (f) => f.message.chatId === chatId && f.message.author.type === "system");
    expect(notice.message.body).toBe(`Atendente ${support1.name} saiu; o atendimento voltou para a fila`);
    // The customer is told too, and their chat is not closed.
    expect((await customer.next("chat.queued")).chat.status).toBe("waiting");
    expect((await customer.next("message.created", (f) => f.message.author.type === "system")).message.id).toBe(notice.message.id);
    expect(customer.closed).toBeNull();
    const presence = await colleague.next("presence.changed", (f) => !f.attendants.some((a) => a.id === support1.id));
    expect(presence.attendants.map((a) => a.id)).toEqual([support2.id]);

    expect(await room(account, support).getChat(chatId)).toMatchObject({ status: "waiting", attendant: null });
    expect(await d1Chat(chatId)).toEqual({ status: "waiting", attendant_id: null, department_id: support });
    const stored = await env.DB.prepare("SELECT body FROM chat_messages WHERE chat_id = ? ORDER BY seq").bind(chatId).all<{ body: string }>();
    expect(stored.results.at(-1)?.body).toBe(notice.message.body);
    expect((await attendantRow(support1.id))?.chat_status).toBe("offline");

    // The messages are all there, and the colleague may take the chat.
    expect((await held(colleague, chatId)).map((m) => m.seq)).toEqual(Array.from({ length: notice.message.seq }, (_, i) => i + 1));
    colleague.send({ type: "chat.accept", chatId });
    expect((await customer.next("chat.accepted")).chat.attendant?.id).toBe(support2.id);
    // A repeat of the change finds nothing more to do.
    expect(await room(account, support).attendantRightsChanged({ accountId: account.id, departmentId: support }, { attendantId: support1.id, name: support1.name, attends: false })).toEqual({
      closedSockets: 0,
      requeuedChatIds: [],
    });
    for (const s of [colleague, customer]) s.close();
  });

  it("leaves the chats of other attendants and of other departments alone", async () => {
    const account = await createAccount("rights-others");
    const { support, sales } = account.departments;
    const leaving = await attendantSocket(account.attendants.support1.email, support);
    const colleague = await attendantSocket(account.attendants.support2.email, support);
    const seller = await attendantSocket(account.attendants.sales.email, sales);
    const theirs = await acceptedChat(account, support, colleague);
    const sold = await acceptedChat(account, sales, seller);
    const admin = await login(account.attendants.admin.email);
    await patch(admin, account.attendants.support1.id, { active: false });
    expect((await leaving.waitClosed())?.code).toBe(CloseCode.rightsChanged);
    expect((await room(account, support).getChat(theirs.chatId))?.status).toBe("active");
    expect((await room(account, sales).getChat(sold.chatId))?.status).toBe("active");
    expect(colleague.closed).toBeNull();
    expect(seller.closed).toBeNull();
    for (const s of [colleague, seller, theirs.customer, sold.customer]) s.close();
  });
});

describe("changing an attendant's departments or role", () => {
  it("closes their sockets in every room; a department they left gets its chats back in the queue", async () => {
    const account = await createAccount("rights-departments");
    const { support, sales } = account.departments;
    const { support1 } = account.attendants;
    const admin = await login(account.attendants.admin.email);
    await patch(admin, support1.id, { departmentIds: [support, sales] });
    const cookie = await login(support1.email);
    const inSupport = await attendantSocket(support1.email, support, cookie);
    const inSales = await attendantSocket(support1.email, sales, cookie);
    const watcher = await attendantSocket(account.attendants.manager.email, support);
    const left = await acceptedChat(account, support, inSupport);
    const kept = await acceptedChat(account, sales, inSales);

    expect((await patch(admin, support1.id, { departmentIds: [sales] })).status).toBe(200);

    expect((await inSupport.waitClosed())?.code).toBe(CloseCode.rightsChanged);
    expect((await inSales.waitClosed())?.code).toBe(CloseCode.rightsChanged);
    expect((await watcher.next("chat.queued", (f) => f.chat.id === left.chatId)).chat.status).toBe("waiting");
    expect(await d1Chat(left.chatId)).toMatchObject({ status: "waiting", attendant_id: null });
    // Still attending sales: that chat stays theirs.
    expect(await room(account, sales).getChat(kept.chatId)).toMatchObject({ status: "active", attendant: { id: support1.id } });
    // D1 follows the room write-behind (about 100 ms after the accept), so it may still say waiting here.
    await expect.poll(() => d1Chat(kept.chatId)).toMatchObject({ status: "active", attendant_id: support1.id });

    // The console reconnects with its new rights: sales opens, support is refused.
    const again = await attendantSocket(support1.email, sales, cookie);
    expect(again.all("session.ready")[0]?.chats.map((c) => c.id)).toContain(kept.chatId);
    const refused = await upgrade(`/api/ws?token=${encodeURIComponent(await wsToken(cookie))}&department=${support}&v=1`);
    expect(refused.status).toBe(403);
    for (const s of [again, watcher, left.customer, kept.customer]) s.close();
  });

  it("a role change closes their sockets but keeps the chats of departments they still attend", async () => {
    const account = await createAccount("rights-role");
    const { support } = account.departments;
    const { support1 } = account.attendants;
    const agent = await attendantSocket(support1.email, support);
    const { chatId, customer } = await acceptedChat(account, support, agent);
    const admin = await login(account.attendants.admin.email);
    await patch(admin, support1.id, { role: "department_manager", managedDepartmentIds: [support] });
    expect((await agent.waitClosed())?.code).toBe(CloseCode.rightsChanged);
    expect(await room(account, support).getChat(chatId)).toMatchObject({ status: "active", attendant: { id: support1.id } });
    // A name change alone closes nothing.
    const other = await attendantSocket(account.attendants.support2.email, support);
    await patch(admin, account.attendants.support2.id, { name: "Novo Nome" });
    other.send({ type: "ping" });
    await other.next("pong");
    expect(other.closed).toBeNull();
    for (const s of [customer, other]) s.close();
  });
});

async function attendantRow(id: string) {
  return env.DB.prepare("SELECT chat_status FROM attendants WHERE id = ?").bind(id).first<{ chat_status: string }>();
}
