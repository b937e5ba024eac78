/**
 * Composes an RFC 5322 message with `mimetext` (its "browser" build: CRLF line ends and no
 * Node APIs, so it bundles and runs in workerd): From with a display name, To, Reply-To,
 * Subject, Date, Message-ID, In-Reply-To and References, a text part and an HTML part.
 *
 * Header safety: addresses and ids must pass address.ts (or composing throws); display names
 * and the subject lose their control characters and are sent as encoded words, so nothing a
 * person typed can start a header line. Bodies are base64 (any UTF-8, no line-length limit).
 * The HTML part is either built by the `html` tag below, which escapes every interpolated value,
 * or made from the text by escaping it: what a customer wrote is never HTML.
 */
import { createMimeMessage, Mailbox as MimeMailbox } from "mimetext/browser";
import { isEmailAddress, isMessageId, oneLine } from "./address";

/** HTML whose dynamic parts were escaped; only `html` and `textToHtml` make one. */
export class SafeHtml {
  private constructor(readonly value: string) {}
  /** @internal the tag and textToHtml only. */
  static trust(value: string): SafeHtml {
    return new SafeHtml(value);
  }
  toString(): string {
    return this.value;
  }
}

/** Escapes text for HTML (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A template tag for e-mail HTML: ``html`<p>${customerText}</p>` `` escapes every value that is
 * not itself SafeHtml. Arrays are joined.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return SafeHtml.trust(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** Plain text as HTML: escaped, paragraphs at blank lines, line breaks kept. */
export function textToHtml(text: string): SafeHtml {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>\n")}</p>`);
  return SafeHtml.trust(`<!doctype html><html><body>${paragraphs.join("\n")}</body></html>`);
}

/** A named mailbox. */
export interface Mailbox {
  address: string;
  name?: string;
}

/** Everything a message carries. */
export interface MessageParts {
  from: Mailbox;
  to: Mailbox;
  replyTo?: string;
  subject: string;
  text: string;
  /** When absent the HTML part is the text, escaped. */
  html?: SafeHtml;
  /** `<id@domain>`, fixed when the message is queued so that every retry carries the same one. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
}

/** Thrown for a part that may not go into a header (an invalid address or id). */
export class ComposeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "ComposeError";
  }
}

/** The message as text with CRLF line ends, ready for SMTP DATA. */
export function composeMessage(parts: MessageParts): string {
  checkAddress(parts.from.address, "from");
  checkAddress(parts.to.address, "to");
  if (parts.replyTo !== undefined) checkAddress(parts.replyTo, "replyTo");
  checkId(parts.messageId, "messageId");
  if (parts.inReplyTo !== undefined) checkId(parts.inReplyTo, "inReplyTo");
  (parts.references ?? []).forEach((id, i) => checkId(id, `references.${i}`));

  const msg = createMimeMessage();
  msg.setSender(mailbox(parts.from));
  msg.setTo(mailbox(parts.to));
  if (parts.replyTo) msg.setHeader("Reply-To", new MimeMailbox({ addr: parts.replyTo }));
  msg.setSubject(oneLine(parts.subject));
  msg.setHeader("Message-ID", parts.messageId);
  if (parts.date) msg.setHeader("Date", parts.date.toUTCString().replace(/GMT|UTC/, "+0000"));
  if (parts.inReplyTo) msg.setHeader("In-Reply-To", parts.inReplyTo);
  // Folded, one id a line: a long thread would pass the 998-character line limit otherwise.
  if (parts.references?.length) msg.setHeader("References", parts.references.join("\r\n "));
  msg.addMessage({ contentType: "text/plain", encoding: "base64", data: base64Lines(parts.text) });
  msg.addMessage({ contentType: "text/html", encoding: "base64", data: base64Lines((parts.html ?? textToHtml(parts.text)).value) });
  return msg.asRaw();
}

function mailbox(box: Mailbox): { addr: string; name?: string } {
  const name = box.name === undefined ? "" : oneLine(box.name);
  return name ? { addr: box.address, name } : { addr: box.address };
}

function checkAddress(value: string, field: string): void {
  if (!isEmailAddress(value)) throw new ComposeError(field, `Not a valid e-mail address (${field})`);
}

function checkId(value: string, field: string): void {
  if (!isMessageId(value)) throw new ComposeError(field, `Not a Message-ID like <id@domain> (${field})`);
}

/** UTF-8 text as base64 in 76-character lines (RFC 2045). */
function base64Lines(text: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return (btoa(binary).match(/.{1,76}/g) ?? []).join("\r\n");
}
