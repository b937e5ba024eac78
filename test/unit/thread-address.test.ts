import { describe, expect, it } from "vitest";
import { readThreadAddress, threadReplyTo, THREAD_ADDRESS_DAYS } from "../../worker/email/thread-address";

const env = { EMAIL_SECRET: "x".repeat(40) };
const other = { EMAIL_SECRET: "y".repeat(40) };
const id = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const DAY = 86_400_000;

describe("thread reply addresses", () => {
  it("round-trips the thread on the account's sender address, keeping an existing plus tag out", async () => {
    const address = await threadReplyTo(env, "atendimento+old@empresa.com.br", { kind: "ticket", id });
    expect(address).toMatch(/^atendimento\+t[0-9a-f]{32}\.[0-9a-z]+\.[a-z2-7]{16}@empresa\.com\.br$/);
    expect(await readThreadAddress(env, address)).toEqual({ ok: true, thread: { kind: "ticket", id } });
    // Mail clients may change the case or wrap it in angle brackets.
    expect(await readThreadAddress(env, `<${address.toUpperCase()}>`)).toEqual({ ok: true, thread: { kind: "ticket", id } });
    const offline = await threadReplyTo(env, "sac@x.io", { kind: "offline", id });
    expect(await readThreadAddress(env, offline)).toEqual({ ok: true, thread: { kind: "offline", id } });
  });

  it("refuses an address without a tag, a malformed one, another kind or id under the same signature, another secret, and an old one", async () => {
    const address = await threadReplyTo(env, "sac@x.io", { kind: "offline", id });
    expect(await readThreadAddress(env, "sac@x.io")).toEqual({ ok: false, error: "no_tag" });
    expect(await readThreadAddress(env, "sac+hello@x.io")).toEqual({ ok: false, error: "malformed" });
    expect(await readThreadAddress(env, address.replace("+o", "+t"))).toEqual({ ok: false, error: "forged" });
    expect(await readThreadAddress(env, address.replace("+o3f", "+o4f"))).toEqual({ ok: false, error: "forged" });
    expect(await readThreadAddress(other, address)).toEqual({ ok: false, error: "forged" });
    const now = Date.now();
    const old = await threadReplyTo(env, "sac@x.io", { kind: "offline", id }, now - (THREAD_ADDRESS_DAYS + 2) * DAY);
    expect(await readThreadAddress(env, old, now)).toEqual({ ok: false, error: "expired" });
    const recent = await threadReplyTo(env, "sac@x.io", { kind: "offline", id }, now - 30 * DAY);
    expect((await readThreadAddress(env, recent, now)).ok).toBe(true);
  });
});
