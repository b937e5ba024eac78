/**
 * Pieces of the panel's pages: a labelled field with its hint, a form the page script posts as
 * JSON (assets.ts), and dates in the account's time zone. Every value goes through hono/html,
 * which escapes it.
 */
import { html } from "hono/html";
import type { PanelPage } from "./layout";

export interface FieldSpec {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "textarea";
  autocomplete?: string;
  maxlength: number;
  minlength?: number;
  hint?: string;
  required?: boolean;
}

/** A labelled input (or textarea) with its hint read out with it. */
export function field(f: FieldSpec) {
  const type = f.type ?? "text";
  const hintId = `${f.name}-hint`;
  const common = html`id="${f.name}" name="${f.name}" maxlength="${f.maxlength}"${f.minlength ? html` minlength="${f.minlength}"` : ""}${
    f.required === false ? html` data-optional` : html` required`
  }${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ""}${f.hint ? html` aria-describedby="${hintId}"` : ""}`;
  const control = type === "textarea" ? html`<textarea ${common}></textarea>` : html`<input type="${type}" ${common}${type === "email" ? html` spellcheck="false"` : ""}>`;
  return html`<div class="field"><label for="${f.name}">${f.label}</label>${control}${f.hint ? html`<p class="hint" id="${hintId}">${f.hint}</p>` : ""}</div>`;
}

export interface FormSpec {
  id: string;
  /** The API path it posts to. */
  api: string;
  /** Where to go on success (`{id}` becomes the answer's ticket id)… */
  next?: string;
  /** …or the notice to show instead. */
  done?: string;
  submit: string;
  label: string;
}

/** A form driven by the page script, with its alert and status lines (announced). */
export function apiForm(p: PanelPage, spec: FormSpec, ...content: unknown[]) {
  return html`<form id="${spec.id}" aria-label="${spec.label}" data-api="${spec.api}" data-login="${p.href("/")}"${spec.next ? html` data-next="${spec.next}"` : ""}${
    spec.done ? html` data-done="${spec.done}"` : ""
  } novalidate>
<p class="alert" data-role="alert" role="alert"></p>
<p class="status" data-role="status" role="status"></p>
${content}
<button type="submit" class="primary">${spec.submit}</button>
</form>`;
}

/** Date and time in the page's language and the account's time zone. */
export function when(p: PanelPage, at: number): string {
  try {
    return new Intl.DateTimeFormat(p.lang, { dateStyle: "short", timeStyle: "short", timeZone: p.account.timeZone }).format(at);
  } catch {
    return new Date(at).toISOString();
  }
}

/** The API path of this panel. */
export function api(p: PanelPage, path: string): string {
  return `/api/p/${encodeURIComponent(p.key)}${path}`;
}
