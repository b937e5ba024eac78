/**
 * Helpers for the Mensagens Offline e-mail tests: a message left with the widget's form, the
 * thread and answer endpoints, and inbound e-mail fed to the Worker's real `email()` handler
 * as the platform hands it over (envelope, headers, raw MIME stream, setReject).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import worker from "../../worker/index";
import type { WidgetOfflineMessageResponse } from "../../worker/views";
import type { OfflineMessageThreadResponse, OfflineReplyResponse } from "../../worker/views-offline";
import { api, json, type TestAccount } from "./helpers";

/** Leaves an offline message with the widget's form; its id. */
export async function leaveOfflineMessage(account: TestAccount, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api("/api/widget/offline-messages", {
    body: {
      account: account.publicKey,
      departmentId: account.departments.support,
      name: "Maria Cliente",
      email: "maria@cliente.test",
      message: "Vocês entregam em Manaus?",
      ...overrides,
    },
  });
  expect(res.status).toBe(201);
  return (await json<WidgetOfflineMessageResponse>(res)).offlineMessage.id;
}

export async function thread(cookie: string, id: string): Promise<OfflineMessageThreadResponse> {
  const res = await api(`/api/offline-messages/${id}`, { cookie });
  expect(res.status).toBe(200);
  return json<OfflineMessageThreadResponse>(res);
}

export function replyTo(cookie: string, id: string, body: unknown): Promise<Response> {
  return api(`/api/offline-messages/${id}/replies`, { cookie, body });
}

export async function answer(cookie: string, id: string, text: string): Promise<OfflineReplyResponse> {
  const res = await replyTo(cookie, id, { body: text });
  expect(res.status).toBe(201);
  return json<OfflineReplyResponse>(res);
}

/** Headers of a raw MIME message (unfolded), as the platform exposes them on `message.headers`. */
function headersOf(raw: string): Headers {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const headers = new Headers();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** What the handler did with one e-mail. */
export interface Delivered {
  rejected: string | null;
}

/** Hands a raw e-mail to the Worker's `email()` handler, with the given envelope. */
export async function deliverInbound(raw: string, envelope: { from: string; to: string }): Promise<Delivered> {
  const bytes = new TextEncoder().encode(raw.replace(/\r?\n/g, "\r\n"));
  const result: Delivered = { rejected: null };
  const message = {
    from: envelope.from,
    to: envelope.to,
    headers: headersOf(raw),
    raw: new Blob([bytes]).stream(),
    rawSize: bytes.byteLength,
    setReject(reason: string) {
      result.rejected = reason;
    },
    forward: () => Promise.reject(new Error("not used")),
    reply: () => Promise.reject(new Error("not used")),
  } as unknown as ForwardableEmailMessage;
  await worker.email(message, env);
  return result;
}

/** A plain-text e-mail as a mail client sends it. */
export function mime(parts: { from: string; to: string; subject?: string; messageId?: string; inReplyTo?: string; references?: string; headers?: string[]; body: string }): string {
  return [
    `From: ${parts.from}`,
    `To: ${parts.to}`,
    `Subject: ${parts.subject ?? "=?UTF-8?Q?Re:_Voc=C3=AAs_entregam_em_Manaus=3F?="}`,
    `Date: Mon, 3 Jun 2024 10:05:00 -0300`,
    ...(parts.messageId ? [`Message-ID: ${parts.messageId}`] : []),
    ...(parts.inReplyTo ? [`In-Reply-To: ${parts.inReplyTo}`] : []),
    ...(parts.references ? [`References: ${parts.references}`] : []),
    ...(parts.headers ?? []),
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="UTF-8"',
    "Content-Transfer-Encoding: 8bit",
    "",
    parts.body,
  ].join("\n");
}

/** Entries of a thread straight from D1. */
export async function entryRows(offlineMessageId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM offline_message_entries WHERE offline_message_id = ? ORDER BY created_at, id").bind(offlineMessageId).all();
  return results as Record<string, unknown>[];
}

export async function statusOf(offlineMessageId: string): Promise<string | undefined> {
  return (await env.DB.prepare("SELECT status FROM offline_messages WHERE id = ?").bind(offlineMessageId).first<{ status: string }>())?.status;
}
