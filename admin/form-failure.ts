/**
 * Where and how a form shows a refused save: next to the field the server names (`field` in
 * the error envelope) with the form's own text for it, or above the Save button.
 */
import { ApiError } from "./api";
import { fieldOf } from "./account-form";
import { errorKey } from "./errors";
import { t, type MessageKey } from "./i18n";

export interface FormFailure {
  /** The form's field it is about, or null for the whole form. */
  field: string | null;
  text: string;
}

/** Error codes with a text of their own, whatever the form. */
const CODE_TEXTS: Record<string, MessageKey> = {
  email_taken: "form.emailTaken",
  not_found: "form.notFound",
};

/**
 * The failure of a save. `fieldTexts` gives, for each field of the form, the text of a `400`
 * about it (the server's message is for developers and in English); a field the form does not
 * have, or an error without one, is reported for the whole form.
 */
export function formFailure(error: unknown, fieldTexts: Readonly<Record<string, MessageKey>>): FormFailure {
  if (!(error instanceof ApiError)) return { field: null, text: t("error.generic") };
  const named = fieldOf(error.field);
  const field = named !== null && named in fieldTexts ? named : null;
  const codeText = CODE_TEXTS[error.code];
  if (codeText) return { field, text: t(codeText) };
  if (error.status === 400) {
    return field ? { field, text: t(fieldTexts[field]!) } : { field: null, text: t("form.rejected", { message: error.message }) };
  }
  return { field: null, text: t(errorKey(error)) };
}
