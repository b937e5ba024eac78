/**
 * Attachments both ways: uploads checked by content and size, stored in R2 and D1 before the
 * message is acknowledged, delivered live through the room and found again in the history;
 * who may upload and who may get a URL; signed URLs that expire and refuse tampering; and
 * forgetting a customer and retention removing rows and objects.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signAttachmentPath } from "../../worker/attachments/signed-url";
import { purgeExpired } from "../../worker/retention";
import type { WireMessage } from "../../durable-objects/protocol";
import { attendantUploadPath, customerUploadPath, files, upload } from "./attachment-helpers";
import { api, attendantSocket, count, createAccount, customerSocket, expectError, history, json, login, room, startChat, type TestAccount } from "./helpers";

/** A waiting chat with its customer's socket, and the support attendant's socket. */
async function openChat(account: TestAccount) {
  const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
  const started = await startChat(account, account.departments.support);
  const customer = await customerSocket(started.ws);
  await agent.next("chat.queued", (f) => f.chat.id === started.chat.id);
  return { agent, customer, started, chatId: started.chat.id, token: started.customerToken };
}

async function accept(opened: Awaited<ReturnType<typeof openChat>>) {
  opened.agent.send({ type: "chat.accept", chatId: opened.chatId });
  await opened.customer.next("chat.accepted");
}

const rows = (chatId: string) => count("SELECT COUNT(*) AS n FROM chat_attachments WHERE chat_id = ?", chatId);
async function objects(accountId: string, chatId: string) {
  return (await env.ATTACHMENTS.list({ prefix: `${accountId}/${chatId}/` })).objects.length;
}

async function customerUrl(account: TestAccount, chatId: string, id: string, token: string) {
  return api(`/api/widget/chats/${chatId}/attachments/${id}?account=${account.publicKey}`, { headers: { authorization: `Bearer ${token}` } });
}

describe("uploads", () => {
  it("stores a customer's image before acknowledging it, delivers it live and keeps it in the history and D1", async () => {
    const account = await createAccount("attach-live");
    const opened = await openChat(account);
    const res = await upload(customerUploadPath(account.publicKey, opened.chatId, "up-1", "tela.png"), files.png(640, 480), { token: opened.token });
    expect(res.status).toBe(201);
    const { message } = await json<{ message: WireMessage }>(res);
    expect(message).toMatchObject({ body: "tela.png", clientId: "up-1", author: { type: "customer" } });
    expect(message.attachment).toMatchObject({ name: "tela.png", contentType: "image/png", width: 640, height: 480, size: files.png().byteLength });
    expect(await rows(opened.chatId)).toBe(1);
    expect(await objects(account.id, opened.chatId)).toBe(1);

    const live = await opened.agent.next("message.created", (f) => f.message.clientId === "up-1");
    expect(live.message.attachment?.id).toBe(message.attachment?.id);
    // A client that reconnects finds it in the history.
    const again = await customerSocket(opened.started.ws);
    expect((await history(again, opened.chatId)).find((m) => m.id === message.id)?.attachment?.id).toBe(message.attachment?.id);
    await room(account, account.departments.support).syncNow();
    const d1 = await env.DB.prepare("SELECT attachment_id, body FROM chat_messages WHERE id = ?").bind(message.id).first();
    expect(d1).toEqual({ attachment_id: message.attachment?.id, body: "tela.png" });
  });

  it("lets the chat's attendant send a PDF to the customer once accepted", async () => {
    const account = await createAccount("attach-agent");
    const opened = await openChat(account);
    const cookie = await login(account.attendants.support1.email);
    await expectError(await upload(attendantUploadPath(opened.chatId, "a-0"), files.pdf(), { cookie }), 403, "forbidden");
    expect(await rows(opened.chatId)).toBe(0);
    await accept(opened);
    const res = await upload(attendantUploadPath(opened.chatId, "a-1", "boleto.pdf"), files.pdf(), { cookie });
    expect(res.status).toBe(201);
    const atCustomer = await opened.customer.next("message.created", (f) => f.message.clientId === "a-1");
    expect(atCustomer.message).toMatchObject({ body: "boleto.pdf", author: { type: "attendant", name: account.attendants.support1.name } });
    expect(atCustomer.message.attachment).toMatchObject({ contentType: "application/pdf", width: null, height: null });
  });

  it("decides the type by content: SVG and HTML are 415 whatever their name, and a PNG named .html is kept as .png", async () => {
    const account = await createAccount("attach-types");
    const opened = await openChat(account);
    for (const [i, bytes] of [files.svg(), files.html()].entries()) {
      await expectError(await upload(customerUploadPath(account.publicKey, opened.chatId, `t-${i}`, "foto.png"), bytes, { token: opened.token }, "image/png"), 415, "unsupported_type");
    }
    expect(await rows(opened.chatId)).toBe(0);
    const res = await upload(customerUploadPath(account.publicKey, opened.chatId, "t-ok", "pagina.html"), files.png(), { token: opened.token }, "text/html");
    expect((await json<{ message: WireMessage }>(res)).message.attachment).toMatchObject({ name: "pagina.html.png", contentType: "image/png" });
  });

  it("refuses a file over 10 MB with 413 (declared or streamed) and stores nothing", async () => {
    const account = await createAccount("attach-size");
    const opened = await openChat(account);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(files.png());
    await expectError(await upload(customerUploadPath(account.publicKey, opened.chatId, "s-1"), big, { token: opened.token }), 413, "too_large");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 11; i++) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    await expectError(await upload(customerUploadPath(account.publicKey, opened.chatId, "s-2"), stream, { token: opened.token }), 413, "too_large");
    const exactly = new Uint8Array(10 * 1024 * 1024);
    exactly.set(files.pdf());
    expect((await upload(customerUploadPath(account.publicKey, opened.chatId, "s-3"), exactly, { token: opened.token })).status).toBe(201);
    expect(await rows(opened.chatId)).toBe(1);
  });

  it("stores a retried upload (same client id) once", async () => {
    const account = await createAccount("attach-dup");
    const opened = await openChat(account);
    const first = await json<{ message: WireMessage }>(await upload(customerUploadPath(account.publicKey, opened.chatId, "d-1"), files.gif(), { token: opened.token }));
    const second = await json<{ message: WireMessage }>(await upload(customerUploadPath(account.publicKey, opened.chatId, "d-1"), files.gif(), { token: opened.token }));
    expect(second.message.id).toBe(first.message.id);
    expect(await rows(opened.chatId)).toBe(1);
    expect(await objects(account.id, opened.chatId)).toBe(1);
  });

  it("refuses other attendants, other departments, other accounts, other customers and closed chats, storing nothing", async () => {
    const account = await createAccount("attach-roles");
    const other = await createAccount("attach-roles-other");
    const opened = await openChat(account);
    await accept(opened);
    const path = (id: string) => attendantUploadPath(opened.chatId, id);
    await expectError(await upload(path("r-1"), files.png(), { cookie: await login(account.attendants.support2.email) }), 403, "forbidden");
    await expectError(await upload(path("r-2"), files.png(), { cookie: await login(account.attendants.manager.email) }), 403, "forbidden");
    await expectError(await upload(path("r-3"), files.png(), { cookie: await login(account.attendants.sales.email) }), 404, "not_found");
    await expectError(await upload(path("r-4"), files.png(), { cookie: await login(other.attendants.admin.email) }), 404, "not_found");
    await expectError(await upload(path("r-5"), files.png(), {}), 401);
    const stranger = await startChat(account, account.departments.support);
    await expectError(await upload(customerUploadPath(account.publicKey, opened.chatId, "r-6"), files.png(), { token: stranger.customerToken }), 404, "not_found");
    await expectError(await upload(customerUploadPath(other.publicKey, opened.chatId, "r-7"), files.png(), { token: opened.token }), 401);
    await expectError(await upload(customerUploadPath(account.publicKey, opened.chatId, "r-8"), files.png(), {}), 401);
    opened.agent.send({ type: "chat.close", chatId: opened.chatId });
    await opened.customer.next("chat.closed");
    await expectError(await upload(customerUploadPath(account.publicKey, opened.chatId, "r-9"), files.png(), { token: opened.token }), 409, "chat_closed");
    expect(await rows(opened.chatId)).toBe(0);
    expect(await objects(account.id, opened.chatId)).toBe(0);
  });

  it("limits uploads per chat and side (429)", async () => {
    const account = await createAccount("attach-limit");
    const opened = await openChat(account);
    const statuses: number[] = [];
    // 41 uploads: even if a minute window turns over meanwhile, one window sees more than 20.
    for (let i = 0; i < 41; i++) statuses.push((await upload(customerUploadPath(account.publicKey, opened.chatId, `l-${i}`), files.gif(), { token: opened.token })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
  });
});

describe("signed URLs", () => {
  async function withFile() {
    const account = await createAccount("attach-url");
    const opened = await openChat(account);
    await accept(opened);
    const res = await upload(customerUploadPath(account.publicKey, opened.chatId, "u-1", "recibo.pdf"), files.pdf(), { token: opened.token });
    const { message } = await json<{ message: WireMessage }>(res);
    return { account, opened, id: message.attachment!.id };
  }

  it("serves the file to the customer and the chat's attendants, as a download for PDFs with nosniff and a strict CSP", async () => {
    const { account, opened, id } = await withFile();
    const answer = await customerUrl(account, opened.chatId, id, opened.token);
    expect(answer.status).toBe(200);
    const { url, expiresAt } = await json<{ url: string; expiresAt: number }>(answer);
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    const file = await api(new URL(url).pathname + new URL(url).search);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="recibo\.pdf"/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(files.pdf());

    for (const email of [account.attendants.support1.email, account.attendants.manager.email]) {
      expect((await api(`/api/chats/${opened.chatId}/attachments/${id}`, { cookie: await login(email) })).status).toBe(200);
    }
  });

  it("gives no URL to another customer, another department's attendant or another account", async () => {
    const { account, opened, id } = await withFile();
    const other = await createAccount("attach-url-other");
    const stranger = await startChat(account, account.departments.support);
    await expectError(await customerUrl(account, opened.chatId, id, stranger.customerToken), 404, "not_found");
    await expectError(await api(`/api/chats/${opened.chatId}/attachments/${id}`, { cookie: await login(account.attendants.sales.email) }), 404);
    await expectError(await api(`/api/chats/${opened.chatId}/attachments/${id}`, { cookie: await login(other.attendants.admin.email) }), 404);
    // A file of another chat is not reachable through this one.
    await expectError(await customerUrl(account, stranger.chat.id, id, stranger.customerToken), 404, "not_found");
  });

  it("refuses an expired URL and any tampered part", async () => {
    const { account, id } = await withFile();
    const expired = await signAttachmentPath(env.TOKEN_SECRET, account.id, id, Date.now() - 1000);
    await expectError(await api(expired), 403, "url_expired");
    const valid = new URL(await signAttachmentPath(env.TOKEN_SECRET, account.id, id, Date.now() + 60_000), "http://x");
    const sig = valid.searchParams.get("sig")!;
    const exp = Number(valid.searchParams.get("exp"));
    const tampered = [
      `/attachments/${account.id}/${id}?exp=${exp}&sig=${sig.slice(0, -2)}${sig.endsWith("AA") ? "BA" : "AA"}`,
      `/attachments/${account.id}/${id}?exp=${exp + 3_600_000}&sig=${sig}`,
      `/attachments/${account.id}/${crypto.randomUUID()}?exp=${exp}&sig=${sig}`,
      `/attachments/${crypto.randomUUID()}/${id}?exp=${exp}&sig=${sig}`,
    ];
    for (const path of tampered) await expectError(await api(path), 403, "bad_signature");
    // An expired URL whose expiry was pushed forward is a bad signature, not a fresh link.
    const late = new URL(expired, "http://x");
    await expectError(await api(`${late.pathname}?exp=${Date.now() + 60_000}&sig=${late.searchParams.get("sig")}`), 403, "bad_signature");
    expect((await api(valid.pathname + valid.search)).status).toBe(200);
  });
});

describe("forgetting and retention", () => {
  it("forgetting a customer deletes their chats' files (rows and R2 objects) and unlinks the messages", async () => {
    const account = await createAccount("attach-forget");
    const opened = await openChat(account);
    await accept(opened);
    await upload(customerUploadPath(account.publicKey, opened.chatId, "f-1"), files.png(), { token: opened.token });
    await upload(attendantUploadPath(opened.chatId, "f-2"), files.pdf(), { cookie: await login(account.attendants.support1.email) });
    expect(await objects(account.id, opened.chatId)).toBe(2);
    const admin = await login(account.attendants.admin.email);
    expect((await api(`/api/customers/${opened.started.customer.id}`, { method: "DELETE", cookie: admin })).status).toBe(204);
    expect(await rows(opened.chatId)).toBe(0);
    expect(await objects(account.id, opened.chatId)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM chat_messages WHERE chat_id = ? AND attachment_id IS NOT NULL", opened.chatId)).toBe(0);
    const inRoom = await room(account, account.departments.support).messages(opened.chatId);
    expect(inRoom.filter((m) => m.attachment)).toEqual([]);
  });

  it("retention deletes an expired chat's files before the chat, and the history names them until then", async () => {
    const account = await createAccount("attach-retention");
    const customer = crypto.randomUUID();
    const chatId = crypto.randomUUID();
    const fileId = crypto.randomUUID();
    const old = Date.now() - 40 * 86_400_000;
    const key = `${account.id}/${chatId}/${fileId}`;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO customers (id, account_id, name, email, created_at, updated_at) VALUES (?, ?, 'Ana', 'ana@example.com', ?, ?)").bind(customer, account.id, old, old),
      env.DB.prepare("INSERT INTO chats (id, account_id, number, department_id, customer_id, status, origin, created_at, closed_at) VALUES (?, ?, 900, ?, ?, 'closed', 'widget', ?, ?)").bind(
        chatId, account.id, account.departments.support, customer, old, old,
      ),
      env.DB.prepare(
        "INSERT INTO chat_attachments (id, account_id, chat_id, uploaded_by, object_key, content_type, size, name, width, height, created_at) VALUES (?, ?, ?, 'customer', ?, 'image/png', 80, 'antigo.png', 640, 480, ?)",
      ).bind(fileId, account.id, chatId, key, old),
      env.DB.prepare("INSERT INTO chat_messages (id, account_id, chat_id, seq, author_type, author_name, body, attachment_id, created_at) VALUES (?, ?, ?, 1, 'customer', 'Ana', 'antigo.png', ?, ?)").bind(
        crypto.randomUUID(), account.id, chatId, fileId, old,
      ),
    ]);
    await env.ATTACHMENTS.put(key, files.png());
    const detail = await json<{ messages: WireMessage[] }>(await api(`/api/chats/${chatId}`, { cookie: await login(account.attendants.admin.email) }));
    expect(detail.messages[0]?.attachment).toEqual({ id: fileId, name: "antigo.png", contentType: "image/png", size: 80, width: 640, height: 480 });

    await env.DB.prepare("UPDATE accounts SET retention_days = 30 WHERE id = ?").bind(account.id).run();
    const report = (await purgeExpired(env)).find((r) => r.accountId === account.id);
    expect(report?.chats).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM chats WHERE id = ?", chatId)).toBe(0);
    expect(await rows(chatId)).toBe(0);
    expect(await env.ATTACHMENTS.head(key)).toBeNull();
  });
});
