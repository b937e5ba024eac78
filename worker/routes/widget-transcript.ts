/**
 * POST /api/widget/chats/:id/transcript: the customer asks for a closed chat's transcript by
 * e-mail ("Receber a conversa por e-mail"), when the account allows it. Authorized like the
 * widget's other chat calls: the customer token of the chat's own customer, in the key's
 * account; anyone else's chat is a 404. The e-mail goes to the customer's address through the
 * outbox, with the messages the customer may read (never internal notes), at most once per
 * chat every {@link TRANSCRIPT_EVERY_MS}.
 */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as z from "zod";
import { readMessages } from "../chat-reads";
import { database } from "../db/client";
import { chats } from "../db/schema";
import { isEmailAddress } from "../email/address";
import { sendEmailUnlessRecent } from "../email/send";
import { emailSettingsView } from "../email/settings";
import type { AppEnv } from "../env";
import { ApiError, notFound, RetryLater } from "../errors";
import { pickLang } from "../settings/look";
import { loadAccountSettings } from "../settings/store";
import { transcriptEmail } from "../transcript-email";
import { idParam, parseBody } from "../validate";
import type { WidgetTranscriptResponse } from "../views-transcript";
import { AccountKey, accountByKey, requireCustomer } from "./widget-common";

/** One transcript per chat this often: enough to retry a lost e-mail, too seldom to flood an inbox. */
export const TRANSCRIPT_EVERY_MS = 10 * 60_000;

const TranscriptBody = z.strictObject({ account: AccountKey });

export const widgetTranscriptRoutes = new Hono<AppEnv>().post("/chats/:id/transcript", async (c) => {
  const body = await parseBody(c, TranscriptBody);
  const account = await accountByKey(c, body.account);
  const customer = await requireCustomer(c, account.id);
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) throw notFound("No such chat");
  const chat = await database(c.env.DB)
    .select({ id: chats.id, number: chats.number, accountId: chats.accountId, departmentId: chats.departmentId, status: chats.status, closedAt: chats.closedAt })
    .from(chats)
    .where(and(eq(chats.id, id.data), eq(chats.accountId, account.id), eq(chats.customerId, customer.id)))
    .get();
  if (!chat) throw notFound("No such chat");
  if (!(await loadAccountSettings(c.env.DB, account.id)).policies.transcriptByEmail) {
    throw new ApiError(403, "transcript_disabled", "This account does not send transcripts by e-mail");
  }
  if (chat.status !== "closed") throw new ApiError(409, "chat_not_closed", "The chat is still open");
  if (!(await emailSettingsView(c.env.DB, account.id)).configured) {
    throw new ApiError(409, "email_not_configured", "This account cannot send e-mail yet");
  }
  if (!isEmailAddress(customer.email)) throw new ApiError(409, "no_customer_email", "The chat has no e-mail address to send to");
  const messages = await readMessages(c.env, { kind: "customer", customerId: customer.id }, chat);
  const lang = pickLang(account.locale);
  const email = transcriptEmail({ number: chat.number, accountName: account.name, timeZone: account.timeZone, lang }, messages);
  const result = await sendEmailUnlessRecent(
    c.env,
    account.id,
    { to: customer.email, toName: customer.name, ...email, ref: `chat-transcript:${chat.id}` },
    TRANSCRIPT_EVERY_MS,
  );
  if (!result.sent) {
    const seconds = Math.max(1, Math.ceil((result.retryAt - Date.now()) / 1000));
    throw new RetryLater(seconds, `The transcript was sent a moment ago; ask again in ${Math.ceil(seconds / 60)} min`);
  }
  return c.json({ transcript: { to: customer.email } } satisfies WidgetTranscriptResponse, 202);
});
