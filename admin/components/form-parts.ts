/**
 * Pieces of the Gestão people forms: a field's error line (linked from the field with
 * `aria-describedby`), the ids a field points at, and moving focus to the first invalid field.
 */
import { html, nothing } from "lit";
import { t, type MessageKey } from "../i18n";

/** The id of the error line of the field `id`. */
export const errorId = (id: string): string => `${id}-error`;

/** The error line under a field, or nothing. */
export function fieldError(id: string, key: MessageKey | null | undefined) {
  return key ? html`<p id=${errorId(id)} class="error">${t(key)}</p>` : nothing;
}

/** `aria-describedby` of a field: its hint and, when there is one, its error line. */
export function describedBy(id: string, error: MessageKey | null | undefined, hintId?: string): string | typeof nothing {
  const ids = [hintId, error ? errorId(id) : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : nothing;
}

/** `aria-invalid` of a field. */
export const invalid = (error: MessageKey | null | undefined): "true" | "false" => (error ? "true" : "false");

/** Moves focus to the first field marked invalid inside `root` (after a refused save). */
export function focusFirstInvalid(root: ParentNode): void {
  root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
