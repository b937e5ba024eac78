import { describe, expect, it } from "vitest";
import { composeMessage, html, textToHtml, type MessageParts } from "../../worker/email/compose";
import { sendSmtp, SmtpError, type SmtpServer } from "../../worker/email/smtp";
import { dataBlock } from "../../worker/email/smtp-wire";
import { LabServer, silentPort } from "./mail-helpers";

const FAST = { connect: 2_000, command: 2_000, dataEnd: 2_000 };

function server(port: number, extra: Partial<SmtpServer> = {}): SmtpServer {
  return { host: "127.0.0.1", port, security: "none", username: "", password: "", clientName: "acme.test", ...extra };
}

function parts(extra: Partial<MessageParts> = {}): MessageParts {
  return {
    from: { address: "suporte@acme.test", name: "Acme Suporte" },
    to: { address: "maria@cliente.test", name: "Maria" },
    subject: "Sua mensagem",
    text: "Olá, Maria!\nRecebemos sua mensagem.",
    messageId: `<${crypto.randomUUID()}@acme.test>`,
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<SmtpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmtpError);
  return error as SmtpError;
}

describe("SMTP transport against a real server", () => {
  it("delivers a composed message: envelope, sender, recipient, subject, both parts and thread headers", async () => {
    const lab = await LabServer.start();
    const message = parts({
      replyTo: "reply+abc@acme.test",
      inReplyTo: "<first@cliente.test>",
      references: ["<root@acme.test>", "<first@cliente.test>"],
      text: "Olá, Maria! ção\n.linha que começa com ponto\n..duas\nfim",
    });
    const sent = await sendSmtp(server(lab.port), { from: "suporte@acme.test", to: ["maria@cliente.test"], data: composeMessage(message) }, FAST);
    expect(sent.response).toContain("Queued as lab-1");
    const [got, ...more] = await lab.messages();
    expect(more).toEqual([]);
    expect(got!.envelope).toEqual({ from: "suporte@acme.test", to: ["maria@cliente.test"] });
    expect(got!.from).toBe("suporte@acme.test");
    expect(got!.fromName).toBe("Acme Suporte");
    expect(got!.to).toEqual(["maria@cliente.test"]);
    expect(got!.replyTo).toBe("reply+abc@acme.test");
    expect(got!.subject).toBe("Sua mensagem");
    expect(got!.messageId).toBe(message.messageId);
    expect(got!.inReplyTo).toBe("<first@cliente.test>");
    expect(got!.references).toEqual(["<root@acme.test>", "<first@cliente.test>"]);
    // Dot-stuffing: lines starting with dots arrive as written.
    expect(got!.text.trim()).toBe("Olá, Maria! ção\n.linha que começa com ponto\n..duas\nfim");
    expect(got!.html).toContain("<p>Olá, Maria! ção<br>");
  });

  it("authenticates with AUTH PLAIN and with AUTH LOGIN", async () => {
    for (const method of ["PLAIN", "LOGIN"]) {
      const lab = await LabServer.start({ user: "acme", pass: "s3cr3t ção", authMethods: [method] });
      await sendSmtp(server(lab.port, { username: "acme", password: "s3cr3t ção" }), { from: "suporte@acme.test", to: ["a@b.test"], data: composeMessage(parts()) }, FAST);
      expect(await lab.messages()).toHaveLength(1);
    }
  });

  it("classifies a wrong password as a permanent failure of the auth step", async () => {
    const lab = await LabServer.start({ user: "acme", pass: "right" });
    const error = await failure(sendSmtp(server(lab.port, { username: "acme", password: "wrong" }), { from: "suporte@acme.test", to: ["a@b.test"], data: "x" }, FAST));
    expect(error).toMatchObject({ kind: "permanent", stage: "auth", code: 535 });
    expect(await lab.messages()).toEqual([]);
  });

  it("classifies 4xx, a closed port and a dropped connection as transient", async () => {
    const lab = await LabServer.start();
    await lab.mode("tempfail");
    expect(await failure(sendSmtp(server(lab.port), { from: "s@acme.test", to: ["a@b.test"], data: "x" }, FAST))).toMatchObject({ kind: "transient", stage: "mail", code: 451 });
    await lab.mode("drop");
    expect(await failure(sendSmtp(server(lab.port), { from: "s@acme.test", to: ["a@b.test"], data: "x" }, FAST))).toMatchObject({ kind: "transient", stage: "data" });
    await lab.down();
    expect(await failure(sendSmtp(server(lab.port), { from: "s@acme.test", to: ["a@b.test"], data: "x" }, FAST))).toMatchObject({ kind: "transient", stage: "connect" });
  });

  it("gives up on a server that never answers at the greeting's deadline, without spinning", async () => {
    const port = await silentPort();
    const started = Date.now();
    const error = await failure(sendSmtp(server(port), { from: "s@acme.test", to: ["a@b.test"], data: "x" }, { connect: 1_000, command: 300, dataEnd: 300 }));
    expect(error).toMatchObject({ kind: "transient", stage: "greeting" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses to send credentials when STARTTLS is required and the server does not offer it", async () => {
    const lab = await LabServer.start({ user: "acme", pass: "right" });
    const error = await failure(sendSmtp(server(lab.port, { security: "starttls", username: "acme", password: "right" }), { from: "s@acme.test", to: ["a@b.test"], data: "x" }, FAST));
    expect(error).toMatchObject({ kind: "permanent", stage: "starttls" });
  });

  it("upgrades with STARTTLS and stops cleanly at a certificate it cannot trust (the lab's self-signed one)", async () => {
    const lab = await LabServer.start({ user: "acme", pass: "right", starttls: true });
    const error = await failure(sendSmtp(server(lab.port, { security: "starttls", username: "acme", password: "right" }), { from: "s@acme.test", to: ["a@b.test"], data: "x" }, FAST));
    expect(error.stage).toBe("ehlo");
    expect((await lab.stats()).connections).toBe(1);
    expect(await lab.messages()).toEqual([]);
  });

  it("refuses envelope addresses that could smuggle SMTP commands", async () => {
    const lab = await LabServer.start();
    const error = await failure(sendSmtp(server(lab.port), { from: "s@acme.test", to: ["a@b.test>\r\nRCPT TO:<evil@x.test"], data: "x" }, FAST));
    expect(error.kind).toBe("permanent");
    expect((await lab.stats()).connections).toBe(0);
  });
});

describe("composing", () => {
  it("keeps CR/LF in the subject and names from adding headers", async () => {
    const lab = await LabServer.start();
    const data = composeMessage(
      parts({
        subject: "Oi\r\nBcc: evil@attacker.test\r\nX-Injected: 1",
        to: { address: "maria@cliente.test", name: "Maria\r\nBcc: evil@attacker.test" },
        from: { address: "suporte@acme.test", name: "Acme\nX-Injected: 2" },
      }),
    );
    await sendSmtp(server(lab.port), { from: "suporte@acme.test", to: ["maria@cliente.test"], data }, FAST);
    const [got] = await lab.messages();
    expect(got!.headerNames).not.toContain("bcc");
    expect(got!.headerNames).not.toContain("x-injected");
    expect(got!.subject).toBe("Oi Bcc: evil@attacker.test X-Injected: 1");
    expect(got!.envelope.to).toEqual(["maria@cliente.test"]);
  });

  it("refuses addresses and ids with line breaks or brackets", () => {
    expect(() => composeMessage(parts({ to: { address: "maria@cliente.test\r\nBcc: evil@x.test" } }))).toThrow(/to/);
    expect(() => composeMessage(parts({ replyTo: "a@b.test>, <evil@x.test" }))).toThrow(/replyTo/);
    expect(() => composeMessage(parts({ from: { address: "not an address" } }))).toThrow(/from/);
    expect(() => composeMessage(parts({ inReplyTo: "<a@b>\r\nBcc: x@y.test" }))).toThrow(/inReplyTo/);
    expect(() => composeMessage(parts({ references: ["<ok@acme.test>", "no-brackets@x"] }))).toThrow(/references\.1/);
  });

  it("escapes what a customer wrote in the HTML part", () => {
    expect(textToHtml('<script>alert("x")</script>\n\nA & B').value).toContain("<p>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;</p>\n<p>A &#38; B</p>");
    const name = "<img src=x onerror=alert(1)>";
    expect(html`<p>Olá, ${name}</p>${html`<b>ok</b>`}`.value).toBe("<p>Olá, &#60;img src=x onerror=alert(1)&#62;</p><b>ok</b>");
  });

  it("ends every line with CRLF and dot-stuffs the DATA block", () => {
    const raw = composeMessage(parts());
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(dataBlock("a\n.b\r\n..c")).toBe("a\r\n..b\r\n...c\r\n.\r\n");
  });
});
