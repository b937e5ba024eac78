import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHAT_ORIGINS } from "../../worker/db/schema";
import { Condition, departmentProblem, LabelBody } from "../../worker/labels/conditions";
import { fold, matchLabels, matchingCondition, RULE_ORIGINS, ruleAppliedLine, type ChatFacts, type RuleCondition, type RuleLabel } from "../../worker/labels/rules";

const at = (iso: string) => Date.parse(iso);
const facts = (over: Partial<ChatFacts> = {}): ChatFacts => ({
  departmentId: "dep-support",
  origin: "widget",
  pageUrl: "https://loja.example.com/checkout/pagamento",
  customerEmail: "maria@empresa.com.br",
  customerName: "Maria Conceição",
  firstMessage: "Não consigo pagar o boleto",
  verified: false,
  // A Monday, 10:30 in São Paulo.
  at: at("2026-12-07T10:30:00-03:00"),
  timeZone: "America/Sao_Paulo",
  ...over,
});
const label = (conditions: RuleCondition[], over: Partial<RuleLabel> = {}): RuleLabel => ({ id: "l1", name: "Financeiro", color: "#1a7f5a", active: true, conditions, ...over });
const matches = (condition: RuleCondition, f: ChatFacts = facts()) => matchingCondition(label([condition]), f) !== null;

describe("label rules: each condition", () => {
  it("department is", () => {
    expect(matches({ field: "department", operator: "is", value: "dep-support" })).toBe(true);
    expect(matches({ field: "department", operator: "is", value: "dep-sales" })).toBe(false);
  });

  it("origin is", () => {
    expect(matches({ field: "origin", operator: "is", value: "widget" })).toBe(true);
    expect(matches({ field: "origin", operator: "is", value: "popup" })).toBe(false);
    expect(matches({ field: "origin", operator: "is", value: "app" }, facts({ origin: "app" }))).toBe(true);
  });

  it("pageUrl contains / startsWith, and a chat without a page never matches", () => {
    expect(matches({ field: "pageUrl", operator: "contains", value: "/checkout" })).toBe(true);
    expect(matches({ field: "pageUrl", operator: "contains", value: "/carrinho" })).toBe(false);
    expect(matches({ field: "pageUrl", operator: "startsWith", value: "https://loja.example.com" })).toBe(true);
    expect(matches({ field: "pageUrl", operator: "startsWith", value: "/checkout" })).toBe(false);
    expect(matches({ field: "pageUrl", operator: "contains", value: "checkout" }, facts({ pageUrl: null }))).toBe(false);
  });

  it("customerEmail equals / endsWith (a domain), case-insensitively", () => {
    expect(matches({ field: "customerEmail", operator: "equals", value: "MARIA@empresa.com.br" })).toBe(true);
    expect(matches({ field: "customerEmail", operator: "equals", value: "maria@empresa.com" })).toBe(false);
    expect(matches({ field: "customerEmail", operator: "endsWith", value: "@empresa.com.br" })).toBe(true);
    expect(matches({ field: "customerEmail", operator: "endsWith", value: "@outra.com.br" })).toBe(false);
  });

  it("customerName and firstMessage contain, ignoring case and accents both ways", () => {
    expect(matches({ field: "customerName", operator: "contains", value: "conceicao" })).toBe(true);
    expect(matches({ field: "firstMessage", operator: "contains", value: "Nao consigo" })).toBe(true);
    expect(matches({ field: "firstMessage", operator: "contains", value: "BOLETO" })).toBe(true);
    expect(matches({ field: "firstMessage", operator: "contains", value: "pagámento" }, facts({ firstMessage: "PAGAMENTO atrasado" }))).toBe(true);
    expect(matches({ field: "firstMessage", operator: "contains", value: "pix" })).toBe(false);
  });

  it("dayOfWeek is one day or any of a list", () => {
    expect(matches({ field: "dayOfWeek", operator: "is", value: 1 })).toBe(true);
    expect(matches({ field: "dayOfWeek", operator: "is", value: [0, 6] })).toBe(false);
    expect(matches({ field: "dayOfWeek", operator: "is", value: [5, 1] })).toBe(true);
  });

  it("dayOfWeek is read in the account's zone: 01:00 UTC on Tuesday is still Monday in São Paulo", () => {
    const f = facts({ at: at("2026-12-08T01:00:00Z") });
    expect(matches({ field: "dayOfWeek", operator: "is", value: 1 }, f)).toBe(true);
    expect(matches({ field: "dayOfWeek", operator: "is", value: 2 }, { ...f, timeZone: "UTC" })).toBe(true);
  });

  it("timeOfDay between, end exclusive, crossing midnight", () => {
    expect(matches({ field: "timeOfDay", operator: "between", value: { start: "08:00", end: "12:00" } })).toBe(true);
    expect(matches({ field: "timeOfDay", operator: "between", value: { start: "08:00", end: "10:30" } })).toBe(false);
    expect(matches({ field: "timeOfDay", operator: "between", value: { start: "10:30", end: "10:31" } })).toBe(true);
    const night = { field: "timeOfDay", operator: "between", value: { start: "22:00", end: "06:00" } } as const;
    expect(matches(night, facts({ at: at("2026-12-07T23:15:00-03:00") }))).toBe(true);
    expect(matches(night, facts({ at: at("2026-12-08T05:59:00-03:00") }))).toBe(true);
    expect(matches(night, facts({ at: at("2026-12-08T06:00:00-03:00") }))).toBe(false);
  });

  it("timeOfDay follows daylight saving time: 09:00 in New York is 13:00 UTC in summer and 14:00 UTC in winter", () => {
    const morning = { field: "timeOfDay", operator: "between", value: { start: "09:00", end: "10:00" } } as const;
    const zone = "America/New_York";
    expect(matches(morning, facts({ timeZone: zone, at: at("2026-07-06T13:30:00Z") }))).toBe(true);
    expect(matches(morning, facts({ timeZone: zone, at: at("2026-12-07T13:30:00Z") }))).toBe(false);
    expect(matches(morning, facts({ timeZone: zone, at: at("2026-12-07T14:30:00Z") }))).toBe(true);
    // The spring-forward day itself: 03:30 local exists only after the jump (07:30 UTC).
    const early = { field: "timeOfDay", operator: "between", value: { start: "03:00", end: "04:00" } } as const;
    expect(matches(early, facts({ timeZone: zone, at: at("2026-03-08T07:30:00Z") }))).toBe(true);
  });

  it("verified is true / false", () => {
    expect(matches({ field: "verified", operator: "is", value: false })).toBe(true);
    expect(matches({ field: "verified", operator: "is", value: true })).toBe(false);
    expect(matches({ field: "verified", operator: "is", value: true }, facts({ verified: true }))).toBe(true);
  });
});

describe("label rules: any semantics", () => {
  it("a label applies when ANY condition matches, and names the first one that did", () => {
    const rule = label([
      { field: "origin", operator: "is", value: "app" },
      { field: "firstMessage", operator: "contains", value: "boleto" },
      { field: "verified", operator: "is", value: false },
    ]);
    expect(matchingCondition(rule, facts())).toEqual({ field: "firstMessage", operator: "contains", value: "boleto" });
  });

  it("no conditions, or an inactive label, never applies", () => {
    expect(matchLabels([label([]), label([{ field: "origin", operator: "is", value: "widget" }], { active: false })], facts())).toEqual([]);
  });

  it("every matching label, in order, each with its condition; the timeline line names the rule", () => {
    const finance = label([{ field: "firstMessage", operator: "contains", value: "boleto" }], { id: "a", name: "Financeiro" });
    const web = label([{ field: "pageUrl", operator: "contains", value: "checkout" }], { id: "b", name: "Loja" });
    const none = label([{ field: "origin", operator: "is", value: "popup" }], { id: "c" });
    const found = matchLabels([finance, none, web], facts());
    expect(found.map((m) => m.label.id)).toEqual(["a", "b"]);
    expect(ruleAppliedLine(found[0]!)).toBe("Rótulo Financeiro aplicado pela regra: primeira mensagem contém 'boleto'");
  });
});

describe("label conditions: validation", () => {
  const issue = (body: unknown) => {
    const result = LabelBody.safeParse(body);
    return result.success ? null : { path: result.error.issues[0]!.path.join("."), message: result.error.issues[0]!.message };
  };
  const withCondition = (condition: unknown) => ({ name: "X", color: "#aabbcc", conditions: [{ field: "origin", operator: "is", value: "widget" }, condition] });

  it("refuses unknown fields, unknown operators and extra keys at the condition's path", () => {
    expect(issue(withCondition({ field: "city", operator: "is", value: "Recife" }))?.path).toBe("conditions.1.field");
    expect(issue(withCondition({ field: "firstMessage", operator: "startsWith", value: "oi" }))?.path).toBe("conditions.1.operator");
    expect(issue(withCondition({ field: "firstMessage", operator: "contains", value: "oi", regex: true }))?.path).toBe("conditions.1");
  });

  it("refuses empty values, origins that do not exist, days out of range, start = end", () => {
    expect(issue(withCondition({ field: "firstMessage", operator: "contains", value: "  " }))).toEqual({ path: "conditions.1.value", message: "must not be empty" });
    expect(issue(withCondition({ field: "origin", operator: "is", value: "fax" }))?.path).toBe("conditions.1.value");
    expect(issue(withCondition({ field: "dayOfWeek", operator: "is", value: [1, 7] }))?.path).toBe("conditions.1.value.1");
    expect(issue(withCondition({ field: "dayOfWeek", operator: "is", value: [] }))?.path).toBe("conditions.1.value");
    expect(issue(withCondition({ field: "timeOfDay", operator: "between", value: { start: "10:00", end: "10:00" } }))?.path).toBe("conditions.1.value.end");
    expect(issue(withCondition({ field: "timeOfDay", operator: "between", value: { start: "25:00", end: "10:00" } }))?.path).toBe("conditions.1.value.start");
    expect(issue(withCondition({ field: "verified", operator: "is", value: "yes" }))?.path).toBe("conditions.1.value");
  });

  it("refuses a colour that is not #rrggbb and lowercases a good one", () => {
    expect(issue({ name: "X", color: "red" })?.path).toBe("color");
    expect(issue({ name: "X", color: "#abc" })?.path).toBe("color");
    expect(LabelBody.parse({ name: " X ", color: "#AABBCC" })).toMatchObject({ name: "X", color: "#aabbcc", description: "", active: true, conditions: [] });
  });

  it("names the first department condition that is not of the account", () => {
    const conditions = Condition.array().parse([
      { field: "department", operator: "is", value: "mine" },
      { field: "department", operator: "is", value: "theirs" },
    ]);
    expect(departmentProblem(conditions, new Set(["mine"]))).toBe("conditions.1.value");
    expect(departmentProblem(conditions, new Set(["mine", "theirs"]))).toBeNull();
  });

  it("the engine's origins are the schema's", () => {
    expect([...RULE_ORIGINS]).toEqual([...CHAT_ORIGINS]);
  });
});

// ---------------------------------------------------------------- property: engine = naive reference

/** A deliberately plain reimplementation: no preparation, no shortcuts, a Date per condition. */
function naiveMatches(condition: RuleCondition, f: ChatFacts): boolean {
  const strip = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: f.timeZone, weekday: "short", hour: "numeric", minute: "numeric", hourCycle: "h23" }).formatToParts(f.at);
  const part = (t: string) => parts.find((p) => p.type === t)!.value;
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(part("weekday"));
  const minute = (Number(part("hour")) % 24) * 60 + Number(part("minute"));
  const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  switch (condition.field) {
    case "department":
      return f.departmentId === condition.value;
    case "origin":
      return f.origin === condition.value;
    case "pageUrl":
      if (f.pageUrl === null) return false;
      return condition.operator === "contains" ? strip(f.pageUrl).indexOf(strip(condition.value)) >= 0 : strip(f.pageUrl).indexOf(strip(condition.value)) === 0;
    case "customerEmail":
      return condition.operator === "equals"
        ? strip(f.customerEmail) === strip(condition.value)
        : strip(f.customerEmail).slice(-strip(condition.value).length) === strip(condition.value);
    case "customerName":
      return strip(f.customerName).indexOf(strip(condition.value)) >= 0;
    case "firstMessage":
      return strip(f.firstMessage).indexOf(strip(condition.value)) >= 0;
    case "dayOfWeek":
      return ([] as number[]).concat(condition.value).some((d) => d === weekday);
    case "timeOfDay": {
      const [s, e] = [hm(condition.value.start), hm(condition.value.end)];
      return s < e ? s <= minute && minute < e : !(e <= minute && minute < s);
    }
    case "verified":
      return f.verified === condition.value;
  }
}

const words = fc.constantFrom("boleto", "Não", "nao", "PIX", "ação", "acao", "conta", "Olá", "ola", "loja", "checkout", "@empresa.com.br", "maria");
const phrase = fc.array(words, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const condition: fc.Arbitrary<RuleCondition> = fc.oneof(
  fc.constantFrom("d1", "d2").map((value) => ({ field: "department" as const, operator: "is" as const, value })),
  fc.constantFrom(...RULE_ORIGINS).map((value) => ({ field: "origin" as const, operator: "is" as const, value })),
  fc.tuple(fc.constantFrom("contains" as const, "startsWith" as const), words).map(([operator, value]) => ({ field: "pageUrl" as const, operator, value })),
  fc.tuple(fc.constantFrom("equals" as const, "endsWith" as const), words).map(([operator, value]) => ({ field: "customerEmail" as const, operator, value })),
  words.map((value) => ({ field: "customerName" as const, operator: "contains" as const, value })),
  words.map((value) => ({ field: "firstMessage" as const, operator: "contains" as const, value })),
  fc.oneof(fc.integer({ min: 0, max: 6 }), fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 })).map((value) => ({ field: "dayOfWeek" as const, operator: "is" as const, value })),
  fc
    .tuple(hhmm, hhmm)
    .filter(([s, e]) => s !== e)
    .map(([start, end]) => ({ field: "timeOfDay" as const, operator: "between" as const, value: { start, end } })),
  fc.boolean().map((value) => ({ field: "verified" as const, operator: "is" as const, value })),
);
const chatFacts: fc.Arbitrary<ChatFacts> = fc.record({
  departmentId: fc.constantFrom("d1", "d2"),
  origin: fc.constantFrom(...RULE_ORIGINS),
  pageUrl: fc.option(phrase.map((p) => `https://x.test/${p}`), { nil: null }),
  customerEmail: fc.oneof(phrase, fc.constant("maria@empresa.com.br")),
  customerName: phrase,
  firstMessage: phrase,
  verified: fc.boolean(),
  at: fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-12-31T00:00:00Z") }),
  timeZone: fc.constantFrom("America/Sao_Paulo", "America/New_York", "Europe/Lisbon", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"),
});

describe("label rules: property", () => {
  it("the engine agrees with a naive reference on random labels and chats (any semantics included)", () => {
    const labels = fc.array(fc.record({ id: fc.uuid(), name: fc.constant("L"), color: fc.constant("#000000"), active: fc.boolean(), conditions: fc.array(condition, { maxLength: 5 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(labels, chatFacts, (ls, f) => {
        const expected = ls.filter((l) => l.active && l.conditions.some((c) => naiveMatches(c, f))).map((l) => l.id);
        expect(matchLabels(ls, f).map((m) => m.label.id)).toEqual(expected);
        for (const m of matchLabels(ls, f)) expect(naiveMatches(m.condition, f)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("fold is idempotent and agrees with the reference on accents", () => {
    fc.assert(fc.property(fc.string(), (s) => fold(fold(s)) === fold(s)));
    expect(fold("  Ação NÃO  ")).toBe("acao nao");
  });
});
