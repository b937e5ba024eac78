/**
 * `<ao-language>`: the language switch (pt-BR / English / Español), kept in localStorage by i18n.ts.
 */
import { css, html } from "lit";
import { isLocale, LOCALES, t, type Locale } from "../i18n";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

const NAMES: Record<Locale, string> = { "pt-BR": "Português", en: "English", es: "Español" };

export class AoLanguage extends AppElement {
  static override styles = [
    ...AppElement.styles,
    css`
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
      }
      select {
        padding: 0.25rem 0.4rem;
      }
    `,
  ];

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    const locale = this.app.store.locale;
    return html`<label>
      <span class="visually-hidden">${t("app.language")}</span>
      <select
        name="language"
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          if (isLocale(value)) this.app.store.setLocale(value);
        }}
      >
        ${LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === locale}>${NAMES[l]}</option>`)}
      </select>
    </label>`;
  }
}
define("ao-language", AoLanguage);
