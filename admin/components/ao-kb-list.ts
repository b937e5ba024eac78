/**
 * `<ao-kb-list>`: the Base de Conhecimento's articles, newest change first, filtered by words
 * (the server's full-text search), category and status, with each article's status and its
 * "Este artigo foi útil?" votes. A title opens the editor (`#/gestao/kb/<id>`).
 */
import { css, html, nothing } from "lit";
import { kbApi, type KbArticleStatus, type KbArticleSummary, type KbCategoryView } from "../api-kb";
import { errorKey } from "../errors";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus, pager } from "./list-parts";
import { peopleStyles } from "./people-styles";

export class AoKbList extends AppElement {
  static override properties = {
    categories: { attribute: false },
    articles: { state: true },
    q: { state: true },
    category: { state: true },
    status: { state: true },
    page: { state: true },
    hasMore: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    peopleStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.05rem;
        margin: 1rem 0 0.5rem;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: flex-end;
        margin-bottom: 0.8rem;
      }
      form label {
        display: grid;
        gap: 0.2rem;
        font-size: 0.85rem;
      }
      ul.rows {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      .rows > li {
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr) auto;
      }
      .title {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .line {
        font-size: 0.85rem;
        color: var(--ao-muted);
      }
      .badge {
        border-radius: 999px;
        padding: 0.1rem 0.6rem;
        font-size: 0.8rem;
      }
      .pager {
        display: flex;
        gap: 1rem;
        justify-content: center;
        align-items: center;
        margin-top: 1rem;
      }
      @media (max-width: 700px) {
        .rows > li {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  declare categories: KbCategoryView[];
  declare articles: KbArticleSummary[] | null;
  declare q: string;
  declare category: string;
  declare status: KbArticleStatus | "";
  declare page: number;
  declare hasMore: boolean;
  declare loading: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.categories = [];
    this.articles = null;
    this.q = "";
    this.category = "";
    this.status = "";
    this.page = 1;
    this.hasMore = false;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(1);
  }

  private async load(page: number): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const data = await this.app.call(() => kbApi.articles({ q: this.q.trim() || undefined, category: this.category || undefined, status: this.status || undefined, page }));
      this.articles = data.articles;
      this.page = data.page;
      this.hasMore = data.hasMore;
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private filters() {
    return html`<form role="search" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this.load(1);
      }}>
      <label>${t("kb.search")}<input type="search" data-testid="kb-search" maxlength="200" .value=${this.q} @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)} /></label>
      <label>${t("kb.filterCategory")}<select data-testid="kb-filter-category" @change=${(e: Event) => (this.category = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.category === ""}>${t("kb.allCategories")}</option>
          ${this.categories.map((c) => html`<option value=${c.id} ?selected=${this.category === c.id}>${c.name}</option>`)}
        </select></label>
      <label>${t("kb.filterStatus")}<select data-testid="kb-filter-status" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as KbArticleStatus | "")}>
          <option value="" ?selected=${this.status === ""}>${t("kb.allStatuses")}</option>
          <option value="published" ?selected=${this.status === "published"}>${t("kb.status.published")}</option>
          <option value="draft" ?selected=${this.status === "draft"}>${t("kb.status.draft")}</option>
        </select></label>
      <button type="submit" data-testid="kb-filter">${t("kb.filter")}</button>
    </form>`;
  }

  private row(article: KbArticleSummary) {
    const category = this.categories.find((c) => c.id === article.categoryId)?.name ?? "";
    const published = article.status === "published";
    return html`<li data-testid="kb-article" data-id=${article.id}>
      <span>
        <a class="title" href="#/gestao/kb/${encodeURIComponent(article.id)}" data-testid="kb-article-open">${article.title}</a>
        <span class="line">${category} · ${t("kb.updated", { date: formatDateTime(article.updatedAt) })}</span>
      </span>
      <span class="line" data-testid="kb-article-votes">
        <span aria-hidden="true">👍 ${article.helpfulYes} · 👎 ${article.helpfulNo}</span>
        <span class="visually-hidden">${t("kb.votes", { yes: article.helpfulYes, no: article.helpfulNo })}</span>
      </span>
      <span class="badges">
        <span class="badge ${published ? "ok" : "off"}" data-testid="kb-article-status">${t(published ? "kb.status.published" : "kb.status.draft")}</span>
      </span>
    </li>`;
  }

  override render() {
    const articles = this.articles;
    return html`<section aria-labelledby="kb-articles-heading">
      <h2 id="kb-articles-heading">${t("kb.articles")}</h2>
      ${this.filters()}
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus({ error: this.error, loading: this.loading, loaded: articles !== null, empty: articles?.length === 0 }, { loading: t("page.loading"), empty: t("kb.empty") })}
        ${articles && articles.length > 0 ? html`<ul class="rows" aria-labelledby="kb-articles-heading">${articles.map((a) => this.row(a))}</ul>` : nothing}
      </div>
      ${pager({ page: this.page, hasMore: this.hasMore, loading: this.loading }, { page: t("kb.page", { page: this.page }), prev: t("kb.prev"), next: t("kb.next") }, "kb-page", (p) => void this.load(p))}
    </section>`;
  }
}
define("ao-kb-list", AoKbList);
