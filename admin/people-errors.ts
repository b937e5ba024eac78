/**
 * Which text explains a refused Gestão request, and next to which field of the form it goes:
 * the server names the field (`email`, `departmentIds.0`) in its error envelope. Also the
 * password rules the invitation and profile pages check before sending.
 */
import { ApiError } from "./api";
import { errorKey } from "./errors";
import type { MessageKey } from "./i18n";

export const PASSWORD_MIN = 10;

/** A refused request's text, and the form field it is about (null: the whole form). */
export interface Problem {
  field: string | null;
  key: MessageKey;
}

/** Codes whose text does not depend on the field. */
const CODE_KEYS: Partial<Record<string, MessageKey>> = {
  name_taken: "people.error.nameTaken",
  email_taken: "people.error.emailTaken",
  last_administrator: "people.error.lastAdministrator",
  unsupported_image: "people.error.unsupportedImage",
  too_large: "people.error.tooLarge",
  wrong_password: "people.error.wrongPassword",
  invitation_invalid: "invite.invalid",
  invitation_expired: "invite.expired",
};

/** The field a code is about when the server does not say. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  name_taken: "name",
  email_taken: "email",
  wrong_password: "currentPassword",
};

/** A 400's text by field, for the fields the people pages have. */
const FIELD_KEYS: Partial<Record<string, MessageKey>> = {
  name: "people.error.name",
  email: "people.error.email",
  initialMessage: "dept.error.initialMessage",
  password: "people.error.passwordShort",
  newPassword: "people.error.passwordShort",
  departmentIds: "people.error.departments",
  managedDepartmentIds: "people.error.departments",
};

/** `departmentIds.0` → `departmentIds`: the form shows one message per group of checkboxes. */
export function formField(field: string | undefined): string | null {
  if (!field) return null;
  return field.split(".")[0] ?? null;
}

/**
 * The text and place for a failed request. `fields` are the form's own fields: a field the form
 * does not have makes the message a form-level one.
 */
export function problemFor(error: unknown, fields: readonly string[]): Problem {
  if (!(error instanceof ApiError)) return { field: null, key: errorKey(error) };
  const named = formField(error.field) ?? CODE_FIELDS[error.code] ?? null;
  const field = named !== null && fields.includes(named) ? named : null;
  const byCode = CODE_KEYS[error.code];
  if (byCode) return { field, key: byCode };
  if (error.status === 400) return { field, key: (named ? FIELD_KEYS[named] : undefined) ?? "people.error.invalid" };
  if (error.status === 404) return { field: null, key: "people.error.notFound" };
  return { field: null, key: errorKey(error) };
}

/** The problems of a new password and its confirmation, by field (empty when both are fine). */
export function passwordProblems(password: string, confirmation: string): { password?: MessageKey; confirmation?: MessageKey } {
  if (password.length < PASSWORD_MIN) return { password: "people.error.passwordShort" };
  if (password !== confirmation) return { confirmation: "people.error.passwordMismatch" };
  return {};
}
