/**
 * Configurações: E-mail (administrators). The account's SMTP server and sender; the password is
 * write-only (sealed with EMAIL_SECRET, answered as `passwordSet`). The test e-mail is sent
 * directly, not through the outbox, so the administrator sees the server's answer at once.
 */
import { Hono } from "hono";
import * as z from "zod";
import { requireAdministrator } from "../access";
import { requireAttendant } from "../auth/session";
import { domainOf, emailAddress } from "../email/address";
import { deliver } from "../email/deliver";
import { emailSecret } from "../email/secret-box";
import { EmailSettingsBody, emailSettingsView, saveEmailSettings } from "../email/settings";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { parseBody } from "../validate";
import type { EmailSettingsView, EmailTestResponse } from "../views-email";

const TestBody = z.strictObject({ to: emailAddress.optional() });

/** A test answers within a request: shorter deadlines than the outbox's. */
const TEST_TIMEOUTS = { connect: 10_000, command: 15_000, dataEnd: 30_000 };

export const emailSettingsRoutes = new Hono<AppEnv>()
  .use(requireAttendant, requireAdministrator)
  .get("/", async (c) => {
    return c.json((await emailSettingsView(c.env.DB, c.get("attendant").accountId)) satisfies EmailSettingsView);
  })
  .put("/", async (c) => {
    const body = await parseBody(c, EmailSettingsBody);
    // The secret is needed only to seal a new password.
    const secret = body.password ? emailSecret(c.env) : "";
    return c.json((await saveEmailSettings(c.env.DB, secret, c.get("attendant").accountId, body)) satisfies EmailSettingsView);
  })
  .post("/test", async (c) => {
    const who = c.get("attendant");
    const { to = who.email } = await parseBody(c, TestBody);
    const settings = await emailSettingsView(c.env.DB, who.accountId);
    if (!settings.configured) throw new ApiError(409, "email_not_configured", "Save the e-mail settings first");
    const messageId = `<test-${crypto.randomUUID()}@${domainOf(settings.fromAddress)}>`;
    const outcome = await deliver(
      c.env,
      who.accountId,
      {
        to: { address: to },
        subject: "Atendimento Online: e-mail de teste",
        text: `Este é um e-mail de teste enviado por ${who.name} no Atendimento Online.\nSe você o recebeu, o envio de e-mails está funcionando.`,
        html: null,
        replyTo: null,
        inReplyTo: null,
        references: [],
        messageId,
        ref: null,
      },
      TEST_TIMEOUTS,
    );
    const answer: EmailTestResponse = outcome.ok
      ? { sent: true, to, messageId, response: outcome.response }
      : {
          sent: false,
          to,
          error: {
            kind: outcome.smtp?.kind ?? (outcome.retry ? "transient" : "permanent"),
            stage: outcome.smtp?.stage ?? "settings",
            message: outcome.error,
            code: outcome.smtp?.code ?? null,
          },
        };
    return c.json(answer);
  });
