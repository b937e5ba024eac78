import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOOK } from "../../worker/settings/schema";
import type { SettingsResponse, WidgetConfigResponse } from "../../worker/views";
import { api, attendantSocket, createAccount, expectError, json, login } from "./helpers";
import { IDENTITY_SECRET, putSettings } from "./customization-helpers";

const defaultLook = {
  colors: DEFAULT_LOOK.colors,
  size: { width: DEFAULT_LOOK.size.width, height: DEFAULT_LOOK.size.height },
  position: DEFAULT_LOOK.position,
  texts: {},
};

async function settingsAs(cookie: string): Promise<SettingsResponse> {
  const res = await api("/api/settings", { cookie });
  expect(res.status).toBe(200);
  return json<SettingsResponse>(res);
}

function config(key: string, query = "", headers: Record<string, string> = {}) {
  return api(`/api/widget/config?account=${encodeURIComponent(key)}${query}`, { headers });
}

describe("GET /api/settings", () => {
  it("answers the defaults to any attendant, and the identity secret only to administrators", async () => {
    const account = await createAccount("settings-read");
    const admin = await settingsAs(await login(account.attendants.admin.email));
    expect(admin).toEqual({
      account: { look: { colors: {}, size: {}, texts: {} }, policies: {} },
      departments: {},
      identitySecret: IDENTITY_SECRET,
      lang: "pt-BR",
      etags: { account: '"s-0"', departments: { [account.departments.support]: '"s-0"', [account.departments.sales]: '"s-0"' } },
    });
    for (const who of ["manager", "support1"] as const) {
      const body = await settingsAs(await login(account.attendants[who].email));
      expect(body).not.toHaveProperty("identitySecret");
      expect(body.account.policies).toEqual({});
    }
    await expectError(await api("/api/settings"), 401, "unauthenticated");
  });

  it("lists only the department documents the attendant may see, and never another account's", async () => {
    const account = await createAccount("settings-visible");
    const other = await createAccount("settings-visible-other");
    const admin = await login(account.attendants.admin.email);
    expect((await putSettings(admin, { look: { colors: { primary: "#111111" } } }, account.departments.support)).status).toBe(200);
    expect((await putSettings(admin, { look: { colors: { primary: "#222222" } } }, account.departments.sales)).status).toBe(200);

    expect(Object.keys((await settingsAs(admin)).departments).sort()).toEqual([account.departments.support, account.departments.sales].sort());
    expect(Object.keys((await settingsAs(await login(account.attendants.sales.email))).departments)).toEqual([account.departments.sales]);
    const otherAdmin = await settingsAs(await login(other.attendants.admin.email));
    expect(otherAdmin.departments).toEqual({});
    expect(otherAdmin.account.look.colors).toEqual({});
  });
});

describe("PUT /api/settings", () => {
  it("saves the administrator's document and answers it", async () => {
    const account = await createAccount("settings-save");
    const admin = await login(account.attendants.admin.email);
    const doc = {
      look: { colors: { primary: "#ff6600" }, size: { preset: "L" }, position: "left", texts: { title: "  Fale conosco  " } },
      policies: { surveyEnabled: true },
    };
    const res = await putSettings(admin, doc);
    expect(res.status).toBe(200);
    const saved = await json(res);
    // Texts in the old single shape are the account's language (pt-BR), saved per language.
    expect(saved).toEqual({ ...doc, look: { ...doc.look, texts: { "pt-BR": { title: "Fale conosco" } } } });
    expect((await settingsAs(admin)).account).toEqual(saved);
  });

  it.each([
    ["a colour that is not #rrggbb", { look: { colors: { primary: "red" } } }, "look.colors.primary"],
    ["a width below the minimum", { look: { size: { preset: "custom", width: 100 } } }, "look.size.width"],
    ["a height above the maximum", { look: { size: { height: 5000 } } }, "look.size.height"],
    ["a text over 500 characters", { look: { texts: { greeting: "x".repeat(501) } } }, "look.texts.greeting"],
    ["an empty text", { look: { texts: { title: "   " } } }, "look.texts.title"],
    ["an unknown position", { look: { position: "top" } }, "look.position"],
    ["a survey flag that is not a boolean", { policies: { surveyEnabled: "yes" } }, "policies.surveyEnabled"],
  ])("refuses %s with 400 naming the field, and saves nothing", async (_, doc, field) => {
    const account = await createAccount("settings-invalid");
    const admin = await login(account.attendants.admin.email);
    const res = await putSettings(admin, doc);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain(field);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM settings WHERE account_id = ?").bind(account.id).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("refuses managers and attendants with 403 and keeps the saved document", async () => {
    const account = await createAccount("settings-roles");
    const admin = await login(account.attendants.admin.email);
    expect((await putSettings(admin, { policies: { surveyEnabled: true } })).status).toBe(200);
    for (const who of ["manager", "support1"] as const) {
      await expectError(await putSettings(await login(account.attendants[who].email), { policies: { surveyEnabled: false } }), 403, "forbidden");
    }
    expect((await settingsAs(admin)).account.policies).toEqual({ surveyEnabled: true });
  });
});

describe("PUT /api/settings/departments/:id", () => {
  const look = { look: { colors: { primary: "#00aa00" } } };

  it("lets administrators and the department's manager save; others get 403, other accounts 404", async () => {
    const account = await createAccount("dept-settings");
    const other = await createAccount("dept-settings-other");
    const { support, sales } = account.departments;
    const admin = await login(account.attendants.admin.email);
    const manager = await login(account.attendants.manager.email);

    expect((await putSettings(admin, look, sales)).status).toBe(200);
    const res = await putSettings(manager, look, support);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ look: { colors: { primary: "#00aa00" }, size: {}, texts: {} } });

    await expectError(await putSettings(manager, look, sales), 403, "forbidden");
    await expectError(await putSettings(await login(account.attendants.support1.email), look, support), 403, "forbidden");
    await expectError(await putSettings(admin, look, other.departments.support), 404, "not_found");
    await expectError(await putSettings(admin, look, "no-such-department"), 404, "not_found");
    await expectError(await putSettings(manager, { look: { colors: { primary: "#12345" } } }, support), 400, "bad_request");

    const stored = await env.DB.prepare("SELECT department_id FROM settings WHERE account_id = ? ORDER BY department_id").bind(account.id).all();
    expect(stored.results.map((r) => r.department_id).sort()).toEqual([support, sales].sort());
    const foreign = await env.DB.prepare("SELECT COUNT(*) AS n FROM settings WHERE account_id = ?").bind(other.id).first<{ n: number }>();
    expect(foreign?.n).toBe(0);
  });
});

describe("GET /api/widget/config with settings", () => {
  it("answers the default look and no survey when nothing was saved", async () => {
    const account = await createAccount("config-defaults");
    const body = await json<WidgetConfigResponse>(await config(account.publicKey));
    expect(body.look).toEqual(defaultLook);
    expect(body.surveyEnabled).toBe(false);
    expect(body.departments.map((d) => d.look)).toEqual([defaultLook, defaultLook]);
  });

  it("reflects the account's look and each department's overrides", async () => {
    const account = await createAccount("config-look");
    const admin = await login(account.attendants.admin.email);
    await putSettings(admin, {
      look: { colors: { primary: "#ff6600" }, size: { preset: "S" }, texts: { title: "Ajuda", greeting: "Oi!" } },
      policies: { surveyEnabled: true },
    });
    await putSettings(admin, { look: { colors: { background: "#f0f0f0" }, position: "left", texts: { title: "Suporte técnico" } } }, account.departments.support);

    const body = await json<WidgetConfigResponse>(await config(account.publicKey));
    expect(body.surveyEnabled).toBe(true);
    expect(body.look).toEqual({
      colors: { ...DEFAULT_LOOK.colors, primary: "#ff6600" },
      size: { width: 320, height: 440 },
      position: "right",
      texts: { title: "Ajuda", greeting: "Oi!" },
    });
    const support = body.departments.find((d) => d.id === account.departments.support)!;
    expect(support.look).toEqual({
      colors: { primary: "#ff6600", onPrimary: DEFAULT_LOOK.colors.onPrimary, background: "#f0f0f0" },
      size: { width: 320, height: 440 },
      position: "left",
      texts: { title: "Suporte técnico", greeting: "Oi!" },
    });
    expect(body.departments.find((d) => d.id === account.departments.sales)!.look).toEqual(body.look);
  });

  it("lists only the department asked for; unknown, inactive or foreign → 404 unknown_department", async () => {
    const account = await createAccount("config-department");
    const other = await createAccount("config-department-other");
    const only = await json<WidgetConfigResponse>(await config(account.publicKey, `&department=${account.departments.sales}`));
    expect(only.departments.map((d) => d.id)).toEqual([account.departments.sales]);

    await env.DB.prepare("UPDATE departments SET active = 0 WHERE id = ?").bind(account.departments.support).run();
    await expectError(await config(account.publicKey, `&department=${account.departments.support}`), 404, "unknown_department");
    await expectError(await config(account.publicKey, `&department=${other.departments.sales}`), 404, "unknown_department");
    await expectError(await config(account.publicKey, "&department=nope"), 404, "unknown_department");
  });

  it("carries an ETag with no-cache, answers 304 while unchanged and a new ETag after a change", async () => {
    const account = await createAccount("config-etag");
    const first = await config(account.publicKey);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const again = await config(account.publicKey, "", { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await config(account.publicKey, "", { "if-none-match": `W/${etag}, "other"` })).status).toBe(304);

    await putSettings(await login(account.attendants.admin.email), { look: { colors: { primary: "#000000" } } });
    const changed = await config(account.publicKey, "", { "if-none-match": etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await json<WidgetConfigResponse>(changed)).look.colors.primary).toBe("#000000");

    // Presence is part of the answer: an attendant coming online changes the ETag too.
    const latest = changed.headers.get("etag")!;
    const agent = await attendantSocket(account.attendants.sales.email, account.departments.sales);
    expect((await config(account.publicKey, "", { "if-none-match": latest })).status).toBe(200);
    agent.close();
  });
});
