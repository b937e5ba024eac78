/**
 * The new words of a customer's e-mail answer, without the history their mail client quoted
 * under it or their signature.
 *
 * Our own small stripper, not `email-reply-parser` 2.3.x: that library calls
 * `createRequire(import.meta.url)` when it loads (to try the native `re2`), and in the bundle
 * wrangler builds `import.meta.url` is undefined, so the Worker failed to start under
 * `wrangler dev` (checked 2026-12, wrangler 4.86; the Vitest pool, which does not bundle, hid it).
 *
 * What is cut, from the first line where it starts:
 * - an attribution line, also when the mail client wrapped it over two or three lines: Gmail's
 *   "On … wrote:", Portuguese "Em … escreveu:", Spanish "El … escribió:", French "Le … a écrit :";
 * - "-----Original Message-----" / "Mensagem original" / "Mensaje original" rules;
 * - Outlook's header block: "From:/De:" followed by "Sent:/Enviado:/Date:/Data:/Fecha:" (with the
 *   rule of underscores above it, when there is one);
 * - a signature: the "-- " separator, or "Sent from my iPhone" and its translations.
 * Then every remaining `>` line (quotes between the customer's own lines) goes.
 */

/** Longest text kept from one e-mail: the rest of a very long answer is cut with a mark. */
export const MAX_REPLY_TEXT = 20_000;

const ATTRIBUTIONS = [/^On\s.+\swrote:$/i, /^Em\s.+\sescreveu:$/i, /^El\s.+\sescribió:$/i, /^Le\s.+\sa\sécrit\s?:$/i];
const RULE = /^-{2,}\s*(Original Message|Mensagem original|Mensaje original)\s*-{2,}$/i;
const HEADER_FROM = /^\*?(From|De|Von)\s?:\*?\s.+$/i;
const HEADER_NEXT = /^\*?(Sent|Date|Enviado|Enviada|Data|Fecha|Gesendet)\s?:\*?\s.+$/i;
const UNDERSCORES = /^_{10,}$/;
const SIGNATURE = /^(--|Sent from my\s.+|Enviado do meu\s.+|Enviado de meu\s.+|Enviado desde mi\s.+|Get Outlook for\s.+|Obter o Outlook para\s.+)$/i;

/** Whether the quoted history starts at line `i` (see the module comment). */
function startsQuote(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (line === "") return false;
  if (RULE.test(line) || SIGNATURE.test(line)) return true;
  if (HEADER_FROM.test(line) && HEADER_NEXT.test((lines[i + 1] ?? "").trim())) return true;
  if (UNDERSCORES.test(line) && HEADER_FROM.test((lines[i + 1] ?? "").trim())) return true;
  // Attribution lines are wrapped by some clients ("… <\naddress> wrote:"): try up to 3 lines.
  let joined = line;
  for (let n = 1; n <= 3 && joined.length < 400; n++) {
    if (ATTRIBUTIONS.some((re) => re.test(joined))) return true;
    joined = `${joined} ${(lines[i + n] ?? "").trim()}`;
  }
  return false;
}

/** The reply's new text, trimmed; empty when the e-mail held nothing but quotes and a signature. */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const end = lines.findIndex((_line, i) => startsQuote(lines, i));
  const kept = (end < 0 ? lines : lines.slice(0, end)).filter((line) => !/^\s*>/.test(line));
  const visible = kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return visible.length > MAX_REPLY_TEXT ? `${visible.slice(0, MAX_REPLY_TEXT - 1)}…` : visible;
}
