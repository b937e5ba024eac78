/**
 * The panel's texts for a page not in Portuguese: `/widget-lang-en.js` or `/widget-lang-es.js`
 * (entries widget/lang-en.ts, lang-es.ts), fetched once per language when the panel is first
 * asked to speak it, so that a page in Portuguese never downloads them.
 */
import { loadScript } from "./chunks";
import { hasPanelText, type Lang } from "./i18n";

/** Resolves once `lang`'s texts are registered; a failed load may be tried again later. */
export function loadLanguage(server: string, lang: Lang): Promise<void> {
  return hasPanelText(lang) ? Promise.resolve() : loadScript(`${server}/widget-lang-${lang}.js`);
}
