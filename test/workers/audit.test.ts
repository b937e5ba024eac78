/**
 * GET /api/audit (Auditoria): the account's entries newest first, filtered by actor, action and
 * time, a page at a time; administrators only, and never another account's entries.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditEntryView, AuditResponse } from "../../worker/views-gestao";
import { api, createAccount, expectError, json, login, type TestAccount } from "./helpers";

const T0 = 1_700_000_000_000;

/** An entry written as `auditEntry` writes it, at `T0 + minutes`. */
async function entry(account: TestAccount, actor: { id: string; name: string } | null, action: string, minutes: number, detail?: unknown) {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO audit_log (id, account_id, actor_id, actor_name, action, target_type, target_id, detail, ip, created_at) VALUES (?, ?, ?, ?, ?, 'customer', 't1', ?, '10.0.0.1', ?)",
  )
    .bind(id, account.id, actor?.id ?? null, actor?.name ?? "Público", action, detail === undefined ? null : JSON.stringify(detail), T0 + minutes * 60_000)
    .run();
  return id;
}

async function audit(cookie: string, query = ""): Promise<AuditResponse> {
  const res = await api(`/api/audit${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<AuditResponse>(res);
}

/** An account with five entries by two actors and the public. */
async function seeded(label: string) {
  const account = await createAccount(label);
  const { admin, manager } = account.attendants;
  const ids = {
    signup: await entry(account, null, "account.signup", 0),
    login: await entry(account, admin, "auth.login", 1),
    customer: await entry(account, manager, "customer.updated", 2, { fields: ["name"] }),
    department: await entry(account, admin, "department.updated", 3, { fields: ["initialMessage"] }),
    deleted: await entry(account, admin, "customer.deleted", 4, { chats: 1 }),
  };
  return { account, ids, cookie: await login(admin.email) };
}

const idsOf = (page: AuditResponse) => page.entries.map((e) => e.id);

describe("GET /api/audit", () => {
  it("lists the entries newest first with who, what, where and when", async () => {
    const { account, ids, cookie } = await seeded("audit-list");
    const page = await audit(cookie, `?to=${T0 + 10 * 60_000}`);
    expect(idsOf(page)).toEqual([ids.deleted, ids.department, ids.customer, ids.login, ids.signup]);
    expect(page).toMatchObject({ page: 1, hasMore: false });
    expect(page.entries[2]).toEqual({
      id: ids.customer,
      actorId: account.attendants.manager.id,
      actorName: account.attendants.manager.name,
      action: "customer.updated",
      targetType: "customer",
      targetId: "t1",
      detail: { fields: ["name"] },
      ip: "10.0.0.1",
      createdAt: T0 + 2 * 60_000,
    } satisfies AuditEntryView);
    expect(page.entries[4]).toMatchObject({ actorId: null, actorName: "Público", detail: null });
  });

  it("filters by actor, action and time (from inclusive, to exclusive)", async () => {
    const { account, ids, cookie } = await seeded("audit-filters");
    expect(idsOf(await audit(cookie, `?actor=${account.attendants.admin.id}&to=${T0 + 10 * 60_000}`))).toEqual([ids.deleted, ids.department, ids.login]);
    expect(idsOf(await audit(cookie, "?action=customer.updated"))).toEqual([ids.customer]);
    expect(idsOf(await audit(cookie, `?actor=${account.attendants.admin.id}&action=customer.updated`))).toEqual([]);
    expect(idsOf(await audit(cookie, `?from=${T0 + 60_000}&to=${T0 + 3 * 60_000}`))).toEqual([ids.customer, ids.login]);
    expect(idsOf(await audit(cookie, `?from=${T0 + 4 * 60_000}&to=${T0 + 10 * 60_000}`))).toEqual([ids.deleted]);
  });

  it("pages with hasMore", async () => {
    const { ids, cookie } = await seeded("audit-pages");
    const window = `&to=${T0 + 10 * 60_000}`;
    const first = await audit(cookie, `?limit=2${window}`);
    expect(idsOf(first)).toEqual([ids.deleted, ids.department]);
    expect(first).toMatchObject({ page: 1, hasMore: true });
    expect(idsOf(await audit(cookie, `?limit=2&page=2${window}`))).toEqual([ids.customer, ids.login]);
    const last = await audit(cookie, `?limit=2&page=3${window}`);
    expect(idsOf(last)).toEqual([ids.signup]);
    expect(last.hasMore).toBe(false);
  });

  it("never shows another account's entries, even filtered by its actor", async () => {
    const mine = await seeded("audit-mine");
    const theirs = await seeded("audit-theirs");
    const all = await audit(mine.cookie, "?limit=100");
    expect(idsOf(all)).not.toEqual(expect.arrayContaining([theirs.ids.login]));
    expect(idsOf(all)).toEqual(expect.arrayContaining(Object.values(mine.ids)));
    expect(idsOf(await audit(mine.cookie, `?actor=${theirs.account.attendants.admin.id}`))).toEqual([]);
  });

  it("is for administrators: managers and attendants get 403, strangers 401, bad queries 400", async () => {
    const { account, cookie } = await seeded("audit-refused");
    for (const who of ["manager", "support1"] as const) {
      await expectError(await api("/api/audit", { cookie: await login(account.attendants[who].email) }), 403, "forbidden");
    }
    await expectError(await api("/api/audit"), 401, "unauthenticated");
    for (const query of ["?action=customer.eaten", "?limit=101", "?limit=0", "?page=0", "?from=yesterday", "?to=-1", "?actor=a%20b"]) {
      await expectError(await api(`/api/audit${query}`, { cookie }), 400, "bad_request");
    }
  });
});
