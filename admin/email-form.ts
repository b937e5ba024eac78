/**
 * The logic of Configurações de E-mail without the DOM: the draft the SMTP form edits (the port
 * as typed, the password write-only), the checks made before sending (the server's rules,
 * worker/email/settings.ts, checked again there), which field a refused save is about, the text
 * of a test e-mail's outcome, and the outbox list with failed e-mails first.
 */
import type { EmailSettingsView, EmailTestResponse, OutboxEntryView } from "../worker/views-email";
import type { EmailSettingsBody } from "./api-email";
import type { MessageKey } from "./i18n";

export const SECURITY_MODES: readonly EmailSettingsView["security"][] = ["starttls", "tls", "none"];
/** The usual port of each mode, offered when the administrator switches modes. */
export const DEFAULT_PORTS: Record<EmailSettingsView["security"], number> = { starttls: 587, tls: 465, none: 25 };

export const EMAIL_FIELDS = ["host", "port", "security", "username", "password", "fromName", "fromAddress"] as const;
export type EmailField = (typeof EMAIL_FIELDS)[number];
export type EmailErrors = Partial<Record<EmailField, MessageKey>>;

export const EMAIL_ERROR_KEYS: Record<EmailField, MessageKey> = {
  host: "email.error.host",
  port: "email.error.port",
  security: "email.error.security",
  username: "email.error.oneLine",
  password: "email.error.password",
  fromName: "email.error.oneLine",
  fromAddress: "email.error.fromAddress",
};

/** The form as typed. `password` empty keeps the stored one unless `removePassword`. */
export interface EmailDraft {
  host: string;
  port: string;
  security: EmailSettingsView["security"];
  username: string;
  password: string;
  removePassword: boolean;
  fromName: string;
  fromAddress: string;
}

export function emailDraft(view: EmailSettingsView): EmailDraft {
  return {
    host: view.host,
    port: String(view.port),
    security: view.security,
    username: view.username,
    password: "",
    removePassword: false,
    fromName: view.fromName,
    fromAddress: view.fromAddress,
  };
}

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[A-Za-z]{2,}$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The PUT body, or the fields in error. */
export function emailBody(draft: EmailDraft): { body: EmailSettingsBody } | { errors: EmailErrors } {
  const errors: EmailErrors = {};
  const host = draft.host.trim();
  const port = /^\d+$/.test(draft.port.trim()) ? Number(draft.port.trim()) : NaN;
  if (!HOST.test(host)) errors.host = EMAIL_ERROR_KEYS.host;
  if (!(port >= 1 && port <= 65535)) errors.port = EMAIL_ERROR_KEYS.port;
  if (!SECURITY_MODES.includes(draft.security)) errors.security = EMAIL_ERROR_KEYS.security;
  if (CONTROL.test(draft.username)) errors.username = EMAIL_ERROR_KEYS.username;
  if (/[\r\n\u0000]/.test(draft.password)) errors.password = EMAIL_ERROR_KEYS.password;
  if (CONTROL.test(draft.fromName)) errors.fromName = EMAIL_ERROR_KEYS.fromName;
  if (!ADDRESS.test(draft.fromAddress.trim())) errors.fromAddress = EMAIL_ERROR_KEYS.fromAddress;
  if (Object.keys(errors).length > 0) return { errors };
  const body: EmailSettingsBody = {
    host,
    port,
    security: draft.security,
    username: draft.username.trim(),
    fromName: draft.fromName.trim(),
    fromAddress: draft.fromAddress.trim(),
  };
  if (draft.removePassword) body.password = "";
  else if (draft.password !== "") body.password = draft.password;
  return { body };
}

/** The form field a 400's `field` names, or null (the error is then shown for the whole form). */
export function emailField(apiField: string | undefined): EmailField | null {
  return EMAIL_FIELDS.find((f) => f === apiField) ?? null;
}

/** A test e-mail's outcome as a text key and its parameters. */
export function testOutcome(answer: EmailTestResponse): { key: MessageKey; params: Record<string, string> } {
  if (answer.sent) return { key: "email.test.sent", params: { to: answer.to, response: answer.response } };
  const { stage, message, code } = answer.error;
  return {
    key: "email.test.failed",
    params: { to: answer.to, stage, code: code === null ? "—" : String(code), message },
  };
}

/** The outbox as shown: every failed e-mail first, then the page's others (without repeats), each newest first. */
export function outboxOrder(failed: readonly OutboxEntryView[], page: readonly OutboxEntryView[]): OutboxEntryView[] {
  const failedIds = new Set(failed.map((e) => e.id));
  return [...failed, ...page.filter((e) => !failedIds.has(e.id))];
}
