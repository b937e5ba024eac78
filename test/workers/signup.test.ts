/**
 * Sign-up (Cadastro): POST /api/signup creates the account, its administrator and "Geral" in one
 * go and logs the administrator in; refusals write nothing. GET /signup is the page, in the
 * request's language. `SIGNUP=off` turns both off.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import type { SignupResponse } from "../../worker/views-gestao";
import { api, count, createAccount, expectError, json, ORIGIN } from "./helpers";

function body(overrides: Record<string, unknown> = {}) {
  const id = crypto.randomUUID();
  return { company: `Loja ${id}`, name: "Paula Dona", email: `paula.${id}@example.com`, password: "uma senha longa", ...overrides };
}

const signup = (payload: unknown, headers: Record<string, string> = {}) => api("/api/signup", { body: payload, headers });

const sessionCookie = (res: Response) => `sid=${/sid=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1]}`;

/** The Worker with other variables than wrangler.toml's. */
async function fetchWith(vars: Partial<typeof env>, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, init), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("POST /api/signup", () => {
  it("creates the account, its administrator attending Geral and logs them in", async () => {
    const payload = body({ company: "  Padaria Pão Quente  ", email: ` ${body().email.toUpperCase()} ` });
    const email = payload.email.trim().toLowerCase();
    const res = await signup(payload);
    expect(res.status).toBe(201);
    const me = await json<SignupResponse>(res);
    expect(me.attendant).toMatchObject({ name: "Paula Dona", email, role: "administrator", chatStatus: "online" });
    expect(me.attendant.departments).toEqual([{ id: expect.any(String), name: "Geral", attends: true, supervises: true }]);
    expect(me.account).toEqual({ id: expect.any(String), name: "Padaria Pão Quente", publicKey: expect.any(String) });

    const account = await env.DB.prepare("SELECT * FROM accounts WHERE id = ?").bind(me.account.id).first<{ public_key: string; secret: string }>();
    expect(account).toMatchObject({ time_zone: "America/Sao_Paulo", locale: "pt-BR", public_key: me.account.publicKey });
    expect(account!.secret.length).toBeGreaterThanOrEqual(32);
    expect(account!.secret).not.toBe(account!.public_key);
    expect(await count("SELECT COUNT(*) AS n FROM departments WHERE account_id = ?", me.account.id)).toBe(1);
    const admin = await env.DB.prepare("SELECT * FROM attendants WHERE account_id = ?").bind(me.account.id).first<Record<string, string>>();
    expect(admin).toMatchObject({ id: me.attendant.id, chat_status_on_login: "online", chat_status: "online", active: 1 });
    expect(admin!.password_hash).not.toContain("uma senha longa");
    const entry = await env.DB.prepare("SELECT * FROM audit_log WHERE account_id = ?").bind(me.account.id).first<Record<string, string>>();
    expect(entry).toMatchObject({ action: "account.signup", actor_id: null, actor_name: "Paula Dona", target_type: "account", target_id: me.account.id });

    // The cookie is a session like login's; the password logs in later.
    const cookie = sessionCookie(res);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(await json<SignupResponse>(await api("/api/me", { cookie }))).toEqual(me);
    expect((await api("/api/auth/login", { body: { email, password: "uma senha longa" } })).status).toBe(200);
  });

  it("answers 409 email_taken for an e-mail that already logs in, and creates nothing", async () => {
    const existing = await createAccount("signup-taken");
    const payload = body({ email: existing.attendants.support1.email.toUpperCase() });
    const res = await signup(payload);
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({ code: "email_taken", field: "email" });
    expect(await count("SELECT COUNT(*) AS n FROM accounts WHERE name = ?", payload.company)).toBe(0);
  });

  it("gives one account to two sign-ups racing with the same e-mail; the other gets 409", async () => {
    const email = body().email;
    const answers = await Promise.all([signup(body({ email })), signup(body({ email })), signup(body({ email }))]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await count("SELECT COUNT(*) AS n FROM attendants WHERE email = ?", email)).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM attendants t WHERE t.account_id = a.id)")).toBe(0);
  });

  it("refuses invalid bodies with 400 naming the field, and writes nothing", async () => {
    const accountsBefore = await count("SELECT COUNT(*) AS n FROM accounts");
    const cases: [Record<string, unknown> | string, string | undefined][] = [
      [body({ password: "curta1234" }), "password"],
      [body({ company: "   " }), "company"],
      [body({ name: undefined }), "name"],
      [body({ email: "paula@" }), "email"],
      ["not json", undefined],
    ];
    for (const [payload, field] of cases) {
      const res = await signup(payload);
      expect(res.status).toBe(400);
      const { error } = await json(res);
      expect(error.code).toBe("bad_request");
      expect(error.field).toBe(field);
    }
    expect(await count("SELECT COUNT(*) AS n FROM accounts")).toBe(accountsBefore);
  });

  it("is rate-limited per IP like login", async () => {
    // The local limiter counts in minute windows aligned to the clock: start well inside one,
    // so that the attempts and the final check fall in the same window.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 200));
    const ip = { "cf-connecting-ip": `203.0.113.${Math.floor(Math.random() * 250)}` };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signup({}, ip)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429 && s !== 400)).toEqual([]);
    await expectError(await signup(body(), ip), 429, "rate_limited");
  }, 40_000);
});

describe("SIGNUP=off", () => {
  it("refuses POST /api/signup with 403 signup_disabled and hides GET /signup", async () => {
    const payload = body();
    const res = await fetchWith({ SIGNUP: "off" }, "/api/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    await expectError(res, 403, "signup_disabled");
    expect(await count("SELECT COUNT(*) AS n FROM accounts WHERE name = ?", payload.company)).toBe(0);
    expect((await fetchWith({ SIGNUP: "off" }, "/signup")).status).toBe(404);
    expect((await fetchWith({ SIGNUP: "on" }, "/signup")).status).toBe(200);
  });
});

describe("GET /signup", () => {
  it("renders a labelled form in pt-BR by default, with a nonce CSP for its own script", async () => {
    const res = await api("/signup");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('<html lang="pt-BR">');
    for (const name of ["company", "name", "email", "password"]) {
      expect(page).toContain(`<label for="${name}">`);
      expect(page).toMatch(new RegExp(`<input id="${name}" name="${name}"`));
      expect(page).toContain(`id="${name}-error"`);
    }
    expect(page).toContain('minlength="10"');
    expect(page).toContain("Pelo menos 10 caracteres.");
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(csp).not.toContain("unsafe-inline");
    const again = (await api("/signup")).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it("speaks English or Spanish by ?lang=, then Accept-Language", async () => {
    const page = async (path: string, headers: Record<string, string> = {}) => (await api(path, { headers })).text();
    expect(await page("/signup?lang=en")).toContain('<html lang="en">');
    expect(await page("/signup", { "accept-language": "fr-FR,es;q=0.8,en;q=0.5" })).toContain('<html lang="es">');
    expect(await page("/signup?lang=en", { "accept-language": "es" })).toContain("Create your account");
    expect(await page("/signup", { "accept-language": "de" })).toContain('<html lang="pt-BR">');
  });
});
