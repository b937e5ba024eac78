import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifyCustomerHash } from "../../worker/customer-identity";
import { signCustomerEmail, surfaceChatScript } from "../../worker/surfaces/chat-tag";
import { surfaceChat } from "../../worker/surfaces/settings";
import { audits } from "./gestao-helpers";
import { api, createAccount, expectError, json, login } from "./helpers";

describe("/api/account/surfaces", () => {
  it("starts with every surface's chat off and saves one surface at a time, audited", async () => {
    const account = await createAccount("surfaces");
    const admin = await login(account.attendants.admin.email);
    const initial = await json(await api("/api/account/surfaces", { cookie: admin }));
    expect(initial.surfaces).toEqual({
      "customer-panel": { chatEnabled: false, departmentId: null },
      "knowledge-base": { chatEnabled: false, departmentId: null },
      app: { chatEnabled: false, departmentId: null },
    });

    const saved = await json(
      await api("/api/account/surfaces/knowledge-base", { method: "PUT", body: { chatEnabled: true, departmentId: account.departments.sales }, cookie: admin }),
    );
    expect(saved.surfaces["knowledge-base"]).toEqual({ chatEnabled: true, departmentId: account.departments.sales });
    await api("/api/account/surfaces/app", { method: "PUT", body: { chatEnabled: true, departmentId: null }, cookie: admin });
    const after = await json(await api("/api/account/surfaces", { cookie: admin }));
    expect(after.surfaces["knowledge-base"].departmentId).toBe(account.departments.sales);
    expect(after.surfaces.app).toEqual({ chatEnabled: true, departmentId: null });
    expect(after.surfaces["customer-panel"].chatEnabled).toBe(false);
    expect((await audits(account.id, "account.surfaces_updated")).map((e) => JSON.parse(String(e.detail)))).toEqual([
      { surface: "knowledge-base", chatEnabled: true, departmentId: account.departments.sales },
      { surface: "app", chatEnabled: true, departmentId: null },
    ]);

    expect(await surfaceChat(env.DB, account.id, "knowledge-base")).toEqual({ origin: "knowledge_base", departmentId: account.departments.sales });
    expect(await surfaceChat(env.DB, account.id, "app")).toEqual({ origin: "app", departmentId: null });
    expect(await surfaceChat(env.DB, account.id, "customer-panel")).toBeNull();
  });

  it("refuses non-administrators, unknown surfaces, bad bodies and departments that are not the account's active ones, changing nothing", async () => {
    const account = await createAccount("surfaces-refusals");
    const other = await createAccount("surfaces-other");
    const [admin, manager, attendant] = await Promise.all([
      login(account.attendants.admin.email),
      login(account.attendants.manager.email),
      login(account.attendants.support1.email),
    ]);
    const on = { chatEnabled: true, departmentId: null };
    await expectError(await api("/api/account/surfaces"), 401);
    await expectError(await api("/api/account/surfaces", { cookie: manager }), 403, "forbidden");
    await expectError(await api("/api/account/surfaces/app", { method: "PUT", body: on, cookie: attendant }), 403, "forbidden");
    await expectError(await api("/api/account/surfaces/blog", { method: "PUT", body: on, cookie: admin }), 404, "not_found");
    await expectError(await api("/api/account/surfaces/app", { method: "PUT", body: { chatEnabled: "yes", departmentId: null }, cookie: admin }), 400, "bad_request");
    await expectError(await api("/api/account/surfaces/app", { method: "PUT", body: { ...on, extra: 1 }, cookie: admin }), 400, "bad_request");
    await expectError(
      await api("/api/account/surfaces/app", { method: "PUT", body: { chatEnabled: true, departmentId: other.departments.support }, cookie: admin }),
      400,
      "bad_request",
    );
    await env.DB.prepare("UPDATE departments SET active = 0 WHERE id = ?").bind(account.departments.sales).run();
    await expectError(
      await api("/api/account/surfaces/app", { method: "PUT", body: { chatEnabled: true, departmentId: account.departments.sales }, cookie: admin }),
      400,
      "bad_request",
    );
    expect((await json(await api("/api/account/surfaces", { cookie: admin }))).surfaces.app).toEqual({ chatEnabled: false, departmentId: null });
    expect(await audits(account.id, "account.surfaces_updated")).toEqual([]);
  });

  it("falls back to the customer's choice when the fixed department was deactivated since", async () => {
    const account = await createAccount("surfaces-inactive");
    const admin = await login(account.attendants.admin.email);
    await api("/api/account/surfaces/customer-panel", { method: "PUT", body: { chatEnabled: true, departmentId: account.departments.sales }, cookie: admin });
    await env.DB.prepare("UPDATE departments SET active = 0 WHERE id = ?").bind(account.departments.sales).run();
    expect(await surfaceChat(env.DB, account.id, "customer-panel")).toEqual({ origin: "customer_panel", departmentId: null });
  });
});

describe("the footer chat tag of a hosted page", () => {
  it("signs the customer's e-mail as the widget's identity verification expects, and escapes every attribute", async () => {
    const hash = await signCustomerEmail("identity-secret", " Ana@Example.com ");
    expect(await verifyCustomerHash("identity-secret", "ana@example.com", hash)).toBe(true);
    const tag = String(
      await surfaceChatScript(
        { origin: "customer_panel", departmentId: "d-1" },
        { publicKey: "pk-1", secret: "identity-secret" },
        { name: `Ana "><script>alert(1)</script>`, email: "ana@example.com" },
        "en",
      ),
    );
    expect(tag).toContain('data-origin="customer_panel"');
    expect(tag).toContain('data-department="d-1"');
    expect(tag).toContain(`data-customer-hash="${hash}"`);
    expect(tag).not.toContain("<script>alert");
    expect(tag).toContain("&lt;script&gt;");
    expect(String(await surfaceChatScript(null, { publicKey: "pk-1", secret: "s" }))).toBe("");
  });
});
