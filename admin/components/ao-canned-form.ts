/**
 * `<ao-canned-form>`: one canned response in Gestão › Respostas prontas, or "Nova resposta
 * pronta" when `cannedResponse` is null: where it applies (`scopes`: the account and/or the
 * departments the person manages), shortcut, title and text, with the placeholders in the text's
 * hint. Problems found here or by the server (`error.field`) show next to their control; delete
 * asks first.
 *
 * @fires ao-canned-saved - `detail: { cannedResponse, created }`
 * @fires ao-canned-deleted - `detail: { id }`
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { ApiError } from "../api";
import { cannedApi, forgetCannedCatalog, type CannedBody, type CannedResponseView } from "../api-canned";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-confirm";

type Field = "shortcut" | "title" | "body";
const FIELD_ERRORS: Record<Field, MessageKey> = { shortcut: "canned.error.shortcut", title: "canned.error.title", body: "canned.error.body" };

/** The same limits as worker/canned/body.ts, checked before asking the server. */
function check(draft: CannedBody): Partial<Record<Field, MessageKey>> {
  const errors: Partial<Record<Field, MessageKey>> = {};
  if (!/^[a-z0-9][a-z0-9_-]{0,31}$/.test(draft.shortcut.trim().toLowerCase())) errors.shortcut = FIELD_ERRORS.shortcut;
  const title = draft.title.trim();
  if (title === "" || title.length > 80) errors.title = FIELD_ERRORS.title;
  const body = draft.body.trim();
  if (body === "" || body.length > 4000) errors.body = FIELD_ERRORS.body;
  return errors;
}

export class AoCannedForm extends AppElement {
  static override properties = {
    cannedResponse: { attribute: false },
    scopes: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
    saved: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    peopleStyles,
    css`
      :host {
        padding: 0;
        max-width: 52rem;
        margin: 0;
      }
      code {
        font-family: ui-monospace, monospace;
      }
    `,
  ];

  declare cannedResponse: CannedResponseView | null;
  declare scopes: { id: string | null; name: string }[];
  declare draft: CannedBody;
  declare errors: Partial<Record<Field, MessageKey>>;
  declare formError: MessageKey | null;
  declare busy: boolean;
  declare saved: boolean;

  constructor() {
    super();
    this.cannedResponse = null;
    this.scopes = [];
    this.draft = { departmentId: null, shortcut: "", title: "", body: "" };
    this.errors = {};
    this.formError = null;
    this.busy = false;
    this.saved = false;
  }

  /** The response the draft was made from ("" for a new one; undefined before the first render). */
  private draftFor: string | undefined = undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = this.cannedResponse?.id ?? "";
    if (key === this.draftFor) return;
    const wasNew = this.draftFor === "";
    this.draftFor = key;
    const r = this.cannedResponse;
    this.draft = r ? { departmentId: r.departmentId, shortcut: r.shortcut, title: r.title, body: r.body } : { departmentId: this.scopes[0]?.id ?? null, shortcut: "", title: "", body: "" };
    this.errors = {};
    this.formError = null;
    // A response just created comes back as its own page: "Salvo" stays to say it worked.
    this.saved = this.saved && wasNew;
  }

  private edit(patch: Partial<CannedBody>): void {
    this.draft = { ...this.draft, ...patch };
    this.saved = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.errors = check(this.draft);
    this.formError = null;
    this.saved = false;
    if (Object.keys(this.errors).length > 0) return this.showErrors();
    this.busy = true;
    try {
      const original = this.cannedResponse;
      const { cannedResponse } = await this.app.call(() => (original ? cannedApi.update(original.id, this.draft) : cannedApi.create(this.draft)));
      forgetCannedCatalog();
      this.saved = true;
      this.dispatchEvent(new CustomEvent("ao-canned-saved", { detail: { cannedResponse, created: original === null }, bubbles: true, composed: true }));
    } catch (error) {
      this.refused(error);
    } finally {
      this.busy = false;
    }
  }

  /** Puts the server's refusal next to the control it names, or above Save. */
  private refused(error: unknown): void {
    const field = error instanceof ApiError ? error.field : undefined;
    if (error instanceof ApiError && error.code === "shortcut_taken") this.errors = { shortcut: "canned.error.shortcutTaken" };
    else if (field === "shortcut" || field === "title" || field === "body") this.errors = { [field]: FIELD_ERRORS[field] };
    else this.formError = error instanceof ApiError && error.status === 400 ? "people.error.invalid" : errorKey(error);
    void this.showErrors();
  }

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    focusFirstInvalid(this.renderRoot);
  }

  private async removeResponse(): Promise<void> {
    const r = this.cannedResponse;
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    if (!r || !confirm || this.busy) return;
    const ok = await confirm.ask({ heading: t("canned.deleteHeading", { shortcut: r.shortcut }), message: t("canned.deleteMessage"), confirm: t("canned.deleteConfirm") });
    if (!ok) return;
    this.busy = true;
    try {
      await this.app.call(() => cannedApi.remove(r.id));
      forgetCannedCatalog();
      this.dispatchEvent(new CustomEvent("ao-canned-deleted", { detail: { id: r.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.formError = errorKey(error);
    } finally {
      this.busy = false;
    }
  }

  private textField(field: "shortcut" | "title", label: MessageKey, max: number, hint?: MessageKey) {
    const id = `canned-${field}`;
    const error = this.errors[field];
    return html`<div class="field">
      <label for=${id}>${t(label)}</label>
      <input id=${id} data-testid=${id} required maxlength=${max} autocomplete="off" spellcheck=${field === "title" ? "true" : "false"} .value=${this.draft[field]}
        aria-invalid=${invalid(error)} aria-describedby=${describedBy(id, error, hint ? `${id}-hint` : undefined)}
        @input=${(e: Event) => this.edit({ [field]: (e.target as HTMLInputElement).value })} />
      ${hint ? html`<p id="${id}-hint" class="hint">${t(hint)}</p>` : nothing}
      ${fieldError(id, error)}
    </div>`;
  }

  override render() {
    const r = this.cannedResponse;
    const bodyError = this.errors.body;
    return html`<h1>${r ? t("canned.edit", { shortcut: r.shortcut }) : t("canned.new")}</h1>
      <form novalidate @submit=${this.submit}>
        <fieldset>
          <legend>${t("canned.heading")}</legend>
          <div class="field">
            <label for="canned-scope">${t("canned.scope")}</label>
            <select id="canned-scope" data-testid="canned-scope" @change=${(e: Event) => this.edit({ departmentId: (e.target as HTMLSelectElement).value || null })}>
              ${this.scopes.map((s) => html`<option value=${s.id ?? ""} ?selected=${s.id === this.draft.departmentId}>${s.name}</option>`)}
            </select>
          </div>
          ${this.textField("shortcut", "canned.shortcut", 32, "canned.shortcutHint")} ${this.textField("title", "canned.title", 80)}
          <div class="field">
            <label for="canned-body">${t("canned.body")}</label>
            <textarea id="canned-body" data-testid="canned-body" rows="5" maxlength="4000" .value=${this.draft.body}
              aria-invalid=${invalid(bodyError)} aria-describedby=${describedBy("canned-body", bodyError, "canned-body-hint")}
              @input=${(e: Event) => this.edit({ body: (e.target as HTMLTextAreaElement).value })}></textarea>
            <p id="canned-body-hint" class="hint">${t("canned.bodyHint")}</p>
            ${fieldError("canned-body", bodyError)}
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" data-testid="canned-save" ?disabled=${this.busy}>${this.busy ? t("people.saving") : r ? t("people.save") : t("canned.create")}</button>
          ${r ? html`<button type="button" class="danger" data-testid="canned-delete" ?disabled=${this.busy} @click=${() => void this.removeResponse()}>${t("canned.delete")}</button>` : nothing}
          <p class="form-message saved" role="status" data-testid="canned-saved">${this.saved ? t("people.saved") : ""}</p>
        </div>
        <p class="form-message error" role="alert" data-testid="canned-error">${this.formError ? t(this.formError) : ""}</p>
      </form>
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-canned-form", AoCannedForm);

declare global {
  interface HTMLElementEventMap {
    "ao-canned-saved": CustomEvent<{ cannedResponse: CannedResponseView; created: boolean }>;
    "ao-canned-deleted": CustomEvent<{ id: string }>;
  }
}
