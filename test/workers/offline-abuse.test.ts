import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sendEmail } from "../../worker/email/send";
import { MAX_OFFLINE_BODY_BYTES } from "../../worker/routes/offline-guard";
import { api, count, createAccount, expectError, json, login, ORIGIN, type TestAccount } from "./helpers";
import { configureEmail, LabServer, waitForRow } from "./mail-helpers";

const rowsOf = (account: TestAccount) => count("SELECT COUNT(*) AS n FROM offline_messages WHERE account_id = ?", account.id);

function form(account: TestAccount, overrides: Record<string, unknown> = {}) {
  return { account: account.publicKey, name: "Maria Cliente", email: "maria@example.com", message: "Vocês entregam em Manaus?", ...overrides };
}

function post(body: unknown, ip?: string): Promise<Response> {
  return api("/api/widget/offline-messages", { body, headers: ip ? { "cf-connecting-ip": ip } : {} });
}

const randomIp = () => `198.51.100.${Math.floor(Math.random() * 250)}`;

/**
 * The local limiter counts in fixed windows aligned to the clock's minute (STACK.md): start a
 * test that must stay inside one window early enough in a fresh one.
 */
async function freshWindow(): Promise<void> {
  const second = (Date.now() / 1000) % 60;
  if (second > 40) await new Promise((r) => setTimeout(r, (60 - second + 0.2) * 1000));
}

async function expectRetryLater(res: Response) {
  expect(res.status).toBe(429);
  expect(res.headers.get("retry-after")).toBe("60");
  const { error } = await json(res);
  expect(error).toMatchObject({ code: "rate_limited", retryAfter: 60 });
  expect(error.message).toMatch(/try again/);
}

describe("the offline form's abuse limits", () => {
  it("takes 5 messages a minute for one e-mail address in one account, from any IP, then 429 with retryAfter and nothing stored", async () => {
    const account = await createAccount("abuse-email");
    const other = await createAccount("abuse-email-other");
    await freshWindow();
    for (let i = 0; i < 5; i++) expect((await post(form(account, { email: "Flood@Example.com" }), randomIp())).status).toBe(201);
    // The limit is on the address, however it is written.
    await expectRetryLater(await post(form(account, { email: " flood@example.COM " }), randomIp()));
    expect(await rowsOf(account)).toBe(5);
    expect((await post(form(account, { email: "someone.else@example.com" }), randomIp())).status).toBe(201);
    expect((await post(form(other, { email: "flood@example.com" }), randomIp())).status).toBe(201);
  }, 30_000);

  it("takes 10 messages a minute from one IP in one account, then 429 with retryAfter and nothing stored", async () => {
    const account = await createAccount("abuse-ip");
    const ip = randomIp();
    await freshWindow();
    for (let i = 0; i < 10; i++) expect((await post(form(account, { email: `c${i}@example.com` }), ip)).status).toBe(201);
    await expectRetryLater(await post(form(account, { email: "c10@example.com" }), ip));
    expect(await rowsOf(account)).toBe(10);
    expect((await post(form(account, { email: "c11@example.com" }), randomIp())).status).toBe(201);
  }, 30_000);

  it.each([
    ["no top-level domain", "maria@example"],
    ["two @", "maria@@example.com"],
    ["a space", "maria silva@example.com"],
    ["a header after a line break", "maria@example.com\r\nBcc: evil@example.net"],
    ["a display name", "Maria <maria@example.com>"],
    ["a leading dot", ".maria@example.com"],
  ])("refuses an e-mail address with %s: 400 on field email, with a clear message, nothing stored", async (_, email) => {
    const account = await createAccount("abuse-bad-email");
    const res = await post(form(account, { email }));
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: "bad_request", field: "email" });
    expect(error.message).toContain("Not a valid e-mail address");
    expect(await rowsOf(account)).toBe(0);
  });

  it("refuses a body over the limit with 413 too_large before reading it, with or without Content-Length", async () => {
    const account = await createAccount("abuse-large");
    const big = JSON.stringify(form(account, { message: "m".repeat(4000), pad: "p".repeat(MAX_OFFLINE_BODY_BYTES) }));
    await expectError(await api("/api/widget/offline-messages", { body: big }), 413, "too_large");
    const chunks = [new TextEncoder().encode(big.slice(0, 20_000)), new TextEncoder().encode(big.slice(20_000))];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const streamed = await exports.default.fetch(
      new Request(`${ORIGIN}/api/widget/offline-messages`, { method: "POST", headers: { "content-type": "application/json" }, body: stream }),
    );
    await expectError(streamed, 413, "too_large");
    expect(await rowsOf(account)).toBe(0);
    // A full-size valid form is well under the limit.
    expect((await post(form(account, { message: "é".repeat(5000), name: "n".repeat(120) }))).status).toBe(201);
  });

  it("keeps a name with CR/LF on one line, and an answer to it carries no injected header", async () => {
    const account = await createAccount("abuse-crlf");
    const res = await post(form(account, { name: "Maria\r\nBcc: evil@example.net", email: "maria.crlf@example.com" }));
    expect(res.status).toBe(201);
    const { offlineMessage } = await json(res);
    const row = await env.DB.prepare("SELECT name FROM offline_messages WHERE id = ?").bind(offlineMessage.id).first<{ name: string }>();
    expect(row!.name).toBe("Maria Bcc: evil@example.net");

    // What reaches the SMTP server when a raw CR/LF name is handed to sendEmail as the recipient's name.
    const lab = await LabServer.start();
    await configureEmail(await login(account.attendants.admin.email), lab);
    const sent = await sendEmail(env, account.id, {
      to: "maria.crlf@example.com",
      toName: "Maria\r\nBcc: evil@example.net\r\nSubject: hacked",
      subject: "Re: sua mensagem\r\nBcc: evil@example.net",
      text: "Olá Maria",
    });
    await waitForRow(account.id, sent.id, (r) => r.status === "sent");
    const [got, ...more] = await lab.messages();
    expect(more).toEqual([]);
    expect(got!.envelope.to).toEqual(["maria.crlf@example.com"]);
    expect(got!.to).toEqual(["maria.crlf@example.com"]);
    expect(got!.headerNames).not.toContain("bcc");
    expect(got!.headerNames.filter((h) => h === "subject")).toHaveLength(1);
    expect(got!.subject).toBe("Re: sua mensagem Bcc: evil@example.net");
    expect(got!.raw).not.toMatch(/^(Bcc|Subject: hacked)/im);
  });
});
