/**
 * The rule engine of Rótulos: which labels a new chat gets from its labels' conditions. Pure (no
 * I/O, no clock, no zod), so the department room calls it synchronously while it admits a chat
 * and the console may import its types. A label applies when ANY of its conditions matches;
 * text comparisons ignore case and accents ("Nao" matches "não"); times are read on the
 * account's wall clock (worker/hours/zone.ts).
 */
import { wallClock } from "../hours/zone";

/** Where a chat may start (`chats.origin`); kept equal to `CHAT_ORIGINS` of the schema by a test. */
export const RULE_ORIGINS = ["widget", "popup", "customer_panel", "knowledge_base", "app"] as const;
export type RuleOrigin = (typeof RULE_ORIGINS)[number];

/** A time range on the account's wall clock, "HH:MM"; `end` is exclusive and may be before `start` (past midnight). */
export interface TimeRange {
  start: string;
  end: string;
}

/** One condition of a label, as stored in `labels.conditions` and validated by `conditions.ts`. */
export type RuleCondition =
  | { field: "department"; operator: "is"; value: string }
  | { field: "origin"; operator: "is"; value: RuleOrigin }
  | { field: "pageUrl"; operator: "contains" | "startsWith"; value: string }
  | { field: "customerEmail"; operator: "equals" | "endsWith"; value: string }
  | { field: "customerName"; operator: "contains"; value: string }
  | { field: "firstMessage"; operator: "contains"; value: string }
  | { field: "dayOfWeek"; operator: "is"; value: number | number[] }
  | { field: "timeOfDay"; operator: "between"; value: TimeRange }
  | { field: "verified"; operator: "is"; value: boolean };

export type RuleField = RuleCondition["field"];

/** The operators of each field, in the order the console offers them. */
export const RULE_OPERATORS: { readonly [F in RuleField]: readonly Extract<RuleCondition, { field: F }>["operator"][] } = {
  department: ["is"],
  origin: ["is"],
  pageUrl: ["contains", "startsWith"],
  customerEmail: ["equals", "endsWith"],
  customerName: ["contains"],
  firstMessage: ["contains"],
  dayOfWeek: ["is"],
  timeOfDay: ["between"],
  verified: ["is"],
};

export const RULE_FIELDS = Object.keys(RULE_OPERATORS) as RuleField[];

/** What the engine knows about a chat at its creation. */
export interface ChatFacts {
  departmentId: string;
  origin: string;
  pageUrl: string | null;
  customerEmail: string;
  customerName: string;
  firstMessage: string;
  /** The customer's identity was verified (customer hash). */
  verified: boolean;
  /** When the chat was created (epoch ms) and the account's IANA time zone. */
  at: number;
  timeZone: string;
}

/** A label as the engine needs it. */
export interface RuleLabel {
  id: string;
  name: string;
  color: string;
  active: boolean;
  conditions: readonly RuleCondition[];
}

/** A label the rules applied, with the condition that matched first. */
export interface RuleMatch {
  label: RuleLabel;
  condition: RuleCondition;
}

/** Lowercase, without accents or surrounding spaces: the form every text comparison uses (and `labels.name_key`). */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
}

/** Minutes since midnight of "HH:MM". */
export function minuteOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** Whether `minute` is inside [start, end), the range crossing midnight when end < start. */
export function inRange(minute: number, range: TimeRange): boolean {
  const start = minuteOf(range.start);
  const end = minuteOf(range.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The facts folded and the wall clock read once per chat, not once per condition. */
interface Prepared {
  facts: ChatFacts;
  text: { pageUrl: string; customerEmail: string; customerName: string; firstMessage: string };
  clock: { weekday: number; minute: number };
}

function prepare(facts: ChatFacts): Prepared {
  const clock = wallClock(facts.at, facts.timeZone);
  return {
    facts,
    text: {
      pageUrl: fold(facts.pageUrl ?? ""),
      customerEmail: fold(facts.customerEmail),
      customerName: fold(facts.customerName),
      firstMessage: fold(facts.firstMessage),
    },
    clock: { weekday: clock.weekday, minute: clock.minute },
  };
}

function test(condition: RuleCondition, p: Prepared): boolean {
  switch (condition.field) {
    case "department":
      return p.facts.departmentId === condition.value;
    case "origin":
      return p.facts.origin === condition.value;
    case "pageUrl":
      // A chat without a page never matches, even `contains ""` (which validation refuses anyway).
      if (!p.facts.pageUrl) return false;
      return condition.operator === "contains" ? p.text.pageUrl.includes(fold(condition.value)) : p.text.pageUrl.startsWith(fold(condition.value));
    case "customerEmail":
      return condition.operator === "equals" ? p.text.customerEmail === fold(condition.value) : p.text.customerEmail.endsWith(fold(condition.value));
    case "customerName":
      return p.text.customerName.includes(fold(condition.value));
    case "firstMessage":
      return p.text.firstMessage.includes(fold(condition.value));
    case "dayOfWeek":
      return (Array.isArray(condition.value) ? condition.value : [condition.value]).includes(p.clock.weekday);
    case "timeOfDay":
      return inRange(p.clock.minute, condition.value);
    case "verified":
      return p.facts.verified === condition.value;
  }
}

/** The first condition of `label` that the chat matches, or null. Inactive labels never match. */
export function matchingCondition(label: RuleLabel, facts: ChatFacts): RuleCondition | null {
  if (!label.active) return null;
  const p = prepare(facts);
  return label.conditions.find((c) => test(c, p)) ?? null;
}

/** Every active label with a matching condition, in the order given. */
export function matchLabels(labels: readonly RuleLabel[], facts: ChatFacts): RuleMatch[] {
  if (!labels.some((l) => l.active && l.conditions.length > 0)) return [];
  const p = prepare(facts);
  const out: RuleMatch[] = [];
  for (const label of labels) {
    if (!label.active) continue;
    const condition = label.conditions.find((c) => test(c, p));
    if (condition) out.push({ label, condition });
  }
  return out;
}

const WEEKDAYS_PT = ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"];
const ORIGINS_PT: Record<RuleOrigin, string> = {
  widget: "rodapé do site",
  popup: "pop-up",
  customer_panel: "painel do cliente",
  knowledge_base: "base de conhecimento",
  app: "aplicativo",
};

/**
 * The condition in words, for the chat's internal timeline ("primeira mensagem contém
 * 'boleto'"). Portuguese, the product's language: the line is stored once, like the room's
 * other system lines; the console shows it as written.
 */
export function describeCondition(c: RuleCondition): string {
  switch (c.field) {
    case "department":
      return "departamento é o deste chat";
    case "origin":
      return `origem é ${ORIGINS_PT[c.value]}`;
    case "pageUrl":
      return `página ${c.operator === "contains" ? "contém" : "começa com"} '${c.value}'`;
    case "customerEmail":
      return `e-mail do cliente ${c.operator === "equals" ? "é" : "termina com"} '${c.value}'`;
    case "customerName":
      return `nome do cliente contém '${c.value}'`;
    case "firstMessage":
      return `primeira mensagem contém '${c.value}'`;
    case "dayOfWeek":
      return `dia da semana é ${(Array.isArray(c.value) ? c.value : [c.value]).map((d) => WEEKDAYS_PT[d]).join(", ")}`;
    case "timeOfDay":
      return `horário entre ${c.value.start} e ${c.value.end}`;
    case "verified":
      return c.value ? "cliente verificado" : "cliente não verificado";
  }
}

/** The internal timeline line of a label applied by a rule. */
export function ruleAppliedLine(match: RuleMatch): string {
  return `Rótulo ${match.label.name} aplicado pela regra: ${describeCondition(match.condition)}`;
}
