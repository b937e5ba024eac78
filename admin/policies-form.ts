/**
 * The logic of the queue controls of "Políticas de Atendimento Online", without the DOM: the
 * draft the form edits (numbers as typed), the checks made before sending (the bounds of the
 * server's schema, worker/settings/schema.ts `Policies`), the policies it sends, and which field
 * a refused save is about. Also the chat limit of the attendant form and the routing override of
 * the department form. The server checks again.
 */
import type { AccountSettings, DepartmentSettings } from "../worker/views";
import type { MessageKey } from "./i18n";

export type Policies = AccountSettings["policies"];
export type RoutingMode = NonNullable<Policies["routing"]>;
export const ROUTING_MODES: readonly RoutingMode[] = ["manual", "automatic"];

/** Bounds of the schema (a copy: the console imports no runtime code from worker/). */
export const BOUNDS = {
  maxChatsPerAttendant: { min: 1, max: 100 },
  offlineGraceSeconds: { min: 10, max: 3600 },
  inactivityCloseMinutes: { min: 2, max: 1440 },
  abandonAfterMinutes: { min: 1, max: 1440 },
} as const;
/** The grace period when the account leaves it empty (grace.ts DEFAULT_GRACE_SECONDS). */
export const DEFAULT_GRACE_SECONDS = 60;

export type NumberField = keyof typeof BOUNDS;
export type PoliciesField = NumberField | "routing";

/** The form as typed: an empty number field means "absent" (no limit, the default, off). */
export interface PoliciesDraft {
  routing: RoutingMode;
  maxChatsPerAttendant: string;
  offlineGraceSeconds: string;
  inactivityCloseMinutes: string;
  abandonAfterMinutes: string;
}

export type PoliciesErrors = Partial<Record<PoliciesField, MessageKey>>;

export const ERROR_KEYS: Record<PoliciesField, MessageKey> = {
  routing: "policies.error.routing",
  maxChatsPerAttendant: "policies.error.maxChats",
  offlineGraceSeconds: "policies.error.grace",
  inactivityCloseMinutes: "policies.error.inactivity",
  abandonAfterMinutes: "policies.error.abandon",
};

const NUMBER_FIELDS = Object.keys(BOUNDS) as NumberField[];

export function policiesDraft(policies: Policies | undefined): PoliciesDraft {
  const p = policies ?? {};
  return {
    routing: p.routing ?? "manual",
    maxChatsPerAttendant: p.maxChatsPerAttendant?.toString() ?? "",
    offlineGraceSeconds: p.offlineGraceSeconds?.toString() ?? "",
    inactivityCloseMinutes: p.inactivityCloseMinutes?.toString() ?? "",
    abandonAfterMinutes: p.abandonAfterMinutes?.toString() ?? "",
  };
}

/** A typed whole number within bounds, null for an empty field, or undefined when invalid. */
export function parseWhole(text: string, bounds: { min: number; max: number }): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= bounds.min && value <= bounds.max ? value : undefined;
}

/**
 * The account's policies after the draft (what it does not edit, like `surveyEnabled`, is kept
 * from `base`), or the fields in error.
 */
export function policiesFromDraft(base: Policies, draft: PoliciesDraft): { policies: Policies; errors: PoliciesErrors } {
  const policies: Policies = { ...base, routing: draft.routing };
  const errors: PoliciesErrors = {};
  if (!ROUTING_MODES.includes(draft.routing)) errors.routing = ERROR_KEYS.routing;
  for (const field of NUMBER_FIELDS) {
    const value = parseWhole(draft[field], BOUNDS[field]);
    if (value === undefined) errors[field] = ERROR_KEYS[field];
    else if (value === null) delete policies[field];
    else policies[field] = value;
  }
  return { policies, errors };
}

/** The form field a 400's `field` names (`policies.inactivityCloseMinutes`), or null. */
export function policiesField(apiField: string | undefined): PoliciesField | null {
  const name = apiField?.replace(/^policies\./, "").split(".")[0];
  return name === "routing" || NUMBER_FIELDS.some((f) => f === name) ? (name as PoliciesField) : null;
}

/** The department form's routing choice: "" follows the account. */
export type RoutingChoice = "" | RoutingMode;

export function routingChoice(doc: DepartmentSettings | undefined): RoutingChoice {
  return doc?.policies?.routing ?? "";
}

/** The department's document with the routing choice, keeping its look. */
export function withRouting(doc: DepartmentSettings | undefined, choice: RoutingChoice): DepartmentSettings {
  const look = doc?.look ?? { colors: {}, size: {}, texts: {} };
  // The department's other policies (offlineToTicket) stay as stored.
  const { routing: _, ...others } = doc?.policies ?? {};
  const policies = choice === "" ? others : { ...others, routing: choice };
  return Object.keys(policies).length ? { look, policies } : { look };
}
