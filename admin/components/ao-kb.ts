/**
 * `<ao-kb>`: Gestão › Base de Conhecimento. The categories, the article list with status and
 * votes, and one article's editor (`#/gestao/kb/<id>`, or `/new`). Every attendant reads it;
 * administrators and attendants with `kbEditor` write (the server says so in `canEdit`).
 */
import { css, html, nothing } from "lit";
import { kbApi, type KbCategoryView } from "../api-kb";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-kb-categories";
import "./ao-kb-editor";
import "./ao-kb-list";

/** The route id of the "Novo artigo" editor. */
export const NEW_ARTICLE_ID = "new";

export class AoKb extends AppElement {
  static override properties = {
    categories: { state: true },
    canEdit: { state: true },
    publicUrl: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    peopleStyles,
    css`
      .links {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: center;
      }
    `,
  ];

  declare categories: KbCategoryView[] | null;
  declare canEdit: boolean;
  declare publicUrl: string;
  declare loading: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.categories = null;
    this.canEdit = false;
    this.publicUrl = "";
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const data = await this.app.call(() => kbApi.categories());
      this.categories = data.categories;
      this.canEdit = data.canEdit;
      this.publicUrl = data.publicUrl;
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private shown: string | null | undefined = undefined;

  /** Back on the list from an editor, the categories are read again (article counts changed). */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const id = this.openId;
    if (id === this.shown) return;
    if (id === null && this.shown !== undefined && !this.loading) void this.load();
    this.shown = id;
  }

  private get openId(): string | null {
    const route = this.app.store.route;
    return route.page === "gestao" && route.section === "kb" ? (route.id ?? null) : null;
  }

  private list() {
    const categories = this.categories;
    return html`<div class="top">
        <h1>${t("kb.heading")}</h1>
        <div class="links">
          ${this.publicUrl ? html`<a href=${this.publicUrl} target="_blank" rel="noopener" data-testid="kb-public-link">${t("kb.publicLink")}</a>` : nothing}
          ${this.canEdit && categories?.length ? html`<a class="button" href="#/gestao/kb/${NEW_ARTICLE_ID}" data-testid="kb-new">${t("kb.newArticle")}</a>` : nothing}
        </div>
      </div>
      <p class="muted">${t("kb.intro")}</p>
      ${this.canEdit ? nothing : html`<p class="muted" data-testid="kb-read-only">${t("kb.readOnly")}</p>`}
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus({ error: this.error, loading: this.loading, loaded: categories !== null, empty: false }, { loading: t("page.loading"), empty: "" })}
      </div>
      ${categories
        ? html`<ao-kb-categories .app=${this.app} .categories=${categories} .canEdit=${this.canEdit} @ao-kb-categories-changed=${() => void this.load()}></ao-kb-categories>
            <ao-kb-list .app=${this.app} .categories=${categories}></ao-kb-list>`
        : nothing}`;
  }

  override render() {
    const id = this.openId;
    if (id === null) return this.list();
    const back = html`<a class="back" href="#/gestao/kb" data-testid="kb-back">${t("kb.back")}</a>`;
    if (this.categories === null) return html`${back}${listStatus({ error: this.error, loading: true, loaded: false, empty: false }, { loading: t("page.loading"), empty: "" })}`;
    if (!this.canEdit) return html`${back}<p class="muted">${t("kb.readOnly")}</p>`;
    if (this.categories.length === 0) return html`${back}<p class="muted">${t("kb.needCategory")}</p>`;
    return html`${back}<ao-kb-editor .app=${this.app} .articleId=${id === NEW_ARTICLE_ID ? null : id} .categories=${this.categories}
        @ao-kb-article-created=${(e: CustomEvent<{ id: string }>) => this.app.navigate({ page: "gestao", section: "kb", id: e.detail.id })}
        @ao-kb-article-deleted=${() => {
          this.app.store.notify("kb.deleted");
          this.app.navigate({ page: "gestao", section: "kb" });
        }}></ao-kb-editor>`;
  }
}
define("ao-kb", AoKb);
