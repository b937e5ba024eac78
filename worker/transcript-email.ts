/**
 * The e-mail of a chat's transcript, asked for by the customer from the widget's closed view
 * (routes/widget-transcript.ts): a text part and an HTML part built with compose.ts `html`, so
 * every line anyone wrote is escaped. It receives only messages the customer may read (the
 * caller reads them as the customer, which drops internal notes) and checks that again.
 */
import type { WireMessage } from "../durable-objects/protocol";
import { html, type SafeHtml } from "./email/compose";
import type { Lang } from "./settings/look";

const TEXTS = {
  "pt-BR": {
    subject: (n: number, account: string) => `Sua conversa #${n} com ${account}`,
    heading: (n: number) => `Conversa #${n}`,
    intro: (account: string) => `Esta é a cópia da sua conversa com ${account}, como você pediu.`,
    system: "Sistema",
    empty: "(sem mensagens)",
    attachment: (name: string) => `[Anexo: ${name}]`,
  },
  en: {
    subject: (n: number, account: string) => `Your chat #${n} with ${account}`,
    heading: (n: number) => `Chat #${n}`,
    intro: (account: string) => `Here is the copy of your chat with ${account} you asked for.`,
    system: "System",
    empty: "(no messages)",
    attachment: (name: string) => `[Attachment: ${name}]`,
  },
  es: {
    subject: (n: number, account: string) => `Su conversación #${n} con ${account}`,
    heading: (n: number) => `Conversación #${n}`,
    intro: (account: string) => `Esta es la copia de su conversación con ${account}, como la pidió.`,
    system: "Sistema",
    empty: "(sin mensajes)",
    attachment: (name: string) => `[Adjunto: ${name}]`,
  },
} satisfies Record<Lang, unknown>;

/** What the transcript is about. */
export interface TranscriptChat {
  number: number;
  accountName: string;
  timeZone: string;
  lang: Lang;
}

/** The parts handed to sendEmail. */
export interface TranscriptEmail {
  subject: string;
  text: string;
  html: SafeHtml;
}

function timeFormat(chat: TranscriptChat): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "short", timeStyle: "short", timeZone: chat.timeZone };
  try {
    return new Intl.DateTimeFormat(chat.lang, options);
  } catch {
    // A zone the runtime does not know: UTC, said so by the format.
    return new Intl.DateTimeFormat(chat.lang, { ...options, timeZone: "UTC", timeZoneName: "short" });
  }
}

/** The transcript's subject, text and HTML. Internal notes are left out even if handed in. */
export function transcriptEmail(chat: TranscriptChat, messages: readonly WireMessage[]): TranscriptEmail {
  const t = TEXTS[chat.lang];
  const format = timeFormat(chat);
  const lines = messages
    .filter((m) => !m.internal)
    .map((m) => ({ when: format.format(m.createdAt), who: m.author.type === "system" ? t.system : m.author.name, body: m.attachment ? t.attachment(m.attachment.name) : m.body }));
  const text = [
    t.intro(chat.accountName),
    "",
    t.heading(chat.number),
    "",
    ...(lines.length ? lines.map((l) => `[${l.when}] ${l.who}: ${l.body}`) : [t.empty]),
    "",
  ].join("\n");
  const rows = lines.map(
    (l) => html`<tr><td style="color:#5f6368;white-space:nowrap;vertical-align:top;padding:4px 8px 4px 0">${l.when}</td><th style="text-align:left;vertical-align:top;padding:4px 8px 4px 0">${l.who}</th><td style="white-space:pre-wrap;vertical-align:top;padding:4px 0">${l.body}</td></tr>`,
  );
  const body = html`<!doctype html><html><body style="font-family:sans-serif"><p>${t.intro(chat.accountName)}</p><h1 style="font-size:1.2em">${t.heading(chat.number)}</h1>${
    lines.length ? html`<table role="presentation" style="border-collapse:collapse">${rows}</table>` : html`<p>${t.empty}</p>`
  }</body></html>`;
  return { subject: t.subject(chat.number, chat.accountName), text, html: body };
}
