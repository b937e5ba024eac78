/**
 * Encrypts the account's SMTP password at rest: AES-256-GCM under a key derived (HKDF-SHA-256)
 * from the `EMAIL_SECRET` Worker secret, with the account id as additional data, so a stored
 * value copied to another account's row does not decrypt. Stored as `v1.<iv>.<ciphertext>`
 * (base64url). Rotating EMAIL_SECRET makes stored passwords unreadable: administrators type
 * them again (the outbox reports "cannot decrypt" until they do).
 */
import { fromBase64Url, toBase64Url } from "../auth/encoding";
import { ApiError } from "../errors";

const VERSION = "v1";
const encoder = new TextEncoder();

/** The secret, or a 500 with a message for the operator when it is missing or short. */
export function emailSecret(env: { EMAIL_SECRET?: string }): string {
  const secret = env.EMAIL_SECRET;
  if (!secret || secret.length < 32) {
    throw new ApiError(500, "email_secret_missing", "EMAIL_SECRET is missing or shorter than 32 characters (see README: E-mail)");
  }
  return secret;
}

async function key(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode("atendimento-online smtp password v1") },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Encrypts `plain` for `accountId`. */
export async function seal(secret: string, accountId: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(accountId) }, await key(secret), encoder.encode(plain));
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** Decrypts a value made by `seal` for the same account; null when it does not decrypt. */
export async function open(secret: string, accountId: string, stored: string): Promise<string | null> {
  const [version, iv, data] = stored.split(".");
  if (version !== VERSION || !iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64Url(iv), additionalData: encoder.encode(accountId) },
      await key(secret),
      fromBase64Url(data),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
