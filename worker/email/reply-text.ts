/**
 * The new words of a customer's e-mail answer, without the history their mail client quoted
 * under it or their signature. `email-reply-parser` (bundles and runs in workerd: it loads the
 * native `re2` only if present and falls back to RegExp) knows the common quote headers (Gmail's
 * wrapped "On … wrote:", "Em … escreveu:", "El … escribió:", "De:/From: Name <address>",
 * "-----Original Message-----"), `>` lines and signature separators. One layout it misses is cut
 * here first: Outlook's header block when the sender has no `<address>` ("From: Acme\nSent: …",
 * also in Portuguese and Spanish).
 */
import EmailReplyParser from "email-reply-parser";

/** Longest text kept from one e-mail: the rest of a very long answer is cut with a mark. */
export const MAX_REPLY_TEXT = 20_000;

const OUTLOOK_FROM = /^\s*\*?(From|De|Von|Da)\s?:\*?\s.+$/i;
const OUTLOOK_NEXT = /^\s*\*?(Sent|Date|Enviado|Enviada|Data|Fecha|Gesendet|Inviato)\s?:\*?\s.+$/i;

/** Cuts at an Outlook-style "From:" line followed by a "Sent:"/"Enviado:" line (the quoted header block). */
function cutOutlookBlock(lines: string[]): string[] {
  for (let i = 0; i < lines.length - 1; i++) {
    if (OUTLOOK_FROM.test(lines[i]!) && OUTLOOK_NEXT.test(lines[i + 1]!)) {
      // Outlook puts a rule of underscores (or a blank line) right above the block.
      const end = i > 0 && /^\s*_{5,}\s*$/.test(lines[i - 1]!) ? i - 1 : i;
      return lines.slice(0, end);
    }
  }
  return lines;
}

/** The reply's new text, trimmed; empty when the e-mail held nothing but quotes and a signature. */
export function replyText(text: string): string {
  const lines = cutOutlookBlock(text.replace(/\r\n?/g, "\n").split("\n"));
  const visible = new EmailReplyParser().read(lines.join("\n")).getVisibleText().trim();
  return visible.length > MAX_REPLY_TEXT ? `${visible.slice(0, MAX_REPLY_TEXT - 1)}…` : visible;
}
