/**
 * Pure logic of "Auditoria": a readable label for every audit action, a one-line summary of an
 * entry's `detail` (whatever its shape: each route records what it changed), and the date
 * filter as epoch milliseconds. No DOM, so the console's unit tests run it in Node.
 */
import type { AuditAction } from "../worker/views-gestao";
import { t, type MessageKey } from "./i18n";

/**
 * The label of each action. Typed over `AuditAction`, so an action added to the Worker's list
 * fails the type check here until it has a label (and a place in the filter).
 */
export const AUDIT_ACTION_LABELS: Record<AuditAction, MessageKey> = {
  "auth.login": "audit.action.auth.login",
  "auth.login_failed": "audit.action.auth.login_failed",
  "account.signup": "audit.action.account.signup",
  "account.updated": "audit.action.account.updated",
  "account.public_key_regenerated": "audit.action.account.public_key_regenerated",
  "account.secret_regenerated": "audit.action.account.secret_regenerated",
  "department.created": "audit.action.department.created",
  "department.updated": "audit.action.department.updated",
  "department.logo_changed": "audit.action.department.logo_changed",
  "attendant.created": "audit.action.attendant.created",
  "attendant.updated": "audit.action.attendant.updated",
  "attendant.deactivated": "audit.action.attendant.deactivated",
  "attendant.reactivated": "audit.action.attendant.reactivated",
  "attendant.invitation_sent": "audit.action.attendant.invitation_sent",
  "attendant.invitation_revoked": "audit.action.attendant.invitation_revoked",
  "attendant.invitation_accepted": "audit.action.attendant.invitation_accepted",
  "attendant.profile_updated": "audit.action.attendant.profile_updated",
  "attendant.password_changed": "audit.action.attendant.password_changed",
  "customer.updated": "audit.action.customer.updated",
  "customer.deleted": "audit.action.customer.deleted",
  "chat.closed_remotely": "audit.action.chat.closed_remotely",
  "retention.purged": "audit.action.retention.purged",
  "shift.created": "audit.action.shift.created",
  "shift.updated": "audit.action.shift.updated",
  "shift.deleted": "audit.action.shift.deleted",
  "chat.transferred": "audit.action.chat.transferred",
  "offline_message.answered": "audit.action.offline_message.answered",
  "ticket.created": "audit.action.ticket.created",
  "ticket.updated": "audit.action.ticket.updated",
  "label.created": "audit.action.label.created",
  "label.updated": "audit.action.label.updated",
  "label.deleted": "audit.action.label.deleted",
  "account.surfaces_updated": "audit.action.account.surfaces_updated",
  "customer.invited": "audit.action.customer.invited",
  "kb.category_created": "audit.action.kb.category_created",
  "kb.category_updated": "audit.action.kb.category_updated",
  "kb.category_deleted": "audit.action.kb.category_deleted",
  "kb.article_created": "audit.action.kb.article_created",
  "kb.article_updated": "audit.action.kb.article_updated",
  "kb.article_deleted": "audit.action.kb.article_deleted",
  "canned_response.created": "audit.action.canned_response.created",
  "canned_response.updated": "audit.action.canned_response.updated",
  "canned_response.deleted": "audit.action.canned_response.deleted",
};

/** Every action, in the Worker's order (by resource), for the filter. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** The action's label; an action this console does not know yet shows as recorded. */
export function actionLabel(action: string): string {
  const key = (AUDIT_ACTION_LABELS as Record<string, MessageKey | undefined>)[action];
  return key ? t(key) : action;
}

const TARGET_LABELS: Record<string, MessageKey> = {
  account: "audit.target.account",
  department: "audit.target.department",
  attendant: "audit.target.attendant",
  customer: "audit.target.customer",
  chat: "audit.target.chat",
  offline_message: "audit.target.offline_message",
  ticket: "audit.target.ticket",
  label: "audit.target.label",
  canned_response: "audit.target.canned_response",
};

/** "Cliente", "Departamento"… for an entry's `targetType` (unknown types as recorded). */
export function targetLabel(type: string | null): string {
  if (!type) return "";
  const key = TARGET_LABELS[type];
  return key ? t(key) : type;
}

/** Readable names of the fields details usually carry; anything else shows its own name. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: "audit.field.name",
  email: "audit.field.email",
  company: "audit.field.company",
  role: "audit.field.role",
  active: "audit.field.active",
  timeZone: "audit.field.timeZone",
  locale: "audit.field.locale",
  allowedOrigins: "audit.field.allowedOrigins",
  retentionDays: "audit.field.retentionDays",
  departmentIds: "audit.field.departmentIds",
  managedDepartmentIds: "audit.field.managedDepartmentIds",
  chatStatusOnLogin: "audit.field.chatStatusOnLogin",
  initialMessage: "audit.field.initialMessage",
  variant: "audit.field.variant",
  notificationPrefs: "audit.field.notificationPrefs",
  chats: "audit.field.chats",
  offlineMessages: "audit.field.offlineMessages",
  messages: "audit.field.messages",
  reason: "audit.field.reason",
  number: "audit.field.number",
  fields: "audit.field.fields",
  changed: "audit.field.fields",
  changedFields: "audit.field.fields",
};

/** Keys whose value is a list of field names (`fields: ["name", "email"]`): the names are translated. */
const FIELD_LIST_KEYS = new Set(["fields", "changed", "changedFields"]);
const MAX_VALUE = 60;
const MAX_SUMMARY = 240;
const MAX_LISTED = 3;

function fieldLabel(key: string): string {
  const label = FIELD_LABELS[key];
  return label ? t(label) : key;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return t(value ? "audit.yes" : "audit.no");
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return clip(value, MAX_VALUE);
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    if (value.length > MAX_LISTED || value.some((v) => typeof v === "object" && v !== null)) return t("audit.items", { n: value.length });
    return value.map(formatValue).join(", ");
  }
  return "…";
}

/** `key: value` parts of one level; nested objects are flattened, `{ from, to }` becomes "a → b". */
function parts(detail: Record<string, unknown>, depth: number): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (FIELD_LIST_KEYS.has(key) && Array.isArray(value) && value.every((v) => typeof v === "string")) {
      out.push(`${fieldLabel(key)}: ${(value as string[]).map(fieldLabel).join(", ")}`);
    } else if (isPlainObject(value) && "from" in value && "to" in value) {
      out.push(`${fieldLabel(key)}: ${formatValue(value.from)} → ${formatValue(value.to)}`);
    } else if (isPlainObject(value)) {
      out.push(...(depth < 2 ? parts(value, depth + 1) : [`${fieldLabel(key)}: …`]));
    } else {
      out.push(`${fieldLabel(key)}: ${formatValue(value)}`);
    }
  }
  return out;
}

/**
 * One readable line for an entry's detail, e.g. "Nome: Loja A → Loja B; Fuso horário:
 * America/Sao_Paulo". Empty for no detail; long values and lists are shortened.
 */
export function summarizeDetail(detail: Record<string, unknown> | null | undefined): string {
  if (!isPlainObject(detail)) return "";
  return clip(parts(detail, 0).join("; "), MAX_SUMMARY);
}

/** Local midnight of a `YYYY-MM-DD` date input, or undefined when empty or malformed. */
function dayStart(value: string, plusDays = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).getTime();
}

/**
 * The date filter as the API wants it: `from` at the start of its day, `to` at the start of the
 * day after (exclusive), both in the attendant's own time zone, so that "to 10/03" includes
 * everything on 10/03.
 */
export function auditRange(fromDate: string, toDate: string): { from?: number; to?: number } {
  return { from: dayStart(fromDate), to: dayStart(toDate, 1) };
}
