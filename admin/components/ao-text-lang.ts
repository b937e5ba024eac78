/**
 * `<ao-text-lang>`: the language switch of "Personalizar chat"'s texts (pt-BR / English /
 * Español). Custom texts are per language; each option says how many texts that language has
 * of its own, and which one is the account's language (the one the others fall back to). The
 * choice also sets the preview's language. Radio buttons: arrow keys move between languages.
 *
 * @fires ao-text-lang - `detail: Lang`, the language picked
 */
import { css, html } from "lit";
import { t } from "../i18n";
import { LANGS, type Lang } from "../look";
import { AppElement, define } from "./app-element";

export class AoTextLang extends AppElement {
  static override properties = {
    lang: { attribute: false },
    base: { attribute: false },
    counts: { attribute: false },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      fieldset {
        border: 0;
        margin: 0 0 0.6rem;
        padding: 0;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.35rem;
      }
      .options {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.1rem;
        min-width: 8.5rem;
        padding: 0.45rem 0.7rem 0.45rem 2rem;
        position: relative;
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        cursor: pointer;
      }
      label:has(input:checked) {
        border-color: var(--ao-accent);
        box-shadow: inset 0 0 0 1px var(--ao-accent);
      }
      input {
        position: absolute;
        left: 0.6rem;
        top: 0.6rem;
        margin: 0;
      }
      .name {
        font-weight: 600;
      }
      small {
        color: var(--ao-muted);
      }
      small.own {
        color: inherit;
      }
    `,
  ];

  declare lang: Lang;
  declare base: Lang;
  /** How many texts each language has of its own. */
  declare counts: Record<Lang, number>;

  private pick(lang: Lang): void {
    this.dispatchEvent(new CustomEvent("ao-text-lang", { detail: lang, bubbles: true, composed: true }));
  }

  override render() {
    return html`<fieldset>
      <legend>${t("customize.textsLang")}</legend>
      <div class="options">
        ${LANGS.map((lang) => {
          const count = this.counts[lang];
          return html`<label data-testid=${`text-lang-${lang}`}>
            <input type="radio" name="text-lang" value=${lang} .checked=${lang === this.lang} @change=${() => this.pick(lang)} />
            <span class="name" lang=${lang}>${t(`lang.${lang}`)}${lang === this.base ? ` · ${t("customize.accountLang")}` : ""}</span>
            <small class=${count > 0 ? "own" : ""}>${count > 0 ? t("customize.textsOwn", { count: String(count) }) : t("customize.textsNone")}</small>
          </label>`;
        })}
      </div>
    </fieldset>`;
  }
}
define("ao-text-lang", AoTextLang);

declare global {
  interface HTMLElementEventMap {
    "ao-text-lang": CustomEvent<Lang>;
  }
}
