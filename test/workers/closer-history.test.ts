/**
 * Issue 12, defect 5: the history names who closed a chat with their role (GET /api/chats/:id
 * and the history list), whether the chat's own attendant or a manager closed it.
 */
import { describe, expect, it } from "vitest";
import type { ChatDetailResponse, ChatListResponse } from "../../worker/views";
import { api, attendantSocket, createAccount, customerSocket, json, login, startChat } from "./helpers";

describe("who closed a chat, in the history", () => {
  it("a manager's close is credited to the manager, with the role; the attendant's own close to them", async () => {
    const account = await createAccount("closer-history");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const manager = await attendantSocket(account.attendants.manager.email, support);
    const first = await startChat(account, support, { name: "Cliente Um" });
    const second = await startChat(account, support, { name: "Cliente Dois" });
    for (const started of [first, second]) {
      const customer = await customerSocket(started.ws);
      agent.send({ type: "chat.accept", chatId: started.chat.id });
      await customer.next("chat.accepted");
      customer.close();
    }
    manager.send({ type: "chat.close", chatId: first.chat.id });
    await agent.next("chat.closed", (f) => f.chat.id === first.chat.id);
    agent.send({ type: "chat.close", chatId: second.chat.id });
    await agent.next("chat.closed", (f) => f.chat.id === second.chat.id);

    const cookie = await login(account.attendants.admin.email);
    const byManager = await json<ChatDetailResponse>(await api(`/api/chats/${first.chat.id}`, { cookie }));
    expect(byManager.chat.attendant?.id).toBe(account.attendants.support1.id);
    expect(byManager.chat.closer).toEqual({ id: account.attendants.manager.id, name: account.attendants.manager.name, role: "department_manager" });
    const byOwn = await json<ChatDetailResponse>(await api(`/api/chats/${second.chat.id}`, { cookie }));
    expect(byOwn.chat.closer).toEqual({ id: account.attendants.support1.id, name: account.attendants.support1.name, role: "attendant" });

    const list = await json<ChatListResponse>(await api("/api/chats?status=closed", { cookie }));
    const rows = new Map(list.chats.map((c) => [c.id, c.closer?.role]));
    expect(rows.get(first.chat.id)).toBe("department_manager");
    expect(rows.get(second.chat.id)).toBe("attendant");
    agent.close();
    manager.close();
  });

  it("a customer's close carries no attendant closer", async () => {
    const account = await createAccount("closer-customer");
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const started = await startChat(account, account.departments.support);
    const customer = await customerSocket(started.ws);
    customer.send({ type: "chat.close", chatId: started.chat.id });
    await customer.next("chat.closed");
    customer.close();
    agent.close();
    const cookie = await login(account.attendants.admin.email);
    const detail = await json<ChatDetailResponse>(await api(`/api/chats/${started.chat.id}`, { cookie }));
    expect(detail.chat.closedBy).toBe("customer");
    expect(detail.chat.closer).toBeUndefined();
  });
});
