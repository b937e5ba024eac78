import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  api,
  attendantSocket,
  createAccount,
  expectError,
  history,
  json,
  login,
  openAcceptedChat,
  ORIGIN,
  settle,
  TestSocket,
} from "./helpers";
import { attendantUploadPath, files, upload } from "./attachment-helpers";
import { createCategory, kbAccount } from "./kb-helpers";

function raw(path: string, init: RequestInit & { cookie?: string }) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  headers.set("cf-connecting-ip", `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }));
}

describe("WebSocket frames", () => {
  it("a binary frame is refused with binary_frame even when it carries a valid frame, for customers and attendants; nothing is stored", async () => {
    const { agent, customer, chatId } = await openAcceptedChat("binary");
    const before = await history(customer, chatId);
    for (const [socket, clientId] of [[customer, "bin-c"], [agent, "bin-a"]] as const) {
      socket.ws.send(new TextEncoder().encode(JSON.stringify({ type: "message.send", chatId, clientId, body: "bytes" })));
      expect(await socket.next("error")).toMatchObject({ code: "binary_frame" });
      await settle(socket);
      expect(socket.closed).toBeNull();
    }
    expect(agent.all("message.created")).toEqual([]);
    expect(customer.all("message.created")).toEqual([]);
    expect((await history(customer, chatId)).map((m) => m.id)).toEqual(before.map((m) => m.id));
    [agent, customer].forEach((s) => s.close());
  });

  it("an unknown frame type gets unknown_frame, changes nothing and keeps the socket open", async () => {
    const { agent, customer, chatId } = await openAcceptedChat("unknown");
    for (const socket of [customer, agent]) {
      socket.send({ type: "chat.delete", chatId });
      const error = await socket.next("error");
      expect(error.code).toBe("unknown_frame");
      await settle(socket);
      expect(socket.closed).toBeNull();
      expect(socket.all("error")).toHaveLength(1);
    }
    // The chat is still there and open.
    customer.send({ type: "message.send", chatId, clientId: "after", body: "Ainda aqui" });
    expect((await agent.next("message.created", (f) => f.message.clientId === "after")).message.body).toBe("Ainda aqui");
    [agent, customer].forEach((s) => s.close());
  });

  it("a known type with bad fields is still bad_frame", async () => {
    const { agent, chatId } = await openAcceptedChat("bad-fields");
    agent.send({ type: "message.read", chatId, seq: -1 });
    expect(await agent.next("error")).toMatchObject({ code: "bad_frame" });
    agent.close();
  });

  it("a console of another protocol version is closed at once with 1008 and never counts as present", async () => {
    const account = await createAccount("version");
    const { support } = account.departments;
    const cookie = await login(account.attendants.support1.email);
    const { token } = await json<{ token: string }>(await api("/api/ws-token", { method: "POST", cookie }));
    const socket = await TestSocket.open(`/api/ws?token=${encodeURIComponent(token)}&department=${support}&v=7`);
    const closed = await socket.waitClosed();
    expect(closed?.code).toBe(1008);
    expect(socket.frames).toMatchObject([{ type: "error", code: "unsupported_version" }]);
    const watcher = await attendantSocket(account.attendants.support2.email, support);
    const ready = watcher.frames[0];
    expect(ready?.type === "session.ready" && ready.attendants.map((a) => a.id)).not.toContain(account.attendants.support1.id);
    watcher.close();
  });
});

describe("HTTP bodies", () => {
  it("a JSON body over 64 KB is 413 too_large, by its Content-Length", async () => {
    const account = await createAccount("big");
    const res = await api("/api/auth/login", { body: { email: account.attendants.admin.email, password: "x".repeat(70 * 1024) } });
    await expectError(res, 413, "too_large");
  });

  it("a streamed body without Content-Length is cut off at 64 KB with 413", async () => {
    const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the limit is on offer; the server stops reading after 64 KB.
        if (sent++ < 640) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await raw("/api/auth/login", { method: "POST", body, headers: { "content-type": "application/json" } });
    await expectError(res, 413, "too_large");
    expect(sent).toBeLessThan(640);
  });

  it.each([
    ["text/plain", "text/plain;charset=UTF-8"],
    ["a form", "application/x-www-form-urlencoded"],
    ["no type", null],
  ])("login, status and settings with %s are 415 unsupported_media_type and change nothing", async (_, type) => {
    const account = await createAccount("type");
    const cookie = await login(account.attendants.admin.email);
    const headers: Record<string, string> = type ? { "content-type": type } : {};
    const body = (value: unknown) => {
      const text = JSON.stringify(value);
      return type === null ? new TextEncoder().encode(text) : text;
    };
    await expectError(await raw("/api/auth/login", { method: "POST", headers, body: body({ email: account.attendants.admin.email, password: "correct horse battery" }) }), 415, "unsupported_media_type");
    await expectError(await raw("/api/me/status", { method: "PUT", headers, body: body({ status: "offline" }), cookie }), 415, "unsupported_media_type");
    await expectError(await raw("/api/settings", { method: "PUT", headers, body: body({ look: { colors: { primary: "#000000" } } }), cookie }), 415, "unsupported_media_type");
    const me = await json(await api("/api/me", { cookie }));
    expect(me.attendant.chatStatus ?? me.attendant.status).not.toBe("offline");
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM settings WHERE account_id = ?").bind(account.id).first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it("application/json with a charset is accepted; requests without a body need no type", async () => {
    const account = await createAccount("charset");
    const res = await raw("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ email: account.attendants.admin.email, password: "correct horse battery" }),
    });
    expect(res.status).toBe(200);
    const cookie = /sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![0];
    expect((await raw("/api/ws-token", { method: "POST", cookie })).status).toBe(200);
    expect((await raw("/api/auth/logout", { method: "POST", cookie })).status).toBeLessThan(300);
  });

  it("a KB article of 100,000 accented characters (over 64 KB) is accepted; its routes stop at 512 KB", async () => {
    const { admin } = await kbAccount();
    const category = await createCategory(admin, { name: "Longos" });
    const body = "é".repeat(100_000);
    const created = await api("/api/kb/articles", { cookie: admin, body: { categoryId: category.id, title: "Longo", body } });
    expect(created.status).toBe(201);
    const huge = { categoryId: category.id, title: "Enorme", body: "x".repeat(600 * 1024) };
    await expectError(await api("/api/kb/articles", { cookie: admin, body: huge }), 413, "too_large");
    await expectError(await api("/api/kb/preview", { cookie: admin, body: { body: huge.body } }), 413, "too_large");
  });

  it("an upload route keeps its raw body and its own limit (not JSON, larger than 64 KB)", async () => {
    const { account, chatId, agent, customer } = await openAcceptedChat("upload");
    const cookie = await login(account.attendants.support1.email);
    const png = new Uint8Array(100 * 1024);
    png.set(files.png());
    const res = await upload(attendantUploadPath(chatId, "up-1", "grande.png"), png, { cookie }, "image/png");
    expect(res.status).toBe(201);
    expect((await agent.next("message.created", (f) => f.message.clientId === "up-1")).message.attachment?.size).toBe(100 * 1024);
    [agent, customer].forEach((s) => s.close());
  });
});
