/**
 * `<ao-kb-categories>`: the Base de Conhecimento's categories with their article counts; for an
 * editor, an "add" form, renaming in place and deleting (asked first; refused while the category
 * has articles).
 *
 * @fires ao-kb-categories-changed - after any change, so the page reads them again
 */
import { css, html, nothing } from "lit";
import { ApiError } from "../api";
import { kbApi, type KbCategoryView } from "../api-kb";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import { peopleStyles } from "./people-styles";
import "./ao-confirm";

export class AoKbCategories extends AppElement {
  static override properties = {
    categories: { attribute: false },
    canEdit: { attribute: false },
    name: { state: true },
    description: { state: true },
    editing: { state: true },
    editName: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    peopleStyles,
    css`
      :host {
        display: block;
        margin-bottom: 1.5rem;
      }
      h2 {
        font-size: 1.05rem;
        margin: 1rem 0 0.5rem;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.4rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1rem;
        align-items: center;
        padding: 0.5rem 0.8rem;
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        background: var(--ao-surface);
      }
      .name {
        font-weight: 600;
        flex: 1 1 12rem;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--ao-muted);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: flex-end;
        margin-top: 0.6rem;
      }
      form label {
        display: grid;
        gap: 0.2rem;
        font-size: 0.85rem;
      }
      .error {
        color: var(--ao-danger);
      }
    `,
  ];

  declare categories: KbCategoryView[];
  declare canEdit: boolean;
  declare name: string;
  declare description: string;
  declare editing: string | null;
  declare editName: string;
  declare busy: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.categories = [];
    this.canEdit = false;
    this.name = "";
    this.description = "";
    this.editing = null;
    this.editName = "";
    this.busy = false;
    this.error = null;
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent("ao-kb-categories-changed", { bubbles: true, composed: true }));
  }

  private refusal(error: unknown): MessageKey {
    if (error instanceof ApiError && error.code === "slug_taken") return "kb.error.categorySlugTaken";
    if (error instanceof ApiError && error.code === "category_not_empty") return "kb.categoryNotEmpty";
    if (error instanceof ApiError && error.status === 400) return "kb.error.categoryName";
    return errorKey(error);
  }

  private async run(action: () => Promise<unknown>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await this.app.call(action);
      this.changed();
      return true;
    } catch (error) {
      this.error = this.refusal(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.name.trim()) {
      this.error = "kb.error.categoryName";
      return;
    }
    if (await this.run(() => kbApi.createCategory({ name: this.name.trim(), description: this.description.trim() }))) {
      this.name = "";
      this.description = "";
    }
  }

  private async rename(event: SubmitEvent, category: KbCategoryView): Promise<void> {
    event.preventDefault();
    if (!this.editName.trim()) {
      this.error = "kb.error.categoryName";
      return;
    }
    if (await this.run(() => kbApi.updateCategory(category.id, { name: this.editName.trim() }))) this.editing = null;
  }

  private async removeCategory(category: KbCategoryView): Promise<void> {
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    if (!confirm) return;
    const ok = await confirm.ask({ heading: t("kb.categoryDeleteHeading", { name: category.name }), message: t("kb.categoryDeleteMessage"), confirm: t("kb.deleteConfirm") });
    if (ok && (await this.run(() => kbApi.removeCategory(category.id)))) this.app.store.notify("kb.categoryDeleted");
  }

  private row(category: KbCategoryView) {
    if (this.editing === category.id) {
      return html`<li data-testid="kb-category" data-id=${category.id}>
        <form @submit=${(e: SubmitEvent) => void this.rename(e, category)}>
          <label>${t("kb.categoryName")}<input data-testid="kb-category-edit-name" maxlength="80" .value=${this.editName} @input=${(e: Event) => (this.editName = (e.target as HTMLInputElement).value)} /></label>
          <button type="submit" class="primary" ?disabled=${this.busy}>${t("kb.categorySave")}</button>
          <button type="button" @click=${() => (this.editing = null)}>${t("kb.categoryCancel")}</button>
        </form>
      </li>`;
    }
    return html`<li data-testid="kb-category" data-id=${category.id}>
      <span class="name">${category.name}</span>
      <span class="muted">/${category.slug}/ · ${t("kb.categoryCount", { count: category.articleCount })}</span>
      ${this.canEdit
        ? html`<button type="button" data-testid="kb-category-rename" aria-label=${t("kb.categoryEdit", { name: category.name })} @click=${() => {
              this.editing = category.id;
              this.editName = category.name;
            }}>${t("kb.rename")}</button>
            <button type="button" class="danger" data-testid="kb-category-delete" aria-label=${t("kb.categoryDelete", { name: category.name })} ?disabled=${this.busy}
              @click=${() => void this.removeCategory(category)}>${t("kb.deleteConfirm")}</button>`
        : nothing}
    </li>`;
  }

  override render() {
    return html`<section aria-labelledby="kb-categories-heading">
        <h2 id="kb-categories-heading">${t("kb.categories")}</h2>
        ${this.categories.length === 0 ? html`<p class="muted">${t("kb.categoryEmpty")}</p>` : html`<ul>${this.categories.map((c) => this.row(c))}</ul>`}
        ${this.canEdit
          ? html`<form @submit=${(e: SubmitEvent) => void this.add(e)} data-testid="kb-category-form">
              <label>${t("kb.categoryName")}<input data-testid="kb-category-name" maxlength="80" required .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} /></label>
              <label>${t("kb.categoryDescription")}<input data-testid="kb-category-description" maxlength="300" .value=${this.description} @input=${(e: Event) => (this.description = (e.target as HTMLInputElement).value)} /></label>
              <button type="submit" class="primary" data-testid="kb-category-add" ?disabled=${this.busy}>${t("kb.categoryAdd")}</button>
            </form>`
          : nothing}
        <p class="error" role="alert" data-testid="kb-category-error">${this.error ? t(this.error) : ""}</p>
      </section>
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-kb-categories", AoKbCategories);

declare global {
  interface HTMLElementEventMap {
    "ao-kb-categories-changed": CustomEvent<void>;
  }
}
