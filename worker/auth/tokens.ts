/**
 * Signed tokens: `base64url(JSON payload).base64url(HMAC-SHA256)` with the TOKEN_SECRET.
 * Each kind has a schema; a token of one kind is never accepted as another, and every kind
 * names its account, so a token of one account never reaches another account's data.
 */
import * as z from "zod";
import { fromBase64Url, toBase64Url } from "./encoding";

const CustomerToken = z.object({ k: z.literal("customer"), a: z.string(), c: z.string(), iat: z.number() });
/** Short-lived ticket for a customer's chat socket. */
const CustomerSocketToken = z.object({
  k: z.literal("customer-ws"),
  a: z.string(),
  c: z.string(),
  chat: z.string(),
  d: z.string(),
  exp: z.number(),
});
/** Short-lived ticket for an attendant's department sockets. */
const AttendantSocketToken = z.object({ k: z.literal("attendant-ws"), a: z.string(), u: z.string(), exp: z.number() });

const kinds = {
  customer: CustomerToken,
  "customer-ws": CustomerSocketToken,
  "attendant-ws": AttendantSocketToken,
} as const;
type Kinds = typeof kinds;
export type TokenPayload<K extends keyof Kinds> = z.infer<Kinds[K]>;

export const CUSTOMER_SOCKET_TTL_MS = 10 * 60_000;
export const ATTENDANT_SOCKET_TTL_MS = 60_000;
/**
 * How long after its expiry a customer's socket ticket still resumes its own chat
 * (`GET /api/widget/resume`): a socket can stay open for hours before a deploy drops it, and the
 * ticket names one chat, so the customer token (which opens all of the customer's chats and never
 * expires) does not have to travel in a URL.
 */
export const CUSTOMER_RESUME_WINDOW_MS = 24 * 60 * 60_000;

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(secret, key);
  }
  return key;
}

export async function signToken<K extends keyof Kinds>(secret: string, payload: TokenPayload<K>): Promise<string> {
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), new TextEncoder().encode(body));
  return `${body}.${toBase64Url(new Uint8Array(signature))}`;
}

/** The payload if the token is authentic, of kind `kind` and not expired; otherwise null. */
export async function verifyToken<K extends keyof Kinds>(
  secret: string,
  kind: K,
  token: string | undefined | null,
  now = Date.now(),
): Promise<TokenPayload<K> | null> {
  if (!token || token.length > 2048) return null;
  const parts = token.split(".");
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature) return null;
  let valid = false;
  let json: unknown;
  try {
    // Only the canonical encoding: atob ignores the unused low bits of the last character.
    if (toBase64Url(fromBase64Url(signature)) !== signature) return null;
    valid = await crypto.subtle.verify(
      "HMAC",
      await hmacKey(secret),
      fromBase64Url(signature),
      new TextEncoder().encode(body),
    );
    if (valid) json = JSON.parse(new TextDecoder().decode(fromBase64Url(body)));
  } catch {
    return null;
  }
  if (!valid) return null;
  const parsed = kinds[kind].safeParse(json);
  if (!parsed.success) return null;
  const payload = parsed.data as TokenPayload<K>;
  if ("exp" in payload && payload.exp < now) return null;
  return payload;
}

/** The secret, or a clear failure when the deployment forgot to set it. */
export function tokenSecret(env: { TOKEN_SECRET?: string }): string {
  const secret = env.TOKEN_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error("TOKEN_SECRET is missing or shorter than 32 characters (see README: Deploy)");
  }
  return secret;
}
