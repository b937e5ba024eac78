/**
 * `<ao-kb-editor>`: one Base de Conhecimento article (`articleId`), or a new one when null:
 * title, category, slug, summary and the Markdown body, a preview of the server's sanitized HTML
 * in an iframe sandboxed with no permissions (`sandbox=""`, `srcdoc`: never inserted into the
 * console's own DOM), save, publish / unpublish, delete (asked first) and the public page link.
 *
 * @fires ao-kb-article-created - `detail: { id }`
 * @fires ao-kb-article-deleted - `detail: { id }`
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { ApiError } from "../api";
import { kbApi, type KbArticleStatus, type KbArticleView, type KbCategoryView } from "../api-kb";
import { errorKey } from "../errors";
import { getLocale, t, type MessageKey } from "../i18n";
import { checkKbDraft, kbCreateBody, kbDraft, kbErrorField, kbPatchBody, previewDocument, KB_BODY_MAX, KB_DESCRIPTION_MAX, KB_TITLE_MAX, type KbDraft, type KbErrors, type KbField } from "../kb-form";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import { describedBy, fieldError, focusFirstInvalid, invalid } from "./form-parts";
import { pageStyles } from "./page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-confirm";

const IDS: Record<KbField, string> = { title: "kb-title", categoryId: "kb-category", slug: "kb-slug", description: "kb-description", body: "kb-body" };

export class AoKbEditor extends AppElement {
  static override properties = {
    articleId: { attribute: false },
    categories: { attribute: false },
    article: { state: true },
    draft: { state: true },
    errors: { state: true },
    formError: { state: true },
    notice: { state: true },
    busy: { state: true },
    previewHtml: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    peopleStyles,
    css`
      :host {
        padding: 0;
        margin: 0;
        max-width: 60rem;
      }
      textarea.markdown {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        min-height: 16rem;
        max-width: none;
      }
      iframe {
        width: 100%;
        min-height: 16rem;
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        background: #fff;
      }
      .status {
        font-weight: 600;
      }
    `,
  ];

  declare articleId: string | null;
  declare categories: KbCategoryView[];
  declare article: KbArticleView | null;
  declare draft: KbDraft;
  declare errors: KbErrors;
  declare formError: MessageKey | null;
  declare notice: MessageKey | null;
  declare busy: boolean;
  declare previewHtml: string | null;

  constructor() {
    super();
    this.articleId = null;
    this.categories = [];
    this.article = null;
    this.draft = kbDraft();
    this.errors = {};
    this.formError = null;
    this.notice = null;
    this.busy = false;
    this.previewHtml = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("articleId") && this.articleId !== (this.article?.id ?? null)) {
      this.article = null;
      this.previewHtml = null;
      this.errors = {};
      this.formError = null;
      this.draft = kbDraft(null, this.categories[0]?.id ?? "");
      if (this.articleId) void this.load(this.articleId);
    }
    // A new article starts in the first category: the select shows it, so the draft must hold it.
    if (!this.article && !this.categories.some((c) => c.id === this.draft.categoryId) && this.categories[0]) {
      this.draft = { ...this.draft, categoryId: this.categories[0].id };
    }
  }

  private async load(id: string): Promise<void> {
    try {
      const { article } = await this.app.call(() => kbApi.article(id));
      this.article = article;
      this.draft = kbDraft(article);
    } catch (error) {
      this.formError = errorKey(error);
    }
  }

  private edit(patch: Partial<KbDraft>): void {
    this.draft = { ...this.draft, ...patch };
    this.notice = null;
    const now = checkKbDraft(this.draft);
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([field, key]) => now[field as KbField] === key || key === "kb.error.slugTaken"));
  }

  private async save(status: KbArticleStatus): Promise<void> {
    if (this.busy) return;
    this.errors = checkKbDraft(this.draft);
    this.formError = null;
    this.notice = null;
    if (Object.keys(this.errors).length > 0) return this.showErrors();
    this.busy = true;
    const original = this.article;
    try {
      const { article } = await this.app.call(() => (original ? kbApi.updateArticle(original.id, kbPatchBody(original, this.draft, status)) : kbApi.createArticle(kbCreateBody(this.draft, status))));
      this.article = article;
      this.draft = kbDraft(article);
      this.previewHtml = this.previewHtml === null ? null : article.html;
      this.notice = original?.status !== status && status === "published" ? "kb.publishedNotice" : original && original.status !== status ? "kb.unpublishedNotice" : "kb.saved";
      if (!original) this.dispatchEvent(new CustomEvent("ao-kb-article-created", { detail: { id: article.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.refused(error);
    } finally {
      this.busy = false;
    }
  }

  private refused(error: unknown): void {
    const field = error instanceof ApiError && (error.status === 400 || error.status === 409) ? kbErrorField(error.code, error.field) : null;
    if (field) this.errors = { [field]: error instanceof ApiError && error.code === "slug_taken" ? "kb.error.slugTaken" : "kb.error.field" };
    else this.formError = error instanceof ApiError && error.status === 400 ? "people.error.invalid" : errorKey(error);
    void this.showErrors();
  }

  private async showErrors(): Promise<void> {
    await this.updateComplete;
    focusFirstInvalid(this.renderRoot);
  }

  private async preview(): Promise<void> {
    try {
      const { html: rendered } = await this.app.call(() => kbApi.preview(this.draft.body));
      this.previewHtml = rendered;
    } catch (error) {
      this.formError = errorKey(error);
    }
  }

  private async removeArticle(): Promise<void> {
    const article = this.article;
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    if (!article || !confirm || this.busy) return;
    const ok = await confirm.ask({ heading: t("kb.deleteHeading", { title: article.title }), message: t("kb.deleteMessage"), confirm: t("kb.deleteConfirm") });
    if (!ok) return;
    this.busy = true;
    try {
      await this.app.call(() => kbApi.removeArticle(article.id));
      this.dispatchEvent(new CustomEvent("ao-kb-article-deleted", { detail: { id: article.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.formError = errorKey(error);
    } finally {
      this.busy = false;
    }
  }

  private input(field: "title" | "slug" | "description", label: MessageKey, max: number, hint?: MessageKey) {
    const id = IDS[field];
    const error = this.errors[field];
    return html`<div class="field">
      <label for=${id}>${t(label)}</label>
      <input id=${id} data-testid=${id} maxlength=${max} autocomplete="off" ?required=${field === "title"} .value=${this.draft[field]}
        aria-invalid=${invalid(error)} aria-describedby=${describedBy(id, error, hint ? `${id}-hint` : undefined)}
        @input=${(e: Event) => this.edit({ [field]: (e.target as HTMLInputElement).value })} />
      ${hint ? html`<p id="${id}-hint" class="hint">${t(hint)}</p>` : nothing}
      ${fieldError(id, error)}
    </div>`;
  }

  private fields() {
    const categoryError = this.errors.categoryId;
    const bodyError = this.errors.body;
    return html`<fieldset>
      <legend>${t("kb.editHeading")}</legend>
      ${this.input("title", "kb.title", KB_TITLE_MAX)}
      <div class="field">
        <label for="kb-category">${t("kb.category")}</label>
        <select id="kb-category" data-testid="kb-category" aria-invalid=${invalid(categoryError)} aria-describedby=${describedBy("kb-category", categoryError)}
          @change=${(e: Event) => this.edit({ categoryId: (e.target as HTMLSelectElement).value })}>
          ${this.categories.map((c) => html`<option value=${c.id} ?selected=${c.id === this.draft.categoryId}>${c.name}</option>`)}
        </select>
        ${fieldError("kb-category", categoryError)}
      </div>
      ${this.input("slug", "kb.slug", 80, "kb.slugHint")} ${this.input("description", "kb.description", KB_DESCRIPTION_MAX)}
      <div class="field">
        <label for="kb-body">${t("kb.body")}</label>
        <textarea id="kb-body" class="markdown" data-testid="kb-body" maxlength=${KB_BODY_MAX} spellcheck="true" .value=${this.draft.body}
          aria-invalid=${invalid(bodyError)} aria-describedby=${describedBy("kb-body", bodyError, "kb-body-hint")}
          @input=${(e: Event) => this.edit({ body: (e.target as HTMLTextAreaElement).value })}></textarea>
        <p id="kb-body-hint" class="hint">${t("kb.bodyHint")}</p>
        ${fieldError("kb-body", bodyError)}
      </div>
    </fieldset>`;
  }

  private previewPane() {
    if (this.previewHtml === null) return nothing;
    return html`<section aria-labelledby="kb-preview-heading">
      <h2 class="section" id="kb-preview-heading">${t("kb.previewTitle")}</h2>
      <p class="hint">${t("kb.previewHint")}</p>
      <iframe sandbox="" data-testid="kb-preview" title=${t("kb.previewTitle")} .srcdoc=${previewDocument(this.previewHtml, getLocale())}></iframe>
    </section>`;
  }

  private actions() {
    const a = this.article;
    const status = a?.status ?? "draft";
    const published = status === "published";
    return html`<div class="actions">
      <button type="button" class="primary" data-testid="kb-save" ?disabled=${this.busy} @click=${() => void this.save(status)}>${a ? t("kb.save") : t("kb.saveDraft")}</button>
      <button type="button" data-testid=${published ? "kb-unpublish" : "kb-publish"} ?disabled=${this.busy} @click=${() => void this.save(published ? "draft" : "published")}>
        ${published ? t("kb.unpublish") : t("kb.publish")}
      </button>
      <button type="button" data-testid="kb-preview-button" @click=${() => void this.preview()}>${t("kb.preview")}</button>
      ${a ? html`<button type="button" class="danger" data-testid="kb-delete" ?disabled=${this.busy} @click=${() => void this.removeArticle()}>${t("kb.delete")}</button>` : nothing}
      ${a && published ? html`<a href=${a.url} target="_blank" rel="noopener" data-testid="kb-view">${t("kb.view")}</a>` : nothing}
      <p class="form-message saved" role="status" data-testid="kb-notice">${this.notice ? t(this.notice) : ""}</p>
    </div>`;
  }

  override render() {
    const a = this.article;
    if (this.articleId && !a) return html`<p class="form-message error" role="alert">${this.formError ? t(this.formError) : ""}</p>`;
    return html`<h1>${a ? a.title : t("kb.newArticle")}</h1>
      ${a ? html`<p class="status" data-testid="kb-status">${t(a.status === "published" ? "kb.status.published" : "kb.status.draft")}</p>` : nothing}
      <form novalidate @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          void this.save(a?.status ?? "draft");
        }}>
        ${this.fields()} ${this.actions()}
        <p class="form-message error" role="alert" data-testid="kb-error">${this.formError ? t(this.formError) : ""}</p>
      </form>
      ${this.previewPane()}
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-kb-editor", AoKbEditor);

declare global {
  interface HTMLElementEventMap {
    "ao-kb-article-created": CustomEvent<{ id: string }>;
    "ao-kb-article-deleted": CustomEvent<{ id: string }>;
  }
}
