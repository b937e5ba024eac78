import { describe, expect, it } from "vitest";
import { emailBody, emailDraft, emailField, outboxOrder, testOutcome } from "../../admin/email-form";
import type { EmailSettingsView, OutboxEntryView } from "../../worker/views-email";

const view: EmailSettingsView = {
  host: "smtp.acme.test",
  port: 587,
  security: "starttls",
  username: "acme",
  fromName: "Acme Suporte",
  fromAddress: "suporte@acme.test",
  passwordSet: true,
  configured: true,
};

function entry(id: string, status: OutboxEntryView["status"]): OutboxEntryView {
  return { id, status, to: "a@b.test", subject: "s", messageId: `<${id}@b.test>`, ref: null, attempts: 1, maxAttempts: 6, lastError: null, nextAttemptAt: null, createdAt: 1, updatedAt: 1, sentAt: null };
}

describe("the e-mail settings form", () => {
  it("keeps the stored password unless one is typed or removal is asked for", () => {
    const draft = emailDraft(view);
    expect(draft.password).toBe("");
    expect(emailBody(draft)).toEqual({
      body: { host: "smtp.acme.test", port: 587, security: "starttls", username: "acme", fromName: "Acme Suporte", fromAddress: "suporte@acme.test" },
    });
    expect(emailBody({ ...draft, password: "s3cret" })).toMatchObject({ body: { password: "s3cret" } });
    expect(emailBody({ ...draft, password: "typed", removePassword: true })).toMatchObject({ body: { password: "" } });
  });

  it("names every field in error before sending anything", () => {
    const draft = { ...emailDraft(view), host: "smtp acme", port: "70000", fromAddress: "suporte", fromName: "A\r\nBcc: x@y.test", password: "a\nb" };
    expect(emailBody(draft)).toEqual({
      errors: { host: "email.error.host", port: "email.error.port", fromAddress: "email.error.fromAddress", fromName: "email.error.oneLine", password: "email.error.password" },
    });
    expect(emailBody({ ...emailDraft(view), port: "58.7" })).toEqual({ errors: { port: "email.error.port" } });
  });

  it("maps the server's field to the form's, and nothing else", () => {
    expect(emailField("fromAddress")).toBe("fromAddress");
    expect(emailField("password")).toBe("password");
    expect(emailField("extra")).toBeNull();
    expect(emailField(undefined)).toBeNull();
  });

  it("tells a test e-mail's outcome with the server's answer", () => {
    expect(testOutcome({ sent: true, to: "a@b.test", messageId: "<x@b.test>", response: "250 OK queued" })).toEqual({
      key: "email.test.sent",
      params: { to: "a@b.test", response: "250 OK queued" },
    });
    expect(
      testOutcome({ sent: false, to: "a@b.test", error: { kind: "permanent", stage: "auth", message: "535 Authentication failed", code: 535 } }),
    ).toEqual({ key: "email.test.failed", params: { to: "a@b.test", stage: "auth", code: "535", message: "535 Authentication failed" } });
    expect(testOutcome({ sent: false, to: "a@b.test", error: { kind: "transient", stage: "connect", message: "refused", code: null } }).params.code).toBe("—");
  });

  it("lists failed e-mails first, once each", () => {
    const failed = [entry("f1", "failed"), entry("f2", "failed")];
    const page = [entry("s1", "sent"), entry("f1", "failed"), entry("q1", "queued")];
    expect(outboxOrder(failed, page).map((e) => e.id)).toEqual(["f1", "f2", "s1", "q1"]);
  });
});
