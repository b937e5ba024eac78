import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createAccount, expectError, json, login } from "./helpers";

const LOOK = { colors: { primary: "#112233" }, size: { preset: "M" }, texts: {} };

async function etags(cookie: string) {
  const res = await api("/api/settings", { cookie });
  const body = await json(res);
  expect(res.headers.get("etag")).toBe(body.etags.account);
  return body.etags as { account: string; departments: Record<string, string> };
}

const stored = (accountId: string, departmentId = "") =>
  env.DB.prepare("SELECT data FROM settings WHERE account_id = ? AND department_id = ?").bind(accountId, departmentId).first<{ data: string }>();

describe("PUT /api/settings with If-Match", () => {
  it("without If-Match is 428 precondition_required and saves nothing", async () => {
    const account = await createAccount("ifm-missing");
    const cookie = await login(account.attendants.admin.email);
    await expectError(await api("/api/settings", { method: "PUT", cookie, body: { look: LOOK, policies: {} }, headers: { "if-match": "" } }), 428, "precondition_required");
    expect(await stored(account.id)).toBeNull();
  });

  it("with the ETag it read saves and answers the new ETag; a second save with the old one is 412 and changes nothing", async () => {
    const account = await createAccount("ifm-stale");
    const alice = await login(account.attendants.admin.email);
    const read = (await etags(alice)).account;
    const first = await api("/api/settings", { method: "PUT", cookie: alice, body: { look: LOOK, policies: {} }, headers: { "if-match": read } });
    expect(first.status).toBe(200);
    const next = first.headers.get("etag");
    expect(next).not.toBe(read);
    expect((await etags(alice)).account).toBe(next);
    // A second administrator still holding the old version.
    const stale = await api("/api/settings", { method: "PUT", cookie: alice, body: { look: { ...LOOK, colors: { primary: "#000000" } }, policies: {} }, headers: { "if-match": read } });
    await expectError(stale, 412, "precondition_failed");
    expect(JSON.parse((await stored(account.id))!.data).look.colors.primary).toBe("#112233");
  });

  it("a body that leaves out stored sections is 400 sections_missing; ?replace=1 says so explicitly", async () => {
    const account = await createAccount("ifm-sections");
    const cookie = await login(account.attendants.admin.email);
    expect((await api("/api/settings", { method: "PUT", cookie, body: { look: LOOK, policies: { surveyEnabled: true } } })).status).toBe(200);
    const empty = await api("/api/settings", { method: "PUT", cookie, body: {} });
    expect((await json(empty)).error).toMatchObject({ code: "sections_missing", field: "look" });
    const noColors = await api("/api/settings", { method: "PUT", cookie, body: { look: { size: {}, texts: {} }, policies: {} } });
    expect((await json(noColors)).error).toMatchObject({ code: "sections_missing", field: "look.colors" });
    expect(JSON.parse((await stored(account.id))!.data).policies).toEqual({ surveyEnabled: true });
    // An explicit empty section clears it; ?replace=1 drops whatever is left out.
    expect((await api("/api/settings", { method: "PUT", cookie, body: { look: { ...LOOK, colors: {} }, policies: {} } })).status).toBe(200);
    expect((await api("/api/settings?replace=1", { method: "PUT", cookie, body: {} })).status).toBe(200);
    expect(JSON.parse((await stored(account.id))!.data)).toEqual({ look: { colors: {}, size: {}, texts: {} }, policies: {} });
  });

  it("a department's document has its own ETag: 428 without, 412 when stale", async () => {
    const account = await createAccount("ifm-department");
    const cookie = await login(account.attendants.admin.email);
    const { support } = account.departments;
    const path = `/api/settings/departments/${support}`;
    await expectError(await api(path, { method: "PUT", cookie, body: { look: LOOK }, headers: { "if-match": "" } }), 428, "precondition_required");
    const read = (await etags(cookie)).departments[support]!;
    expect((await api(path, { method: "PUT", cookie, body: { look: LOOK }, headers: { "if-match": read } })).status).toBe(200);
    await expectError(await api(path, { method: "PUT", cookie, body: { look: LOOK }, headers: { "if-match": read } }), 412, "precondition_failed");
  });
});
