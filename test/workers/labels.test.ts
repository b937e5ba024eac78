import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, count, createAccount, expectError, json, login, type TestAccount } from "./helpers";
import { audits } from "./gestao-helpers";

const finance = { name: "Financeiro", color: "#1A7F5A", description: "Pagamentos", conditions: [{ field: "firstMessage", operator: "contains", value: "boleto" }] };

async function createLabel(cookie: string, body: Record<string, unknown> = finance) {
  const res = await api("/api/labels", { body, cookie });
  expect(res.status).toBe(201);
  return (await json(res)).label as { id: string; name: string; color: string; active: boolean; conditions: unknown[] };
}

async function cookies(account: TestAccount) {
  const [admin, manager, attendant] = await Promise.all([
    login(account.attendants.admin.email),
    login(account.attendants.manager.email),
    login(account.attendants.support1.email),
  ]);
  return { admin, manager, attendant };
}

describe("/api/labels", () => {
  it("administrators and managers create, edit and delete; attendants may only list", async () => {
    const account = await createAccount("labels-roles");
    const c = await cookies(account);
    const label = await createLabel(c.admin);
    expect(label).toMatchObject({ name: "Financeiro", color: "#1a7f5a", active: true, description: "Pagamentos" });
    const byManager = await createLabel(c.manager, { name: "Vendas", color: "#336699" });

    const listed = await json(await api("/api/labels", { cookie: c.attendant }));
    expect(listed.canManage).toBe(false);
    expect(listed.labels.map((l: { name: string }) => l.name)).toEqual(["Financeiro", "Vendas"]);
    expect((await json(await api("/api/labels", { cookie: c.manager }))).canManage).toBe(true);

    await expectError(await api("/api/labels", { body: { name: "Outro", color: "#000000" }, cookie: c.attendant }), 403, "forbidden");
    await expectError(await api(`/api/labels/${label.id}`, { method: "PATCH", body: { name: "X" }, cookie: c.attendant }), 403, "forbidden");
    await expectError(await api(`/api/labels/${label.id}`, { method: "DELETE", cookie: c.attendant }), 403, "forbidden");
    await expectError(await api("/api/labels"), 401);

    const patched = await json(await api(`/api/labels/${byManager.id}`, { method: "PATCH", body: { active: false, color: "#AA0000" }, cookie: c.manager }));
    expect(patched.label).toMatchObject({ name: "Vendas", active: false, color: "#aa0000" });
    expect((await api(`/api/labels/${byManager.id}`, { method: "DELETE", cookie: c.manager })).status).toBe(204);

    expect((await audits(account.id, "label.created")).length).toBe(2);
    expect(JSON.parse((await audits(account.id, "label.updated"))[0]!.detail!)).toMatchObject({ name: "Vendas", fields: ["color", "active"] });
    expect(JSON.parse((await audits(account.id, "label.deleted"))[0]!.detail!)).toMatchObject({ name: "Vendas", chats: 0 });
  });

  it("names are unique per account ignoring case and accents; another account may reuse them", async () => {
    const account = await createAccount("labels-unique");
    const other = await createAccount("labels-unique-2");
    const c = await cookies(account);
    await createLabel(c.admin, { name: "Atenção", color: "#123456" });
    const res = await api("/api/labels", { body: { name: "  ATENCAO ", color: "#654321" }, cookie: c.admin });
    expect(await json(res)).toMatchObject({ error: { code: "label_name_taken", field: "name" } });
    expect(res.status).toBe(409);
    await createLabel(await login(other.attendants.admin.email), { name: "atenção", color: "#123456" });

    const second = await createLabel(c.admin, { name: "Urgente", color: "#123456" });
    await expectError(await api(`/api/labels/${second.id}`, { method: "PATCH", body: { name: "atencao" }, cookie: c.admin }), 409, "label_name_taken");
    // Renaming a label to a new spelling of its own name is not a clash.
    expect((await api(`/api/labels/${second.id}`, { method: "PATCH", body: { name: "URGENTE" }, cookie: c.admin })).status).toBe(200);
    expect(await count("SELECT COUNT(*) AS n FROM labels WHERE account_id = ?", account.id)).toBe(2);
  });

  it("refuses bad bodies with the field named, and saves nothing", async () => {
    const account = await createAccount("labels-invalid");
    const c = await cookies(account);
    const bad = async (body: unknown, field: string | undefined) => {
      const res = await api("/api/labels", { body, cookie: c.admin });
      expect(res.status).toBe(400);
      const { error } = await json(res);
      expect(error.code).toBe("bad_request");
      expect(error.field).toBe(field);
    };
    await bad({ name: "A", color: "blue" }, "color");
    await bad({ name: "   ", color: "#000000" }, "name");
    await bad({ name: "A", color: "#000000", extra: 1 }, undefined);
    await bad({ name: "A", color: "#000000", conditions: [{ field: "city", operator: "is", value: "x" }] }, "conditions.0.field");
    await bad({ name: "A", color: "#000000", conditions: [{ field: "origin", operator: "is", value: "fax" }] }, "conditions.0.value");
    await bad({ name: "A", color: "#000000", conditions: [{ field: "timeOfDay", operator: "between", value: { start: "09:00", end: "09:00" } }] }, "conditions.0.value.end");
    await bad({ name: "A", color: "#000000", conditions: [{ field: "firstMessage", operator: "contains", value: "" }] }, "conditions.0.value");
    // A department of another account is refused like an unknown one.
    const other = await createAccount("labels-invalid-2");
    await bad(
      { name: "A", color: "#000000", conditions: [{ field: "department", operator: "is", value: account.departments.support }, { field: "department", operator: "is", value: other.departments.support }] },
      "conditions.1.value",
    );
    expect(await count("SELECT COUNT(*) AS n FROM labels WHERE account_id = ?", account.id)).toBe(0);
    const ok = await createLabel(c.admin, { name: "Suporte", color: "#000000", conditions: [{ field: "department", operator: "is", value: account.departments.support }] });
    await expectError(await api(`/api/labels/${ok.id}`, { method: "PATCH", body: { conditions: [{ field: "verified", operator: "is", value: "sim" }] }, cookie: c.admin }), 400, "bad_request");
    expect((await json(await api("/api/labels", { cookie: c.admin }))).labels[0].conditions).toEqual(ok.conditions);
  });

  it("another account's label is 404 to read, change and delete", async () => {
    const account = await createAccount("labels-iso");
    const other = await createAccount("labels-iso-2");
    const theirs = await createLabel(await login(other.attendants.admin.email));
    const cookie = await login(account.attendants.admin.email);
    await expectError(await api(`/api/labels/${theirs.id}`, { method: "PATCH", body: { name: "Meu" }, cookie }), 404, "not_found");
    await expectError(await api(`/api/labels/${theirs.id}`, { method: "DELETE", cookie }), 404, "not_found");
    expect((await json(await api("/api/labels", { cookie }))).labels).toEqual([]);
    expect(await env.DB.prepare("SELECT name FROM labels WHERE id = ?").bind(theirs.id).first()).toEqual({ name: "Financeiro" });
  });
});
