/**
 * Mail that no person wrote: bounces (delivery status notifications) and auto-replies (vacation
 * notices, "we got your message" robots, list traffic). The inbound handler drops them before
 * anything else, so they never reopen a thread or answer a robot with a rejection (a loop).
 * RFC 3834 (Auto-Submitted), RFC 3464 (multipart/report), and the de-facto headers of common
 * mail servers (Precedence, X-Autoreply, X-Autorespond).
 */

/** Why an e-mail counts as automatic, or null for one a person sent. */
export type AutomaticReason = "empty_sender" | "mailer_daemon" | "auto_submitted" | "precedence" | "autoreply_header" | "report";

/** Reads only the envelope sender and the headers, so it runs before the body is parsed. */
export function automaticReason(envelopeFrom: string, headers: Headers): AutomaticReason | null {
  const sender = envelopeFrom.trim().replace(/^<|>$/g, "");
  if (sender === "") return "empty_sender";
  if (/^(mailer-daemon|postmaster)@/i.test(sender)) return "mailer_daemon";
  const autoSubmitted = headers.get("auto-submitted");
  if (autoSubmitted !== null && autoSubmitted.trim().toLowerCase().split(";")[0] !== "no") return "auto_submitted";
  if (/^\s*(bulk|junk|list|auto_reply)\s*$/i.test(headers.get("precedence") ?? "")) return "precedence";
  if (headers.has("x-autoreply") || headers.has("x-autorespond")) return "autoreply_header";
  if (/^\s*multipart\/report\b/i.test(headers.get("content-type") ?? "")) return "report";
  return null;
}
