/**
 * The compact widget configuration (`?compact=1`, what the loader asks for): what equals the
 * defaults is left out, everything else means what it means in the full answer, which other
 * clients keep getting without the parameter.
 */
import { describe, expect, it } from "vitest";
import type { WidgetConfigCompact, WidgetConfigResponse } from "../../worker/views";
import { api, attendantSocket, createAccount, expectError, json, login } from "./helpers";
import { putSettings } from "./customization-helpers";

async function config<T>(key: string, query: string): Promise<T> {
  const res = await api(`/api/widget/config?account=${encodeURIComponent(key)}${query}`);
  expect(res.status).toBe(200);
  return json<T>(res);
}

describe("the compact widget configuration", () => {
  it("leaves out default looks, false flags and offline presence; the full answer is unchanged", async () => {
    const account = await createAccount("compact-defaults");
    const compact = await config<WidgetConfigCompact>(account.publicKey, "&compact=1");
    expect(compact.look).toBeUndefined();
    expect(compact.surveyEnabled).toBeUndefined();
    expect(compact.transcriptByEmail).toBeUndefined();
    for (const d of compact.departments) {
      expect(d.look).toBeUndefined();
      expect(d.online).toBeUndefined();
    }
    const full = await config<WidgetConfigResponse>(account.publicKey, "");
    expect(full.look.colors.primary).toBe("#1a73e8");
    expect(full.surveyEnabled).toBe(false);
    expect(full.departments.every((d) => d.online === false && d.look.position === "right")).toBe(true);
    expect(compact.departments.map((d) => [d.id, d.name])).toEqual(full.departments.map((d) => [d.id, d.name]));
    expect(compact.lang).toBe(full.lang);
  });

  it("keeps what differs: the account's colours and texts, a department's own look, presence and flags", async () => {
    const account = await createAccount("compact-set");
    const admin = await login(account.attendants.admin.email);
    const look = { colors: { primary: "#112233" }, texts: { "pt-BR": { title: "Fale conosco" } } };
    expect((await putSettings(admin, { look, policies: { surveyEnabled: true } })).status).toBe(200);
    expect((await putSettings(admin, { look: { position: "left", size: { preset: "L" } } }, account.departments.sales)).status).toBe(200);
    const agent = await attendantSocket(account.attendants.support1.email, account.departments.support);
    const compact = await config<WidgetConfigCompact>(account.publicKey, "&compact=1");
    expect(compact.look).toEqual({ colors: { primary: "#112233" }, texts: { title: "Fale conosco" } });
    expect(compact.surveyEnabled).toBe(true);
    const support = compact.departments.find((d) => d.id === account.departments.support);
    const sales = compact.departments.find((d) => d.id === account.departments.sales);
    // Support has the account's look (omitted) and is online; Sales has its own, in full but the defaults.
    expect(support).toMatchObject({ online: true });
    expect(support?.look).toBeUndefined();
    expect(sales?.online).toBeUndefined();
    expect(sales?.look).toEqual({ colors: { primary: "#112233" }, size: { width: 420, height: 640 }, position: "left", texts: { title: "Fale conosco" } });
    agent.close();
  });

  it("answers its own ETag, and refuses another value of compact", async () => {
    const account = await createAccount("compact-etag");
    const full = await api(`/api/widget/config?account=${account.publicKey}`);
    const compact = await api(`/api/widget/config?account=${account.publicKey}&compact=1`);
    expect(compact.headers.get("ETag")).not.toBe(full.headers.get("ETag"));
    const again = await api(`/api/widget/config?account=${account.publicKey}&compact=1`, { headers: { "If-None-Match": compact.headers.get("ETag")! } });
    expect(again.status).toBe(304);
    await expectError(await api(`/api/widget/config?account=${account.publicKey}&compact=yes`), 400, "bad_request");
  });
});
