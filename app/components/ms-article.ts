/**
 * `<ms-article>`: one knowledge-base article. Its `html` was sanitized by the server when it
 * was saved; even so it never enters this document: it is the `srcdoc` of a sandboxed frame
 * (no scripts, no forms, no top navigation; its own Content-Security-Policy), whose height
 * follows its content. Links open in a new tab. "Este artigo foi útil?" sends one vote.
 */
import { html, nothing, type PropertyValues } from "lit";
import { Offline } from "../api";
import { LightElement } from "../light-element";
import { TAB_HASH } from "../route";
import type { KbArticle } from "../types";
import type { MsApp } from "./ms-app";

const FRAME_STYLE =
  "body{margin:0;font:16px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;overflow-wrap:anywhere}" +
  "img,video{max-width:100%;height:auto}pre{overflow:auto;background:#f3f4f6;padding:8px;border-radius:6px}" +
  "table{border-collapse:collapse;display:block;overflow:auto}td,th{border:1px solid #d0d5dd;padding:4px 8px}a{color:#1d4ed8}";

/** The frame's document: the sanitized article inside a page that can load nothing but images. */
export function articleDocument(article: KbArticle, lang: string): string {
  const csp = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'";
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}"><base target="_blank">` +
    `<style>${FRAME_STYLE}</style></head><body>${article.html}</body></html>`
  );
}

export class MsArticle extends LightElement {
  static override properties = {
    app: { attribute: false },
    articleId: { attribute: false },
    article: { state: true },
    error: { state: true },
    voted: { state: true },
  };
  declare app: MsApp;
  declare articleId: string;
  declare article: KbArticle | null;
  declare error: string;
  declare voted: boolean;

  constructor() {
    super();
    this.article = null;
    this.error = "";
    this.voted = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("articleId")) {
      this.article = null;
      this.voted = false;
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    try {
      this.article = (await this.app.client.article(this.articleId)).article;
      this.error = "";
    } catch (error) {
      this.error = error instanceof Offline ? this.app.texts.offline : this.app.texts.genericError;
    }
  }

  async #vote(helpful: boolean): Promise<void> {
    try {
      await this.app.client.vote(this.articleId, helpful);
      this.voted = true;
    } catch (error) {
      this.error = error instanceof Offline ? this.app.texts.offline : this.app.texts.genericError;
    }
  }

  /** Sizes the frame to its content (same origin for the parent, thanks to allow-same-origin; no scripts inside). */
  #fit(event: Event): void {
    const frame = event.currentTarget as HTMLIFrameElement;
    const doc = frame.contentDocument;
    if (doc) frame.style.height = `${doc.documentElement.scrollHeight + 4}px`;
  }

  override render() {
    const t = this.app.texts;
    const article = this.article;
    return html`<article aria-labelledby="ms-article-title">
      <p><a class="ms-back" href=${TAB_HASH.kb}>← ${t.back}</a></p>
      ${article
        ? html`<p class="ms-hint">${article.categoryName}</p>
            <h2 id="ms-article-title">${article.title}</h2>
            ${article.description ? html`<p class="ms-lead">${article.description}</p>` : nothing}
            <iframe
              class="ms-article-frame"
              title=${t.articleFrame}
              sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
              referrerpolicy="no-referrer"
              .srcdoc=${articleDocument(article, this.app.language)}
              @load=${(event: Event) => this.#fit(event)}
            ></iframe>
            <div class="ms-card ms-vote" role="group" aria-labelledby="ms-vote-q">
              ${this.voted
                ? html`<p role="status">${t.thanks}</p>`
                : html`<p id="ms-vote-q">${t.helpful}</p>
                    <button type="button" class="ms-secondary" @click=${() => void this.#vote(true)}>${t.yes}</button>
                    <button type="button" class="ms-secondary" @click=${() => void this.#vote(false)}>${t.no}</button>`}
            </div>`
        : html`<h2 id="ms-article-title">${t.kbTitle}</h2>${this.error ? nothing : html`<p class="ms-empty">${t.loading}</p>`}`}
      <p class="ms-error" role="alert">${this.error}</p>
    </article>`;
  }
}

if (!customElements.get("ms-article")) customElements.define("ms-article", MsArticle);
