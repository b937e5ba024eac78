import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, attendantSocket, createAccount, customerSocket, json, login, settle, startChat } from "./helpers";

describe("a chat from start to transcript", () => {
  it("queues, is accepted, carries messages both ways and lands in D1 when closed", async () => {
    const account = await createAccount("lifecycle");
    const { support } = account.departments;
    const agent = await attendantSocket(account.attendants.support1.email, support);
    const colleague = await attendantSocket(account.attendants.support2.email, support);

    const started = await startChat(account, support, { name: "Maria", message: "Meu pedido não chegou" });
    expect(started.chat.status).toBe("waiting");
    expect(started.chat.number).toBeGreaterThan(0);

    const queued = await agent.next("chat.queued");
    expect(queued.chat.id).toBe(started.chat.id);
    expect(queued.chat.customer.name).toBe("Maria");
    expect(queued.chat.pageUrl).toBe("https://shop.example.com/checkout");
    await colleague.next("chat.queued");

    const customer = await customerSocket(started.ws);
    customer.send({ type: "chat.sync", chatId: started.chat.id, afterSeq: 0 });
    const history = await customer.next("chat.history");
    expect(history.messages.map((m) => [m.author.type, m.body])).toEqual([
      ["system", "Olá! Já vamos atender."],
      ["customer", "Meu pedido não chegou"],
    ]);

    agent.send({ type: "chat.accept", chatId: started.chat.id });
    const accepted = await customer.next("chat.accepted");
    expect(accepted.chat.attendant?.id).toBe(account.attendants.support1.id);
    await colleague.next("chat.accepted");

    agent.send({ type: "message.send", chatId: started.chat.id, clientId: "a-1", body: "Olá Maria, vou verificar" });
    const fromAgent = await customer.next("message.created");
    expect(fromAgent.message.body).toBe("Olá Maria, vou verificar");
    expect(fromAgent.message.author.type).toBe("attendant");
    const ack = await agent.next("message.created");
    expect(ack.message.clientId).toBe("a-1");

    customer.send({ type: "message.send", chatId: started.chat.id, clientId: "c-1", body: "Obrigada!" });
    const atAgent = await agent.next("message.created", (f) => f.message.author.type === "customer");
    expect(atAgent.message.seq).toBe(fromAgent.message.seq + 1);

    agent.send({ type: "chat.close", chatId: started.chat.id });
    const closed = await customer.next("chat.closed");
    expect(closed.chat.closedBy).toBe("attendant");

    const transcript = await env.DB.prepare("SELECT author_type, body FROM chat_messages WHERE chat_id = ? ORDER BY seq")
      .bind(started.chat.id)
      .all();
    expect(transcript.results).toEqual([
      { author_type: "system", body: "Olá! Já vamos atender." },
      { author_type: "customer", body: "Meu pedido não chegou" },
      { author_type: "attendant", body: "Olá Maria, vou verificar" },
      { author_type: "customer", body: "Obrigada!" },
    ]);
    const row = await env.DB.prepare("SELECT status, attendant_id, closed_by FROM chats WHERE id = ?").bind(started.chat.id).first();
    expect(row).toEqual({ status: "closed", attendant_id: account.attendants.support1.id, closed_by: "attendant" });

    const cookie = await login(account.attendants.support1.email);
    const list = await json(await api("/api/chats?status=closed", { cookie }));
    expect(list.chats.map((c: { id: string }) => c.id)).toContain(started.chat.id);
    const detail = await json(await api(`/api/chats/${started.chat.id}`, { cookie }));
    expect(detail.messages).toHaveLength(4);
    await settle(agent);
    [agent, colleague, customer].forEach((s) => s.close());
  });
});
