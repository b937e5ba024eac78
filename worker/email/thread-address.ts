/**
 * Reply addresses that route a customer's e-mail answer back to its thread (an offline message
 * or a ticket). The thread is named in the local part's plus tag, signed so that nobody can
 * attach mail to a thread by guessing an address:
 *
 *   atendimento+o3f2a…9c.k1x.5t2q…@empresa.com.br
 *               │└ id (32 hex) │   └ signature (HMAC-SHA-256 under EMAIL_SECRET, 16 base32 chars)
 *               └ kind: o = offline message, t = ticket
 *                              └ issue day (days since 1970, base 36): old addresses expire
 *
 * The base address is the account's sender address (`fromAddress`), so a provider that delivers
 * plus-addressed mail to the base mailbox (Cloudflare Email Routing's subaddressing, Gmail…)
 * hands it to the Worker's `email()` handler with no extra setting. The tag is 56 characters of
 * [a-z0-9.], which mail clients keep as they are; with a base local part of up to 7 characters the
 * whole stays within RFC 5321's 64 (common providers accept longer local parts).
 */
import { emailSecret } from "./secret-box";

export type ThreadKind = "offline" | "ticket";

/** A thread a reply address names. */
export interface ThreadRef {
  kind: ThreadKind;
  /** The offline message's or ticket's id (a UUID). */
  id: string;
}

/** Why an address is refused (the `email()` handler rejects and logs it). */
export type ThreadAddressError = "no_tag" | "malformed" | "forged" | "expired";

/** Replies to an address older than this are refused. */
export const THREAD_ADDRESS_DAYS = 365;

const DAY_MS = 86_400_000;
const KIND_CODES: Record<ThreadKind, string> = { offline: "o", ticket: "t" };
const CODE_KINDS: Record<string, ThreadKind> = { o: "offline", t: "ticket" };
const TAG = /^([ot])([0-9a-f]{32})\.([0-9a-z]{1,6})\.([a-z2-7]{16})$/;
const encoder = new TextEncoder();

/** The address a message of `thread` carries in Reply-To, built on the account's sender address. */
export async function threadReplyTo(env: { EMAIL_SECRET?: string }, fromAddress: string, thread: ThreadRef, now = Date.now()): Promise<string> {
  const at = fromAddress.lastIndexOf("@");
  const local = fromAddress.slice(0, at).split("+")[0]!;
  const domain = fromAddress.slice(at + 1);
  const hex = thread.id.replaceAll("-", "").toLowerCase();
  const day = Math.floor(now / DAY_MS).toString(36);
  const body = `${KIND_CODES[thread.kind]}${hex}.${day}`;
  return `${local}+${body}.${await sign(emailSecret(env), body)}@${domain}`;
}

/**
 * The thread an inbound recipient names, after checking its signature and age. Returns an error
 * code for an address without a tag, a tag that is not ours, a forged one or an expired one.
 */
export async function readThreadAddress(
  env: { EMAIL_SECRET?: string },
  address: string,
  now = Date.now(),
): Promise<{ ok: true; thread: ThreadRef } | { ok: false; error: ThreadAddressError }> {
  const local = address.trim().toLowerCase().replace(/^<|>$/g, "").split("@")[0] ?? "";
  const plus = local.indexOf("+");
  if (plus < 0) return { ok: false, error: "no_tag" };
  const match = TAG.exec(local.slice(plus + 1));
  if (!match) return { ok: false, error: "malformed" };
  const [, code, hex, day, signature] = match as unknown as [string, string, string, string, string];
  if (!timingSafeEqual(signature, await sign(emailSecret(env), `${code}${hex}.${day}`))) return { ok: false, error: "forged" };
  const issued = parseInt(day, 36) * DAY_MS;
  if (now - issued > THREAD_ADDRESS_DAYS * DAY_MS || issued > now + DAY_MS) return { ok: false, error: "expired" };
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { ok: true, thread: { kind: CODE_KINDS[code]!, id } };
}

/** 16 base32 characters (80 bits) of HMAC-SHA-256 over the tag. */
async function sign(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(`thread-address:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return base32(mac.slice(0, 10));
}

function base32(bytes: Uint8Array): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
