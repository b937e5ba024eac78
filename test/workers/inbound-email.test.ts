import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { threadReplyTo } from "../../worker/email/thread-address";
import { createAccount, login } from "./helpers";
import { APPLE_ES, GMAIL, GMAIL_PT, OUTLOOK_PT, withHeaders } from "./inbound-fixtures";
import { deliverInbound, entryRows, leaveOfflineMessage, mime, statusOf, thread } from "./offline-mail-helpers";

const SENDER = "suporte@acme.test";

/** An offline message of a fresh account, its signed reply address, and the customer's address. */
async function offlineThread(label: string, email = `${label}@cliente.test`) {
  const account = await createAccount(label);
  const id = await leaveOfflineMessage(account, { email, name: "Cliente" });
  return { account, id, email, address: await threadReplyTo(env, SENDER, { kind: "offline", id }) };
}

describe("inbound e-mail into Mensagens Offline threads", () => {
  it.each([
    ["Gmail (English, wrapped attribution)", GMAIL, "Great, my zip code is 69000-000.\n\nThanks!"],
    ["Outlook (Portuguese, De:/Enviado: block)", OUTLOOK_PT, "Perfeito, pode enviar para a loja do centro.\n\nAtenciosamente,\nCarla"],
    ["Gmail (Portuguese, Em … escreveu:, signature)", GMAIL_PT, "Obrigada! Chegou certinho."],
    ["Apple Mail (Spanish, El … escribió:)", APPLE_ES, "¿Y el envío a Bogotá?"],
  ])("stores a %s reply in its thread without the quoted history", async (_name, body, expected) => {
    const t = await offlineThread(`inbound-${crypto.randomUUID().slice(0, 8)}`);
    const raw = withHeaders(body, { from: `Cliente <${t.email}>`, to: t.address, messageId: `<${crypto.randomUUID()}@mail.cliente.test>` });
    expect((await deliverInbound(raw, { from: t.email, to: t.address })).rejected).toBeNull();
    const admin = await login(t.account.attendants.admin.email);
    const { entries } = await thread(admin, t.id);
    expect(entries).toEqual([expect.objectContaining({ authorType: "customer", authorId: null, authorName: "Cliente", body: expected, delivery: null })]);
    expect(entries[0]!.body).not.toContain("10 dias");
  });

  it("puts an answered message back to new, and stores a duplicate delivery once", async () => {
    const t = await offlineThread("inbound-dup");
    await env.DB.prepare("UPDATE offline_messages SET status = 'answered', answered_at = 1 WHERE id = ?").bind(t.id).run();
    const raw = mime({ from: t.email, to: t.address, messageId: "<dup-1@cliente.test>", body: "Mais uma pergunta" });
    expect((await deliverInbound(raw, { from: t.email, to: t.address })).rejected).toBeNull();
    expect(await statusOf(t.id)).toBe("new");
    await env.DB.prepare("UPDATE offline_messages SET status = 'answered' WHERE id = ?").bind(t.id).run();
    expect((await deliverInbound(raw, { from: t.email, to: t.address })).rejected).toBeNull();
    expect((await entryRows(t.id)).map((e) => e.email_message_id)).toEqual(["<dup-1@cliente.test>"]);
    // The duplicate changed nothing, not even the status.
    expect(await statusOf(t.id)).toBe("answered");
  });

  it("finds the thread address among the To/Cc headers when the envelope has no tag", async () => {
    const t = await offlineThread("inbound-cc");
    const raw = mime({ from: t.email, to: `suporte@acme.test, ${t.address}`, messageId: "<cc-1@cliente.test>", body: "Resposta" });
    expect((await deliverInbound(raw, { from: t.email, to: SENDER })).rejected).toBeNull();
    expect(await entryRows(t.id)).toHaveLength(1);
  });

  it("rejects forged, expired, unknown, malformed, untagged, ambiguous and ticket addresses, and other senders; stores nothing", async () => {
    const t = await offlineThread("inbound-bad");
    const other = await offlineThread("inbound-bad-other");
    const forged = t.address.replace(/\.([a-z2-7]{16})@/, (_m, sig: string) => `.${sig.startsWith("a") ? "b" : "a"}${sig.slice(1)}@`);
    const expired = await threadReplyTo(env, SENDER, { kind: "offline", id: t.id }, Date.now() - 400 * 86_400_000);
    const unknown = await threadReplyTo(env, SENDER, { kind: "offline", id: crypto.randomUUID() });
    const ticket = await threadReplyTo(env, SENDER, { kind: "ticket", id: crypto.randomUUID() });
    const cases: { to: string; header?: string; from?: string }[] = [
      { to: forged },
      { to: expired },
      { to: unknown },
      { to: ticket },
      { to: "suporte+hello@acme.test" },
      { to: SENDER },
      { to: SENDER, header: `${t.address}, ${other.address}` },
      { to: t.address, from: "intruso@evil.test" },
      // The other thread's customer may not write into this one.
      { to: t.address, from: other.email },
    ];
    for (const c of cases) {
      const from = c.from ?? t.email;
      const raw = mime({ from, to: c.header ?? c.to, messageId: `<${crypto.randomUUID()}@x.test>`, body: "Oi" });
      const result = await deliverInbound(raw, { from, to: c.to });
      expect(result.rejected, JSON.stringify(c)).toEqual(expect.any(String));
    }
    expect(await entryRows(t.id)).toEqual([]);
    expect(await entryRows(other.id)).toEqual([]);
    expect(await statusOf(t.id)).toBe("new");
  });

  it("drops bounces and auto-replies without rejecting or changing anything", async () => {
    const t = await offlineThread("inbound-auto");
    await env.DB.prepare("UPDATE offline_messages SET status = 'answered' WHERE id = ?").bind(t.id).run();
    const automatic: { headers?: string[]; from?: string }[] = [
      { headers: ["Auto-Submitted: auto-replied"] },
      { headers: ["Precedence: bulk"] },
      { headers: ["Precedence: junk"] },
      { headers: ["Precedence: list"] },
      { headers: ["X-Autoreply: yes"] },
      { from: "" },
      { from: "<>" },
      { from: "MAILER-DAEMON@mx.cliente.test" },
    ];
    for (const c of automatic) {
      const raw = mime({ from: t.email, to: t.address, messageId: `<${crypto.randomUUID()}@x.test>`, headers: c.headers, body: "Estou de férias" });
      expect((await deliverInbound(raw, { from: c.from ?? t.email, to: t.address })).rejected).toBeNull();
    }
    const report = [
      `From: Mail Delivery System <MAILER-DAEMON@mx.test>`,
      `To: ${t.address}`,
      "Subject: Undelivered Mail Returned to Sender",
      `Message-ID: <bounce-1@mx.test>`,
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain",
      "",
      "The message could not be delivered.",
      "--b1--",
      "",
    ].join("\n");
    expect((await deliverInbound(report, { from: "bounces@mx.test", to: t.address })).rejected).toBeNull();
    // "Auto-Submitted: no" is a person's message.
    const person = mime({ from: t.email, to: t.address, messageId: "<person-1@x.test>", headers: ["Auto-Submitted: no"], body: "Voltei" });
    expect((await deliverInbound(person, { from: t.email, to: t.address })).rejected).toBeNull();
    expect((await entryRows(t.id)).map((e) => e.body)).toEqual(["Voltei"]);
  });

  it("rejects an e-mail with nothing but the quoted history", async () => {
    const t = await offlineThread("inbound-empty");
    const raw = mime({ from: t.email, to: t.address, messageId: "<empty-1@x.test>", body: "> Entregamos sim.\n" });
    expect((await deliverInbound(raw, { from: t.email, to: t.address })).rejected).toMatch(/no text/);
    expect(await entryRows(t.id)).toEqual([]);
  });
});
