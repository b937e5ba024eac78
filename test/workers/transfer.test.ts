/**
 * The transfer handoff between department rooms: the chat keeps its id, number, messages and
 * sequence numbers; both sides are told `chat.transferred`; the customer's next socket goes to
 * the new room; a repeated import changes nothing; D1 names the new department.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { WidgetMeResponse } from "../../worker/views";
import { attendantSocket, createAccount, customerSocket, json, room, startChat, widgetMe } from "./helpers";

describe("transfer between rooms", () => {
  it("moves an open chat with its messages and sequence numbers, once", async () => {
    const account = await createAccount("transfer");
    const { support, sales } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const seller = await attendantSocket(account.attendants.sales.email, sales);
    const started = await startChat(account, support);
    const customer = await customerSocket(started.ws);
    const before = await room(account, support).messages(started.chat.id);

    const moved = await room(account, support).transferChat(started.chat.id, { departmentId: sales, fromDepartmentName: "Suporte" });
    expect(moved).toMatchObject({ id: started.chat.id, number: started.chat.number, departmentId: sales, status: "waiting" });

    const toCustomer = await customer.next("chat.transferred");
    expect(toCustomer).toMatchObject({ fromDepartmentId: support, chat: { id: started.chat.id, departmentId: sales } });
    expect((await agent.next("chat.transferred")).chat.departmentId).toBe(sales);
    expect((await customer.waitClosed())?.code).toBe(1000);
    expect((await seller.next("chat.queued")).chat.id).toBe(started.chat.id);

    expect(await room(account, support).getChat(started.chat.id)).toBeNull();
    const after = await room(account, sales).messages(started.chat.id);
    expect(after.slice(0, before.length).map((m) => [m.id, m.seq])).toEqual(before.map((m) => [m.id, m.seq]));
    expect(after.at(-1)).toMatchObject({ seq: before.length + 1, body: "Transferido de Suporte", author: { type: "system" } });

    // A repeat finds nothing to move; the destination holds one copy.
    expect(await room(account, support).transferChat(started.chat.id, { departmentId: sales, fromDepartmentName: "Suporte" })).toBeNull();
    expect((await room(account, sales).messages(started.chat.id)).length).toBe(after.length);

    // The customer's next socket is to the new room, and D1 names the new department.
    const me = await json<WidgetMeResponse>(await widgetMe(account.publicKey, started.customerToken));
    expect(me.chat?.departmentId).toBe(sales);
    const again = await customerSocket(me.ws!);
    expect(again.all("session.ready")[0]?.departmentId).toBe(sales);
    await expect
      .poll(async () => (await env.DB.prepare("SELECT department_id AS d FROM chats WHERE id = ?").bind(started.chat.id).first<{ d: string }>())?.d)
      .toBe(sales);
    for (const s of [agent, seller, again]) s.close();
  });
});
