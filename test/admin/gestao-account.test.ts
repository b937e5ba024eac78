import { afterEach, describe, expect, it, vi } from "vitest";
import { fieldOf, filterTimeZones, parseOrigins, parseRetention, timeZones } from "../../admin/account-form";
import { ApiError } from "../../admin/api";
import { gestaoAccountApi } from "../../admin/api-gestao-account";
import { AUDIT_ACTIONS, actionLabel, auditRange, summarizeDetail } from "../../admin/audit-format";
import { formFailure } from "../../admin/form-failure";
import { setLocale, t } from "../../admin/i18n";
import { checklistState, hideChecklist, isChecklistHidden, SETUP_STEPS } from "../../admin/setup-checklist";

afterEach(() => {
  setLocale("pt-BR");
  vi.unstubAllGlobals();
});

describe("allowed sites typed one per line", () => {
  it("allows any site when the box is empty or blank", () => {
    expect(parseOrigins("")).toEqual({ ok: true, origins: [] });
    expect(parseOrigins("  \n\n ")).toEqual({ ok: true, origins: [] });
  });

  it("reduces each line to its origin, lower-cases the host, drops the default port and duplicates", () => {
    const text = "https://Shop.Example/\n\n  http://localhost:3000  \nhttps://shop.example\nhttps://shop.example:443, https://b.example";
    expect(parseOrigins(text)).toEqual({ ok: true, origins: ["https://shop.example", "http://localhost:3000", "https://b.example"] });
  });

  it("refuses a bare host with the https form as a hint, rather than guessing", () => {
    const result = parseOrigins("https://ok.example\nloja.com.br");
    expect(result).toEqual({ ok: false, problem: { key: "account.originScheme", params: { value: "loja.com.br", example: "https://loja.com.br" } } });
  });

  it("refuses an address with a path, query or fragment and names its origin", () => {
    for (const value of ["https://shop.example/cart", "https://shop.example/?a=1", "https://shop.example#top", "https://shop.example?"]) {
      const result = parseOrigins(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toEqual({ key: "account.originPath", params: { value, origin: "https://shop.example" } });
    }
  });

  it("refuses other schemes, credentials and nonsense", () => {
    for (const value of ["ftp://shop.example", "https://user:pw@shop.example", "javascript://x", "https://"]) {
      const result = parseOrigins(value);
      expect(result.ok, value).toBe(false);
      if (!result.ok) expect(result.problem.key, value).toBe("account.originInvalid");
    }
  });

  it("refuses more than 50 sites, the server's limit", () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `https://s${i}.example`).join("\n");
    expect(parseOrigins(lines(50)).ok).toBe(true);
    expect(parseOrigins(lines(51))).toEqual({ ok: false, problem: { key: "account.originsTooMany", params: { max: 50 } } });
  });
});

describe("data retention and time zone", () => {
  it("keeps everything, or takes a whole number of days from 1 to 3650", () => {
    expect(parseRetention(true, "abc")).toEqual({ ok: true, days: null });
    expect(parseRetention(false, " 30 ")).toEqual({ ok: true, days: 30 });
    expect(parseRetention(false, "3650")).toEqual({ ok: true, days: 3650 });
    for (const bad of ["", "0", "3651", "1.5", "-3", "1e2", "dez"]) expect(parseRetention(false, bad).ok, bad).toBe(false);
  });

  it("lists the browser's time zones with the stored one and the default always present", () => {
    const zones = timeZones("Mars/Olympus_Mons");
    expect(zones).toContain("America/Sao_Paulo");
    expect(zones).toContain("Mars/Olympus_Mons");
    expect(new Set(zones).size).toBe(zones.length);
  });

  it("filters zones by any part of the name, ignoring accents and underscores, keeping the selected one", () => {
    const zones = ["America/Sao_Paulo", "America/New_York", "Europe/Lisbon", "UTC"];
    expect(filterTimeZones(zones, "são paulo", "UTC")).toEqual(["America/Sao_Paulo", "UTC"]);
    expect(filterTimeZones(zones, "new york", "Europe/Lisbon")).toEqual(["America/New_York", "Europe/Lisbon"]);
    expect(filterTimeZones(zones, "  ", "UTC")).toEqual(zones);
  });

  it("finds the form field of a server error", () => {
    expect(fieldOf("allowedOrigins.3")).toBe("allowedOrigins");
    expect(fieldOf("name")).toBe("name");
    expect(fieldOf(undefined)).toBeNull();
    expect(fieldOf("")).toBeNull();
  });
});

describe("a refused save", () => {
  const texts = { name: "account.nameInvalid", allowedOrigins: "account.originsInvalid" } as const;

  it("goes next to the field the server names, with the form's own text", () => {
    const error = new ApiError(400, "bad_request", "allowedOrigins.1: Invalid origin", "allowedOrigins.1");
    expect(formFailure(error, texts)).toEqual({ field: "allowedOrigins", text: t("account.originsInvalid") });
  });

  it("goes above Save when the field is not in the form, or there is none", () => {
    expect(formFailure(new ApiError(400, "bad_request", "bad thing", "other"), texts)).toEqual({ field: null, text: t("form.rejected", { message: "bad thing" }) });
    expect(formFailure(new ApiError(0, "network", "network error"), texts)).toEqual({ field: null, text: t("error.network") });
    expect(formFailure(new ApiError(403, "forbidden", "no"), texts)).toEqual({ field: null, text: t("notice.forbidden") });
  });

  it("uses the code's own text for a taken e-mail, still next to its field", () => {
    const error = new ApiError(409, "email_taken", "taken", "email");
    expect(formFailure(error, { email: "customers.emailInvalid" })).toEqual({ field: "email", text: t("form.emailTaken") });
  });
});

describe("audit entries", () => {
  it("has a distinct readable label for every action", () => {
    const labels = AUDIT_ACTIONS.map((a) => actionLabel(a));
    expect(AUDIT_ACTIONS).toHaveLength(43);
    expect(labels.every((l, i) => l.length > 0 && l !== AUDIT_ACTIONS[i])).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
    expect(actionLabel("something.new")).toBe("something.new");
  });

  it("summarises changes, flattened objects and field lists in one line", () => {
    expect(summarizeDetail(null)).toBe("");
    expect(summarizeDetail({})).toBe("");
    expect(summarizeDetail({ name: { from: "Loja A", to: "Loja B" }, timeZone: "America/Sao_Paulo" })).toBe(
      "Nome: Loja A → Loja B; Fuso horário: America/Sao_Paulo",
    );
    expect(summarizeDetail({ changes: { retentionDays: { from: null, to: 90 } } })).toBe("Retenção (dias): — → 90");
    expect(summarizeDetail({ fields: ["name", "email"] })).toBe("Campos: Nome, E-mail");
    expect(summarizeDetail({ purged: { chats: 3, offlineMessages: 2 } })).toBe("Atendimentos: 3; Mensagens offline: 2");
    expect(summarizeDetail({ active: false, departmentIds: ["a", "b", "c", "d", "e"] })).toBe("Ativo: não; Departamentos: 5 itens");
  });

  it("shortens long values and the whole line", () => {
    const long = "x".repeat(200);
    expect(summarizeDetail({ reason: long })).toBe(`Motivo: ${"x".repeat(59)}…`);
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, "value value"]));
    const line = summarizeDetail(many);
    expect(line.length).toBe(240);
    expect(line.endsWith("…")).toBe(true);
  });

  it("follows the language", () => {
    setLocale("en");
    expect(summarizeDetail({ allowedOrigins: ["https://a.example"], active: true })).toBe("Allowed sites: https://a.example; Active: yes");
    setLocale("es");
    expect(actionLabel("customer.deleted")).toBe("Datos de cliente eliminados");
  });

  it("turns the date inputs into a local-day range, the end day included", () => {
    expect(auditRange("2026-03-01", "2026-03-10")).toEqual({
      from: new Date(2026, 2, 1).getTime(),
      to: new Date(2026, 2, 11).getTime(),
    });
    expect(auditRange("", "nope")).toEqual({ from: undefined, to: undefined });
  });
});

describe("first-steps checklist", () => {
  const answer = (done: string[], all = false) => ({
    items: SETUP_STEPS.map((s) => ({ key: s.key, done: done.includes(s.key) })),
    done: all,
  });

  it("shows nothing before the server answered, when everything is done, or once hidden", () => {
    expect(checklistState(null, false).visible).toBe(false);
    expect(checklistState(answer(["departments", "attendants", "hours", "snippet", "testChat"], true), false).visible).toBe(false);
    expect(checklistState(answer(["departments"]), true).visible).toBe(false);
  });

  it("lists the five steps in order with their pages, ticks and the count", () => {
    const state = checklistState(answer(["attendants", "snippet"]), false);
    expect(state.visible).toBe(true);
    expect(state.steps.map((s) => [s.key, s.href, s.done])).toEqual([
      ["departments", "#/gestao/departments", false],
      ["attendants", "#/gestao/attendants", true],
      ["hours", "#/gestao/account", false],
      ["snippet", "#/publish", true],
      ["testChat", "#/publish", false],
    ]);
    expect([state.doneCount, state.total]).toEqual([2, 5]);
  });

  it("ignores keys it does not know and treats missing ones as not done", () => {
    const state = checklistState({ items: [{ key: "departments", done: true }, { key: "later" as "hours", done: true }], done: false }, false);
    expect(state.doneCount).toBe(1);
  });

  it("remembers 'hide' per account, and survives blocked storage", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(isChecklistHidden("acc-1", storage)).toBe(false);
    hideChecklist("acc-1", storage);
    expect(isChecklistHidden("acc-1", storage)).toBe(true);
    expect(isChecklistHidden("acc-2", storage)).toBe(false);
    const blocked = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("blocked");
      },
    };
    expect(isChecklistHidden("acc-1", blocked)).toBe(false);
    expect(() => hideChecklist("acc-1", blocked)).not.toThrow();
  });
});

describe("Gestão account client", () => {
  function stubFetch(...answers: Response[]) {
    const calls: { url: string; method: string; body: unknown }[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : undefined });
        return answers.shift() ?? new Response(null, { status: 204 });
      }),
    );
    return calls;
  }
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  it("sends only the filters that are set", async () => {
    const calls = stubFetch(json(200, { customers: [], page: 1, hasMore: false }), json(200, { entries: [], page: 2, hasMore: false }));
    await gestaoAccountApi.customers({ page: 1, q: "ana maria" });
    await gestaoAccountApi.audit({ page: 2, action: "customer.deleted", from: 10, actor: "" });
    expect(calls.map((c) => c.url)).toEqual(["/api/customers?q=ana+maria&page=1", "/api/audit?action=customer.deleted&from=10&page=2"]);
  });

  it("patches, deletes and regenerates on the contract's paths", async () => {
    const calls = stubFetch(json(200, { customer: {} }), new Response(null, { status: 204 }), json(200, { account: {} }), json(200, { secret: "s" }));
    await gestaoAccountApi.updateCustomer("c/1", { name: "Ana" });
    await gestaoAccountApi.deleteCustomer("c/1");
    await gestaoAccountApi.regeneratePublicKey();
    expect(await gestaoAccountApi.regenerateSecret()).toEqual({ secret: "s" });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "PATCH /api/customers/c%2F1",
      "DELETE /api/customers/c%2F1",
      "POST /api/account/public-key",
      "POST /api/account/secret",
    ]);
    expect(calls[0]!.body).toEqual({ name: "Ana" });
  });

  it("keeps the server's field on a refusal", async () => {
    stubFetch(json(400, { error: { code: "bad_request", message: "bad", field: "timeZone" } }));
    const error = await gestaoAccountApi.updateAccount({ timeZone: "Nowhere" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).field).toBe("timeZone");
  });

  it("asks for 100 attendants and falls back to the server's page when that is refused", async () => {
    const calls = stubFetch(json(400, { error: { code: "bad_request", message: "limit" } }), json(200, { attendants: [], page: 1, hasMore: false }));
    await gestaoAccountApi.auditActors();
    expect(calls.map((c) => c.url)).toEqual(["/api/attendants?limit=100", "/api/attendants"]);
  });
});
