/**
 * Respostas prontas (/api/canned-responses): who reads and manages which (account-wide ones by
 * administrators, a department's by its managers, attendants read only), shortcuts unique per
 * scope, refusals that change nothing, the audit entries, another account's ids as 404.
 */
import { describe, expect, it } from "vitest";
import type { CannedResponseResponse, CannedResponsesResponse } from "../../worker/views-canned";
import { api, count, createAccount, expectError, json, login, type TestAccount } from "./helpers";
import { audits } from "./gestao-helpers";

async function cookies(account: TestAccount) {
  const { admin, manager, support1, sales } = account.attendants;
  return { admin: await login(admin.email), manager: await login(manager.email), support1: await login(support1.email), sales: await login(sales.email) };
}

const create = (cookie: string, body: unknown) => api("/api/canned-responses", { method: "POST", cookie, body });
const list = async (cookie: string) => json<CannedResponsesResponse>(await api("/api/canned-responses", { cookie }));

describe("/api/canned-responses", () => {
  it("lets administrators write account-wide ones and managers their departments', each reading what applies to them", async () => {
    const account = await createAccount("canned-rights");
    const { support, sales } = account.departments;
    const c = await cookies(account);
    const greeting = await create(c.admin, { departmentId: null, shortcut: " Ola ", title: "Saudação", body: "Olá {{customer.name}}, aqui é {{attendant.name}}." });
    expect(greeting.status).toBe(201);
    const created = (await json<CannedResponseResponse>(greeting)).cannedResponse;
    expect(created).toMatchObject({ departmentId: null, shortcut: "ola", title: "Saudação", canEdit: true });
    expect((await create(c.manager, { departmentId: support, shortcut: "reset", title: "Senha", body: "Clique em Esqueci a senha." })).status).toBe(201);
    expect((await create(c.admin, { departmentId: sales, shortcut: "preco", title: "Preços", body: "Veja a tabela." })).status).toBe(201);
    // The same shortcut in another scope is fine.
    expect((await create(c.admin, { departmentId: sales, shortcut: "ola", title: "Olá Comercial", body: "Olá!" })).status).toBe(201);

    const shortcuts = (r: CannedResponsesResponse) => r.cannedResponses.map((x) => `${x.shortcut}:${x.canEdit}`).sort();
    expect(shortcuts(await list(c.admin))).toEqual(["ola:true", "ola:true", "preco:true", "reset:true"]);
    const managerList = await list(c.manager);
    expect(shortcuts(managerList)).toEqual(["ola:false", "reset:true"]);
    expect(managerList.canCreate).toEqual({ account: false, departmentIds: [support] });
    expect(shortcuts(await list(c.support1))).toEqual(["ola:false", "reset:false"]);
    expect((await list(c.support1)).canCreate).toEqual({ account: false, departmentIds: [] });
    expect(shortcuts(await list(c.sales))).toEqual(["ola:false", "ola:false", "preco:false"]);
    expect((await audits(account.id, "canned_response.created")).map((a) => JSON.parse(a.detail!).shortcut).sort()).toEqual(["ola", "ola", "preco", "reset"]);
  });

  it("refuses what the role may not do, bad bodies and taken shortcuts, changing nothing", async () => {
    const account = await createAccount("canned-refusals");
    const { support, sales } = account.departments;
    const c = await cookies(account);
    const other = await createAccount("canned-other");
    await expectError(await create(c.support1, { departmentId: support, shortcut: "x", title: "X", body: "x" }), 403, "forbidden");
    await expectError(await create(c.manager, { departmentId: null, shortcut: "x", title: "X", body: "x" }), 403, "forbidden");
    await expectError(await create(c.manager, { departmentId: sales, shortcut: "x", title: "X", body: "x" }), 403, "forbidden");
    for (const [body, field] of [
      [{ departmentId: null, shortcut: "two words", title: "X", body: "x" }, "shortcut"],
      [{ departmentId: null, shortcut: "x", title: " ", body: "x" }, "title"],
      [{ departmentId: null, shortcut: "x", title: "X", body: "x".repeat(4001) }, "body"],
      [{ departmentId: null, shortcut: "x", title: "X", body: "x", extra: 1 }, undefined],
      [{ departmentId: other.departments.support, shortcut: "x", title: "X", body: "x" }, "departmentId"],
    ] as const) {
      const res = await create(c.admin, body);
      expect(res.status).toBe(400);
      if (field) expect((await json(res)).error.field).toBe(field);
    }
    expect((await create(c.admin, { departmentId: support, shortcut: "dup", title: "A", body: "a" })).status).toBe(201);
    const taken = await create(c.manager, { departmentId: support, shortcut: "DUP", title: "B", body: "b" });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error).toMatchObject({ code: "shortcut_taken", field: "shortcut" });
    expect(await count("SELECT COUNT(*) AS n FROM canned_responses WHERE account_id = ?", account.id)).toBe(1);
    expect(await audits(account.id, "canned_response.created")).toHaveLength(1);
  });

  it("edits and deletes within the caller's rights; another account's id is 404", async () => {
    const account = await createAccount("canned-edit");
    const { support, sales } = account.departments;
    const c = await cookies(account);
    const other = await createAccount("canned-edit-other");
    const otherCookie = await login(other.attendants.admin.email);
    const own = (await json<CannedResponseResponse>(await create(c.manager, { departmentId: support, shortcut: "prazo", title: "Prazo", body: "Em até 2 dias." }))).cannedResponse;
    const accountWide = (await json<CannedResponseResponse>(await create(c.admin, { departmentId: null, shortcut: "tchau", title: "Tchau", body: "Até logo!" }))).cannedResponse;
    const path = (id: string) => `/api/canned-responses/${id}`;

    const patched = await api(path(own.id), { method: "PATCH", cookie: c.manager, body: { body: "Em até 3 dias úteis." } });
    expect(patched.status).toBe(200);
    expect((await json<CannedResponseResponse>(patched)).cannedResponse).toMatchObject({ id: own.id, body: "Em até 3 dias úteis.", shortcut: "prazo" });
    expect(JSON.parse((await audits(account.id, "canned_response.updated"))[0]!.detail!)).toEqual({ shortcut: "prazo", fields: ["body"] });
    // A manager may not move it out of their departments, nor touch the account's.
    await expectError(await api(path(own.id), { method: "PATCH", cookie: c.manager, body: { departmentId: sales } }), 403, "forbidden");
    await expectError(await api(path(own.id), { method: "PATCH", cookie: c.manager, body: { departmentId: null } }), 403, "forbidden");
    await expectError(await api(path(accountWide.id), { method: "DELETE", cookie: c.manager }), 403, "forbidden");
    await expectError(await api(path(own.id), { method: "DELETE", cookie: c.support1 }), 403, "forbidden");
    await expectError(await api(path(own.id), { method: "PATCH", cookie: otherCookie, body: { title: "X" } }), 404, "not_found");
    await expectError(await api(path(own.id), { method: "DELETE", cookie: otherCookie }), 404, "not_found");
    // The administrator moves the account's one into Comercial: a sales attendant reads it now.
    expect((await api(path(accountWide.id), { method: "PATCH", cookie: c.admin, body: { departmentId: sales } })).status).toBe(200);
    expect((await list(c.support1)).cannedResponses.map((r) => r.shortcut)).toEqual(["prazo"]);

    expect((await api(path(own.id), { method: "DELETE", cookie: c.manager })).status).toBe(204);
    expect(await count("SELECT COUNT(*) AS n FROM canned_responses WHERE id = ?", own.id)).toBe(0);
    expect(JSON.parse((await audits(account.id, "canned_response.deleted"))[0]!.detail!)).toEqual({ shortcut: "prazo", departmentId: support });
    await expectError(await api(path(own.id), { method: "DELETE", cookie: c.manager }), 404, "not_found");
  });
});
