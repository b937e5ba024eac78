/**
 * `<ms-kb>`: the Base de Conhecimento in the app: a search box (the API's full-text search),
 * the categories, the articles found, and one article (`articleId`, drawn by `<ms-article>`).
 * Public: no login needed.
 */
import { html, nothing, type PropertyValues } from "lit";
import { Offline } from "../api";
import { LightElement } from "../light-element";
import { articleHash } from "../route";
import type { KbArticleSummary, KbCategory } from "../types";
import type { MsApp } from "./ms-app";
import "./ms-article";

export class MsKb extends LightElement {
  static override properties = {
    app: { attribute: false },
    articleId: { attribute: false },
    categories: { state: true },
    articles: { state: true },
    category: { state: true },
    query: { state: true },
    error: { state: true },
  };
  declare app: MsApp;
  declare articleId: string | null;
  declare categories: KbCategory[] | null;
  declare articles: KbArticleSummary[] | null;
  declare category: string;
  declare query: string;
  declare error: string;

  constructor() {
    super();
    this.articleId = null;
    this.categories = null;
    this.articles = null;
    this.category = "";
    this.query = "";
    this.error = "";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("articleId") && !this.articleId && this.categories === null) void this.#loadIndex();
  }

  async #loadIndex(): Promise<void> {
    try {
      const [{ categories }, { articles }] = await Promise.all([this.app.client.categories(), this.app.client.articles(this.query, this.category)]);
      this.categories = categories;
      this.articles = articles;
      this.error = "";
    } catch (error) {
      this.error = error instanceof Offline ? this.app.texts.offline : this.app.texts.genericError;
    }
  }

  async #search(): Promise<void> {
    try {
      this.articles = null;
      this.articles = (await this.app.client.articles(this.query, this.category)).articles;
      this.error = "";
    } catch (error) {
      this.error = error instanceof Offline ? this.app.texts.offline : this.app.texts.genericError;
    }
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    this.query = String(new FormData(event.currentTarget as HTMLFormElement).get("q") ?? "").trim();
    void this.#search();
  }

  #pick(slug: string): void {
    this.category = this.category === slug ? "" : slug;
    void this.#search();
  }

  override render() {
    if (this.articleId) return html`<ms-article .app=${this.app} .articleId=${this.articleId}></ms-article>`;
    const t = this.app.texts;
    return html`<section aria-labelledby="ms-kb-title">
      <h2 id="ms-kb-title">${t.kbTitle}</h2>
      <form class="ms-search" role="search" @submit=${(event: SubmitEvent) => this.#submit(event)}>
        <label for="ms-q" class="ms-visually-hidden">${t.searchLabel}</label>
        <input id="ms-q" name="q" type="search" maxlength="200" .value=${this.query} placeholder=${t.searchLabel} />
        <button type="submit" class="ms-primary">${t.search}</button>
      </form>
      <p class="ms-error" role="alert">${this.error}</p>
      ${this.categories?.length
        ? html`<h3>${t.categories}</h3>
            <ul class="ms-chips" data-testid="categories">
              <li><button type="button" aria-pressed=${this.category === "" ? "true" : "false"} @click=${() => this.#pick("")}>${t.allArticles}</button></li>
              ${this.categories.map(
                (c) => html`<li>
                  <button type="button" aria-pressed=${this.category === c.slug ? "true" : "false"} @click=${() => this.#pick(c.slug)}>
                    ${c.name} <span class="ms-count">(${t.articleCount(c.articleCount)})</span>
                  </button>
                </li>`,
              )}
            </ul>`
        : nothing}
      ${this.#articles()}
    </section>`;
  }

  #articles() {
    const t = this.app.texts;
    if (this.articles === null) return this.error ? nothing : html`<p class="ms-empty">${t.loading}</p>`;
    return html`<p class="ms-visually-hidden" role="status">${t.results(this.articles.length)}</p>
      ${this.articles.length === 0
        ? html`<p class="ms-empty">${t.noArticles}</p>`
        : html`<ul class="ms-list" data-testid="articles">
            ${this.articles.map(
              (a) => html`<li>
                <a href=${articleHash(a.id)} data-article-id=${a.id}>
                  <span class="ms-row-title">${a.title}</span>
                  ${a.description ? html`<span class="ms-row-meta">${a.description}</span>` : nothing}
                </a>
              </li>`,
            )}
          </ul>`}`;
  }
}

if (!customElements.get("ms-kb")) customElements.define("ms-kb", MsKb);
