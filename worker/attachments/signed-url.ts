/**
 * Signed, expiring URLs for chat attachments: `/attachments/<account id>/<id>?exp=<ms>&sig=<hmac>`.
 * The URL itself is the credential (an `<img>` cannot send the customer's Bearer token), so it is
 * short-lived and given only to the chat's participants (routes/attachments.ts). The HMAC-SHA256
 * with TOKEN_SECRET covers a purpose prefix, the account, the attachment and the expiry, so no
 * part can be changed and no other signed value of this app can pass for one.
 */
import { fromBase64Url, toBase64Url } from "../auth/encoding";

/** How long a URL works: enough to open a file after seeing it, short enough to be useless when leaked. */
export const ATTACHMENT_URL_TTL_MS = 5 * 60_000;

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

const signed = (accountId: string, id: string, exp: number) => new TextEncoder().encode(`attachment-url:v1:${accountId}:${id}:${exp}`);

/** The path and query of a URL for `id` that works until `exp` (epoch ms). */
export async function signAttachmentPath(secret: string, accountId: string, id: string, exp: number): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), signed(accountId, id, exp));
  return `/attachments/${accountId}/${id}?exp=${exp}&sig=${toBase64Url(new Uint8Array(signature))}`;
}

/** Why a URL is refused, or null when it is authentic and not expired. */
export async function checkAttachmentUrl(
  secret: string,
  accountId: string,
  id: string,
  exp: number,
  sig: string,
  now = Date.now(),
): Promise<"bad_signature" | "url_expired" | null> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64Url(sig);
    if (toBase64Url(bytes) !== sig) return "bad_signature";
  } catch {
    return "bad_signature";
  }
  // Checked first: an expired URL with a tampered expiry must not be reported as merely expired.
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), bytes, signed(accountId, id, exp));
  if (!valid) return "bad_signature";
  return exp < now ? "url_expired" : null;
}
