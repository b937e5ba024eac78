/**
 * Custom texts per language: stored per language, the old single shape read as the account's
 * language (in documents already saved and in PUT bodies), and the widget's configuration
 * answering one language's texts with a fallback to the account's language.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SettingsResponse, WidgetConfigResponse } from "../../worker/views";
import { api, createAccount, expectError, json, login, type TestAccount } from "./helpers";
import { putSettings } from "./customization-helpers";

function config(key: string, query = "", headers: Record<string, string> = {}) {
  return api(`/api/widget/config?account=${encodeURIComponent(key)}${query}`, { headers });
}

async function configIn(account: TestAccount, query: string): Promise<WidgetConfigResponse> {
  const res = await config(account.publicKey, query);
  expect(res.status).toBe(200);
  return json<WidgetConfigResponse>(res);
}

async function setLocale(account: TestAccount, locale: string) {
  await env.DB.prepare("UPDATE accounts SET locale = ? WHERE id = ?").bind(locale, account.id).run();
}

/** A document as an older version saved it: one set of texts for every language. */
async function storeOldDocument(account: TestAccount, departmentId: string, texts: Record<string, string>) {
  const data = JSON.stringify({ look: { colors: {}, size: {}, texts } });
  await env.DB.prepare("INSERT INTO settings (account_id, department_id, data, updated_at) VALUES (?, ?, ?, ?)")
    .bind(account.id, departmentId, data, Date.now())
    .run();
}

const TEXTS = { "pt-BR": { title: "Fale conosco", greeting: "Olá! Como podemos ajudar?" }, en: { title: "Talk to us" } };

describe("settings with texts per language", () => {
  it("saves and answers the texts per language, with the account's language", async () => {
    const account = await createAccount("tpl-save");
    const admin = await login(account.attendants.admin.email);
    const res = await putSettings(admin, { look: { texts: { ...TEXTS, es: { title: "  Hable con nosotros " } } } });
    expect(res.status).toBe(200);
    const expected = { ...TEXTS, es: { title: "Hable con nosotros" } };
    expect((await json(res)).look.texts).toEqual(expected);
    const body = await json<SettingsResponse>(await api("/api/settings", { cookie: admin }));
    expect(body.account.look.texts).toEqual(expected);
    expect(body.lang).toBe("pt-BR");
  });

  it("reads a stored document with one set of texts as the account's language", async () => {
    const account = await createAccount("tpl-old-stored");
    await setLocale(account, "en");
    await storeOldDocument(account, "", { title: "Chat with us" });
    await storeOldDocument(account, account.departments.sales, { greeting: "Sales here" });
    const body = await json<SettingsResponse>(await api("/api/settings", { cookie: await login(account.attendants.admin.email) }));
    expect(body.lang).toBe("en");
    expect(body.account.look.texts).toEqual({ en: { title: "Chat with us" } });
    expect(body.departments[account.departments.sales]?.look.texts).toEqual({ en: { greeting: "Sales here" } });
    // And the widget shows them to every language that has none of its own.
    const es = await configIn(account, "&lang=es");
    expect(es.lang).toBe("es");
    expect(es.look.texts).toEqual({ title: "Chat with us" });
    expect(es.departments.find((d) => d.id === account.departments.sales)?.look.texts).toEqual({ title: "Chat with us", greeting: "Sales here" });
  });

  it("accepts the old shape in PUT bodies (account and department) as the account's language", async () => {
    const account = await createAccount("tpl-old-put");
    await setLocale(account, "es");
    const admin = await login(account.attendants.admin.email);
    const res = await putSettings(admin, { look: { texts: { title: "Hable con nosotros" } } });
    expect(res.status).toBe(200);
    expect((await json(res)).look.texts).toEqual({ es: { title: "Hable con nosotros" } });
    const dept = await putSettings(admin, { look: { texts: { greeting: "¡Hola!" } } }, account.departments.support);
    expect(dept.status).toBe(200);
    const row = await env.DB.prepare("SELECT data FROM settings WHERE account_id = ? AND department_id = ?")
      .bind(account.id, account.departments.support)
      .first<{ data: string }>();
    expect(JSON.parse(row?.data ?? "{}").look.texts).toEqual({ es: { greeting: "¡Hola!" } });
  });

  it.each([
    ["a text over 500 characters in one language", { en: { greeting: "x".repeat(501) } }, "look.texts.en.greeting"],
    ["an empty text in one language", { es: { title: "  " } }, "look.texts.es.title"],
    ["an unknown text key in one language", { en: { footer: "x" } }, "look.texts.en"],
    ["a language we do not speak", { fr: { title: "Bonjour" } }, "look.texts"],
    ["the two shapes mixed", { title: "Olá", en: { title: "Hi" } }, "look.texts"],
    ["texts that are not an object", "Olá", "look.texts"],
  ])("refuses %s with 400 naming the field, and changes nothing", async (_, texts, field) => {
    const account = await createAccount("tpl-invalid");
    const admin = await login(account.attendants.admin.email);
    expect((await putSettings(admin, { look: { texts: TEXTS } })).status).toBe(200);
    for (const departmentId of [undefined, account.departments.support]) {
      const res = await putSettings(admin, { look: { texts } }, departmentId);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message).toContain(field);
    }
    const rows = await env.DB.prepare("SELECT department_id, data FROM settings WHERE account_id = ?").bind(account.id).all<{ data: string }>();
    expect(rows.results).toHaveLength(1);
    expect(JSON.parse(rows.results[0]?.data ?? "{}").look.texts).toEqual(TEXTS);
  });
});

describe("GET /api/widget/config?lang=", () => {
  it("answers only the page's language, each missing text in the account's language", async () => {
    const account = await createAccount("tpl-config");
    const admin = await login(account.attendants.admin.email);
    expect((await putSettings(admin, { look: { texts: TEXTS } })).status).toBe(200);
    expect((await putSettings(admin, { look: { texts: { en: { greeting: "Support speaking" } } } }, account.departments.support)).status).toBe(200);

    const en = await configIn(account, "&lang=en");
    expect(en.lang).toBe("en");
    expect(en.look.texts).toEqual({ title: "Talk to us", greeting: "Olá! Como podemos ajudar?" });
    expect(en.departments.find((d) => d.id === account.departments.support)?.look.texts).toEqual({ title: "Talk to us", greeting: "Support speaking" });
    // A language without texts of its own: the account's language.
    const es = await configIn(account, "&lang=es");
    expect(es.look.texts).toEqual(TEXTS["pt-BR"]);
    expect(es.departments.find((d) => d.id === account.departments.support)?.look.texts).toEqual(TEXTS["pt-BR"]);
    // No lang, an empty one, or one we do not speak: the account's language. A region counts as its language.
    for (const query of ["", "&lang=", "&lang=fr", "&lang=pt"]) expect(await configIn(account, query)).toMatchObject({ lang: "pt-BR", look: { texts: TEXTS["pt-BR"] } });
    expect((await configIn(account, "&lang=en-US")).look.texts.title).toBe("Talk to us");
  });

  it("gives each language its own ETag, and a 304 only for the same language", async () => {
    const account = await createAccount("tpl-etag");
    const admin = await login(account.attendants.admin.email);
    expect((await putSettings(admin, { look: { texts: TEXTS } })).status).toBe(200);
    const pt = await config(account.publicKey, "&lang=pt-BR");
    const en = await config(account.publicKey, "&lang=en");
    const etagPt = pt.headers.get("ETag") ?? "";
    const etagEn = en.headers.get("ETag") ?? "";
    expect(etagPt).not.toBe("");
    expect(etagEn).not.toBe(etagPt);
    expect((await config(account.publicKey, "&lang=en", { "If-None-Match": etagEn })).status).toBe(304);
    const other = await config(account.publicKey, "&lang=en", { "If-None-Match": etagPt });
    expect(other.status).toBe(200);
    // Without custom texts the languages still differ (the answer names its language).
    const plain = await createAccount("tpl-etag-plain");
    const a = (await config(plain.publicKey, "&lang=es")).headers.get("ETag");
    const b = (await config(plain.publicKey, "&lang=en")).headers.get("ETag");
    expect(a).not.toBe(b);
  });

  it("refuses a lang longer than a language tag with 400 and writes nothing", async () => {
    const account = await createAccount("tpl-config-bad");
    await expectError(await config(account.publicKey, `&lang=${"x".repeat(36)}`), 400, "bad_request");
    const seen = await env.DB.prepare("SELECT widget_seen_at AS seen FROM accounts WHERE id = ?").bind(account.id).first<{ seen: number | null }>();
    expect(seen?.seen).toBeNull();
  });
});
