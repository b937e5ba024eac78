import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { html } from "../../worker/email/compose";
import { MAX_ATTEMPTS, SENT_KEPT_MS } from "../../durable-objects/outbox-store";
import { outboxOf, sendEmail } from "../../worker/email/send";
import type { OutboxListResponse } from "../../worker/views-email";
import { api, createAccount, expectError, json, login } from "./helpers";
import { configureEmail, LabServer, outboxRow, retryNow, waitForRow } from "./mail-helpers";

async function adminOf(label: string) {
  const account = await createAccount(label);
  return { account, admin: await login(account.attendants.admin.email) };
}

async function outboxList(cookie: string, query = ""): Promise<OutboxListResponse> {
  const res = await api(`/api/outbox${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<OutboxListResponse>(res);
}

describe("e-mail settings", () => {
  it("keeps the password sealed: never answered, kept by a PUT without it, removed by an empty one", async () => {
    const { account, admin } = await adminOf("mail-settings");
    expect(await json(await api("/api/settings/email", { cookie: admin }))).toEqual({
      host: "",
      port: 587,
      security: "starttls",
      username: "",
      fromName: "",
      fromAddress: "",
      passwordSet: false,
      configured: false,
    });
    const saved = await configureEmail(admin, { port: 2525 }, { security: "starttls", username: "acme", password: "hunter2-secret" });
    expect(saved).toMatchObject({ host: "127.0.0.1", port: 2525, username: "acme", passwordSet: true, configured: true });
    expect(saved).not.toHaveProperty("password");
    const read = await api("/api/settings/email", { cookie: admin });
    expect(await read.text()).not.toContain("hunter2");
    const row = await env.DB.prepare("SELECT data FROM settings WHERE account_id = ? AND department_id = '#email'").bind(account.id).first<{ data: string }>();
    expect(row!.data).not.toContain("hunter2");
    expect(JSON.parse(row!.data).sealedPassword).toMatch(/^v1\./);

    expect(await configureEmail(admin, { port: 2526 }, { username: "acme" })).toMatchObject({ port: 2526, passwordSet: true });
    expect(await configureEmail(admin, { port: 2526 }, { password: "" })).toMatchObject({ passwordSet: false });
    // The chat settings every attendant reads never carry the e-mail document.
    const chat = await json(await api("/api/settings", { cookie: admin }));
    expect(JSON.stringify(chat)).not.toContain("127.0.0.1");
  });

  it("refuses invalid settings with the field named, and changes nothing", async () => {
    const { admin } = await adminOf("mail-settings-bad");
    await configureEmail(admin, { port: 2525 });
    const good = { host: "smtp.acme.test", port: 587, security: "starttls", username: "", fromName: "Acme", fromAddress: "suporte@acme.test" };
    const bad: [Record<string, unknown>, string][] = [
      [{ fromName: "Acme\r\nBcc: evil@x.test" }, "fromName"],
      [{ fromAddress: "suporte@acme.test\r\nBcc: evil@x.test" }, "fromAddress"],
      [{ host: "smtp acme" }, "host"],
      [{ port: 70000 }, "port"],
      [{ security: "ssl" }, "security"],
      [{ password: "a\nb" }, "password"],
      [{ extra: 1 }, ""],
    ];
    for (const [change, field] of bad) {
      const res = await api("/api/settings/email", { method: "PUT", cookie: admin, body: { ...good, ...change } });
      expect(res.status).toBe(400);
      if (field) expect((await json(res)).error.field).toBe(field);
    }
    expect(await json(await api("/api/settings/email", { cookie: admin }))).toMatchObject({ host: "127.0.0.1", port: 2525 });
  });

  it("is for administrators only, and each account sees its own", async () => {
    const { account, admin } = await adminOf("mail-roles");
    const other = await adminOf("mail-roles-other");
    await configureEmail(admin, { port: 2525 });
    for (const who of ["manager", "support1"] as const) {
      const cookie = await login(account.attendants[who].email);
      await expectError(await api("/api/settings/email", { cookie }), 403, "forbidden");
      await expectError(await api("/api/settings/email", { method: "PUT", cookie, body: {} }), 403, "forbidden");
      await expectError(await api("/api/settings/email/test", { cookie, body: {} }), 403, "forbidden");
      await expectError(await api("/api/outbox", { cookie }), 403, "forbidden");
      await expectError(await api(`/api/outbox/${crypto.randomUUID()}/resend`, { cookie, body: {} }), 403, "forbidden");
    }
    await expectError(await api("/api/settings/email"), 401, "unauthenticated");
    await expectError(await api("/api/outbox"), 401, "unauthenticated");
    expect(await json(await api("/api/settings/email", { cookie: other.admin }))).toMatchObject({ configured: false, host: "" });
  });
});

describe("test e-mail", () => {
  it("is sent directly and answers what the server said", async () => {
    const { account, admin } = await adminOf("mail-test");
    await expectError(await api("/api/settings/email/test", { cookie: admin, body: {} }), 409, "email_not_configured");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    const answer = await json(await api("/api/settings/email/test", { cookie: admin, body: {} }));
    expect(answer).toMatchObject({ sent: true, to: account.attendants.admin.email });
    const [got] = await lab.messages();
    expect(got!.to).toEqual([account.attendants.admin.email]);
    expect(got!.messageId).toBe(answer.messageId);
    expect(got!.from).toBe("suporte@acme.test");

    await lab.down();
    const failed = await json(await api("/api/settings/email/test", { cookie: admin, body: { to: "outra@acme.test" } }));
    expect(failed).toMatchObject({ sent: false, to: "outra@acme.test", error: { kind: "transient", stage: "connect" } });
    await expectError(await api("/api/settings/email/test", { cookie: admin, body: { to: "x@y.test\r\nBcc: z@w.test" } }), 400, "bad_request");
    expect((await outboxList(admin)).emails).toEqual([]);
  });
});

describe("the outbox", () => {
  it("stores the e-mail before sendEmail returns, sends it once with its thread headers", async () => {
    const { account, admin } = await adminOf("outbox-send");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    const sent = await sendEmail(env, account.id, {
      to: "maria@cliente.test",
      toName: "Maria",
      subject: "Re: Pedido 42",
      text: "Olá Maria,\nseu pedido saiu.",
      html: html`<p>Olá ${"<Maria>"}</p>`,
      replyTo: "reply+t1@acme.test",
      inReplyTo: "<c1@cliente.test>",
      references: ["<o1@acme.test>", "<c1@cliente.test>"],
      ref: "offline-message:1",
    });
    expect(sent.messageId).toMatch(/^<[0-9a-f-]+@acme\.test>$/);
    expect(await outboxRow(account.id, sent.id)).not.toBeNull();
    const row = await waitForRow(account.id, sent.id, (r) => r.status === "sent");
    expect(row).toMatchObject({ attempts: 1, to: "maria@cliente.test", ref: "offline-message:1", lastError: null });
    const [got, ...more] = await lab.messages();
    expect(more).toEqual([]);
    expect(got).toMatchObject({
      to: ["maria@cliente.test"],
      from: "suporte@acme.test",
      fromName: "Acme Suporte",
      replyTo: "reply+t1@acme.test",
      subject: "Re: Pedido 42",
      messageId: sent.messageId,
      inReplyTo: "<c1@cliente.test>",
      references: ["<o1@acme.test>", "<c1@cliente.test>"],
    });
    expect(got!.html).toContain("<p>Olá &#60;Maria&#62;</p>");
    expect(got!.text.trim()).toBe("Olá Maria,\nseu pedido saiu.");
    await retryNow(account.id);
    expect(await lab.messages()).toHaveLength(1);
    expect((await outboxList(admin, "?status=sent")).emails.map((e) => e.id)).toEqual([sent.id]);
  });

  it("refuses header injection in what a feature asks to send", async () => {
    const { account } = await adminOf("outbox-injection");
    const base = { to: "maria@cliente.test", subject: "Oi", text: "x" };
    for (const [change, field] of [
      [{ to: "maria@cliente.test\r\nBcc: evil@x.test" }, "to"],
      [{ replyTo: "a@b.test\nBcc: evil@x.test" }, "replyTo"],
      [{ inReplyTo: "<a@b>\r\nBcc: evil@x.test" }, "inReplyTo"],
      [{ html: "<p>raw</p>" }, "html"],
    ] as const) {
      await expect(sendEmail(env, account.id, { ...base, ...(change as object) })).rejects.toMatchObject({ status: 400, field });
    }
  });

  it("waits for a server that is down and sends the e-mail once when it is back", async () => {
    const { account, admin } = await adminOf("outbox-down");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    await lab.down();
    const { id } = await sendEmail(env, account.id, { to: "maria@cliente.test", subject: "Oi", text: "Olá" });
    const waiting = await waitForRow(account.id, id, (r) => r.attempts === 1 && r.status === "queued");
    expect(waiting.lastError).toMatch(/connect/i);
    expect(waiting.nextAttemptAt).toBeGreaterThan(Date.now() + 30_000);
    await lab.up();
    await retryNow(account.id);
    expect(await outboxRow(account.id, id)).toMatchObject({ status: "sent", attempts: 2 });
    await retryNow(account.id);
    expect(await lab.messages()).toHaveLength(1);
  });

  it("survives a server hanging up mid-session: no hang, a retry, the Worker still answers", async () => {
    const { account, admin } = await adminOf("outbox-drop");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    await lab.mode("drop");
    const { id } = await sendEmail(env, account.id, { to: "maria@cliente.test", subject: "Oi", text: "Olá" });
    const waiting = await waitForRow(account.id, id, (r) => r.attempts === 1 && r.status === "queued");
    expect(waiting.lastError).toMatch(/connection lost/i);
    expect((await api("/api/health")).status).toBe(200);
    expect(await outboxList(admin, "?status=queued")).toMatchObject({ emails: [{ id, status: "queued" }] });
    await lab.mode("ok");
    await retryNow(account.id);
    expect(await outboxRow(account.id, id)).toMatchObject({ status: "sent" });
    expect(await lab.messages()).toHaveLength(1);
    expect((await lab.stats()).drops).toBe(1);
  });

  it("fails an e-mail after its last try with a wrong password, lists it, and resends it once fixed", async () => {
    const { account, admin } = await adminOf("outbox-auth");
    const other = await adminOf("outbox-auth-other");
    const lab = await LabServer.start({ user: "acme", pass: "right" });
    await configureEmail(admin, lab, { username: "acme", password: "wrong" });
    const { id } = await sendEmail(env, account.id, { to: "maria@cliente.test", subject: "Oi", text: "Olá" });
    await waitForRow(account.id, id, (r) => r.attempts === 1 && r.status === "queued");
    for (let i = 1; i < MAX_ATTEMPTS; i++) await retryNow(account.id);
    const failed = await outboxRow(account.id, id);
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(failed!.lastError).toMatch(/535/);
    expect((await outboxList(admin, "?status=failed")).emails).toMatchObject([{ id, status: "failed" }]);
    expect(await lab.messages()).toEqual([]);

    // Another account neither sees nor resends it; a row that is not failed cannot be resent.
    expect((await outboxList(other.admin)).emails).toEqual([]);
    await expectError(await api(`/api/outbox/${id}/resend`, { cookie: other.admin, body: {} }), 404, "not_found");
    await expectError(await api("/api/outbox?status=lost", { cookie: admin }), 400, "bad_request");

    await configureEmail(admin, lab, { username: "acme", password: "right" });
    const resent = await api(`/api/outbox/${id}/resend`, { cookie: admin, body: {} });
    expect(resent.status).toBe(200);
    expect((await json(resent)).email).toMatchObject({ id, status: "queued", attempts: 0 });
    await waitForRow(account.id, id, (r) => r.status === "sent");
    expect(await lab.messages()).toHaveLength(1);
    await expectError(await api(`/api/outbox/${id}/resend`, { cookie: admin, body: {} }), 409, "not_failed");
  });

  it("fails an e-mail the server refuses (5xx to RCPT) at once, without retries", async () => {
    const { account, admin } = await adminOf("outbox-refused");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    await lab.mode("reject");
    const { id } = await sendEmail(env, account.id, { to: "ninguem@cliente.test", subject: "Oi", text: "Olá" });
    const row = await waitForRow(account.id, id, (r) => r.status === "failed");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/550/);
  });

  it("never sends one row twice, even when two runs reach it at once", async () => {
    const { account, admin } = await adminOf("outbox-once");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    await lab.down();
    const { id } = await sendEmail(env, account.id, { to: "maria@cliente.test", subject: "Oi", text: "Olá" });
    await waitForRow(account.id, id, (r) => r.attempts === 1 && r.status === "queued");
    await lab.up();
    await runInDurableObject(outboxOf(env, account.id), async (instance, state) => {
      state.storage.sql.exec("UPDATE outbox SET next_attempt_at = 0");
      // `?.`: the Outbox has no fetch(), so runInDurableObject types it as a plain DurableObject.
      await Promise.all([instance.alarm?.(), instance.alarm?.(), instance.alarm?.()]);
    });
    expect(await outboxRow(account.id, id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await lab.messages()).toHaveLength(1);
  });

  it("takes up a row left in 'sending' by an interrupted run once its lease expires", async () => {
    const { account, admin } = await adminOf("outbox-lease");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    await lab.down();
    const { id } = await sendEmail(env, account.id, { to: "maria@cliente.test", subject: "Oi", text: "Olá" });
    await waitForRow(account.id, id, (r) => r.attempts === 1 && r.status === "queued");
    await lab.up();
    const stub = outboxOf(env, account.id);
    // As if the object was evicted mid-send: the row stays 'sending' under a lease nobody holds.
    await runInDurableObject(stub, async (instance, state) => {
      state.storage.sql.exec("UPDATE outbox SET status = 'sending', lease = 'gone', lease_until = ? WHERE id = ?", Date.now() + 60_000, id);
      await instance.alarm?.();
    });
    expect(await outboxRow(account.id, id)).toMatchObject({ status: "sending" });
    expect(await lab.messages()).toEqual([]);
    await runInDurableObject(stub, async (instance, state) => {
      state.storage.sql.exec("UPDATE outbox SET lease_until = 0 WHERE id = ?", id);
      await instance.alarm?.();
    });
    expect(await outboxRow(account.id, id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await lab.messages()).toHaveLength(1);
  });

  it("deletes sent e-mails after the retention period, at the next run", async () => {
    const { account, admin } = await adminOf("outbox-prune");
    const lab = await LabServer.start();
    await configureEmail(admin, lab);
    const old = await sendEmail(env, account.id, { to: "maria@cliente.test", subject: "Antigo", text: "Olá" });
    await waitForRow(account.id, old.id, (r) => r.status === "sent");
    await lab.down();
    const recent = await sendEmail(env, account.id, { to: "maria@cliente.test", subject: "Novo", text: "Olá" });
    await waitForRow(account.id, recent.id, (r) => r.attempts === 1 && r.status === "queued");
    await runInDurableObject(outboxOf(env, account.id), async (instance, state) => {
      state.storage.sql.exec("UPDATE outbox SET sent_at = ? WHERE id = ?", Date.now() - SENT_KEPT_MS - 1, old.id);
      await instance.alarm?.();
    });
    expect(await outboxRow(account.id, old.id)).toBeNull();
    expect(await outboxRow(account.id, recent.id)).not.toBeNull();
  });
});
