import { describe, expect, it } from "vitest";
import { hashPassword, PBKDF2_ITERATIONS, UNUSABLE_HASH, verifyPassword } from "../../worker/auth/password";
import { signToken, tokenSecret, verifyToken, type TokenPayload } from "../../worker/auth/tokens";
import { fromBase64Url, toBase64Url } from "../../worker/auth/encoding";

const SECRET = "unit-secret-0123456789abcdef0123456789";
const OTHER_SECRET = "another-secret-0123456789abcdef012345";
const now = Date.now();

type Kind = "customer" | "customer-ws" | "attendant-ws";
const samples = {
  customer: { k: "customer", a: "acc-1", c: "cus-1", iat: now },
  "customer-ws": { k: "customer-ws", a: "acc-1", c: "cus-1", chat: "chat-1", d: "dep-1", exp: now + 60_000 },
  "attendant-ws": { k: "attendant-ws", a: "acc-1", u: "att-1", exp: now + 60_000 },
} as const satisfies { [K in Kind]: TokenPayload<K> };
const kinds = Object.keys(samples) as Kind[];

/** Replaces the payload of a token, keeping its signature. */
function withPayload(token: string, payload: unknown): string {
  const signature = token.split(".")[1]!;
  return `${toBase64Url(new TextEncoder().encode(JSON.stringify(payload)))}.${signature}`;
}

/** Changes one character in the middle of a segment (every bit there is significant). */
function flipChar(text: string, at: number): string {
  const c = text[at]!;
  return text.slice(0, at) + (c === "A" ? "B" : "A") + text.slice(at + 1);
}

describe("signed tokens", () => {
  it.each(kinds)("round-trips a %s token", async (kind) => {
    const token = await signToken(SECRET, samples[kind] as TokenPayload<typeof kind>);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await verifyToken(SECRET, kind, token)).toEqual(samples[kind]);
  });

  it.each(kinds.flatMap((signed) => kinds.filter((asked) => asked !== signed).map((asked) => [signed, asked] as const)))(
    "refuses a %s token presented as %s",
    async (signed, asked) => {
      const token = await signToken(SECRET, samples[signed] as TokenPayload<typeof signed>);
      expect(await verifyToken(SECRET, asked, token)).toBeNull();
    },
  );

  it("refuses a token whose payload claims a kind it was not signed as", async () => {
    // A customer token re-labelled as attendant-ws, signature kept: the signature no longer matches.
    const token = await signToken(SECRET, samples.customer);
    expect(await verifyToken(SECRET, "attendant-ws", withPayload(token, { ...samples["attendant-ws"] }))).toBeNull();
  });

  it.each(["customer-ws", "attendant-ws"] as const)("refuses an expired %s token", async (kind) => {
    const token = await signToken(SECRET, { ...samples[kind], exp: now - 1 } as TokenPayload<typeof kind>);
    expect(await verifyToken(SECRET, kind, token)).toBeNull();
    // The same token is accepted up to its expiry and refused one millisecond after it.
    const fresh = await signToken(SECRET, { ...samples[kind], exp: now + 1000 } as TokenPayload<typeof kind>);
    expect(await verifyToken(SECRET, kind, fresh, now + 1000)).not.toBeNull();
    expect(await verifyToken(SECRET, kind, fresh, now + 1001)).toBeNull();
  });

  it("refuses a token whose payload was changed (another account, another customer)", async () => {
    const token = await signToken(SECRET, samples.customer);
    expect(await verifyToken(SECRET, "customer", withPayload(token, { ...samples.customer, a: "acc-2" }))).toBeNull();
    expect(await verifyToken(SECRET, "customer", withPayload(token, { ...samples.customer, c: "cus-2" }))).toBeNull();
    const [body, signature] = token.split(".") as [string, string];
    expect(await verifyToken(SECRET, "customer", `${flipChar(body, 5)}.${signature}`)).toBeNull();
  });

  it("refuses a token whose signature was changed", async () => {
    const token = await signToken(SECRET, samples["attendant-ws"]);
    const [body, signature] = token.split(".") as [string, string];
    expect(await verifyToken(SECRET, "attendant-ws", `${body}.${flipChar(signature, 0)}`)).toBeNull();
    expect(await verifyToken(SECRET, "attendant-ws", `${body}.${flipChar(signature, 20)}`)).toBeNull();
    expect(await verifyToken(SECRET, "attendant-ws", `${body}.${signature.slice(0, 20)}`)).toBeNull();
    // An empty signature.
    expect(await verifyToken(SECRET, "attendant-ws", `${body}.`)).toBeNull();
  });

  it("refuses a token signed with another secret", async () => {
    const token = await signToken(OTHER_SECRET, samples.customer);
    expect(await verifyToken(SECRET, "customer", token)).toBeNull();
    expect(await verifyToken(OTHER_SECRET, "customer", token)).toEqual(samples.customer);
  });

  it("refuses a correctly signed payload that does not fit the kind's schema", async () => {
    const secretKey = await crypto.subtle.importKey("raw", new TextEncoder().encode(SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const sign = async (payload: unknown) => {
      const body = toBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
      const signature = new Uint8Array(await crypto.subtle.sign("HMAC", secretKey, new TextEncoder().encode(body)));
      return `${body}.${toBase64Url(signature)}`;
    };
    expect(await verifyToken(SECRET, "customer", await sign({ k: "customer", a: "acc-1" }))).toBeNull();
    expect(await verifyToken(SECRET, "attendant-ws", await sign({ k: "attendant-ws", a: "acc-1", u: "att-1", exp: "never" }))).toBeNull();
    // Not JSON at all, but signed.
    const body = toBase64Url(new TextEncoder().encode("not json"));
    const signature = new Uint8Array(await crypto.subtle.sign("HMAC", secretKey, new TextEncoder().encode(body)));
    expect(await verifyToken(SECRET, "customer", `${body}.${toBase64Url(signature)}`)).toBeNull();
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["empty", ""],
    ["one segment", "abc"],
    ["a dot", "."],
    ["two empty segments", ".."],
    ["not base64", "!!!.???"],
    ["a JWT-looking string", "eyJhbGciOiJIUzI1NiJ9.eyJrIjoiY3VzdG9tZXIifQ.c2lnbmF0dXJl"],
    ["over 2 KB", `${"a".repeat(2048)}.b`],
  ])("refuses garbage: %s", async (_, token) => {
    for (const kind of kinds) expect(await verifyToken(SECRET, kind, token)).toBeNull();
  });

  it("refuses to work with a missing or short secret", () => {
    expect(() => tokenSecret({})).toThrow(/TOKEN_SECRET/);
    expect(() => tokenSecret({ TOKEN_SECRET: "short" })).toThrow(/TOKEN_SECRET/);
    expect(tokenSecret({ TOKEN_SECRET: SECRET })).toBe(SECRET);
  });
});

describe("password hashes", () => {
  it("verifies the password it hashed, in the documented format, with a fresh salt each time", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored).toMatch(new RegExp(`^pbkdf2-sha256\\$${PBKDF2_ITERATIONS}\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$`));
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    const again = await hashPassword("correct horse");
    expect(again).not.toBe(stored);
    expect(await verifyPassword("correct horse", again)).toBe(true);
  });

  it("refuses a wrong password", async () => {
    const stored = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse ", stored)).toBe(false);
    expect(await verifyPassword("Correct horse", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("verifies hashes made with fewer iterations (older hashes keep working)", async () => {
    // Built the way scripts/seed does it: PBKDF2-SHA256, 1,000 iterations, 16-byte salt.
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("pw"), "PBKDF2", false, ["deriveBits"]);
    const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 1000 }, key, 256));
    const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    const stored = `pbkdf2-sha256$1000$${b64(salt)}$${b64(bits)}`;
    expect(await verifyPassword("pw", stored)).toBe(true);
    expect(await verifyPassword("px", stored)).toBe(false);
  });

  it("no password matches the placeholder hash used for unknown e-mails", async () => {
    expect(await verifyPassword("", UNUSABLE_HASH)).toBe(false);
    expect(await verifyPassword("correct horse", UNUSABLE_HASH)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["plain text", "correct horse"],
    ["another scheme", "bcrypt$10$abcdefghijklmnopqrstuv$abcdefghijklmnopqrstuvwxyz01234"],
    ["missing parts", "pbkdf2-sha256$100000$c2FsdA=="],
    ["non-numeric iterations", "pbkdf2-sha256$many$c2FsdA==$aGFzaA=="],
    ["zero iterations", "pbkdf2-sha256$0$c2FsdA==$aGFzaA=="],
    ["iterations above the runtime's limit", `pbkdf2-sha256$${PBKDF2_ITERATIONS + 1}$c2FsdA==$aGFzaA==`],
    ["a hash of the wrong length", "pbkdf2-sha256$1000$c2FsdA==$aGFzaA=="],
    ["salt and hash that are not base64", "pbkdf2-sha256$1000$!!!$???"],
  ])("refuses a malformed stored hash (%s) without throwing", async (_, stored) => {
    await expect(verifyPassword("correct horse", stored)).resolves.toBe(false);
  });
});

describe("base64url helpers", () => {
  it("round-trip every byte value without padding or URL-unsafe characters", () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect([...fromBase64Url(text)]).toEqual([...bytes]);
  });
});
