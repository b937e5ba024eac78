/**
 * The panel's texts for a page not in Portuguese: `/widget-lang-en.js` or `/widget-lang-es.js`
 * (entries widget/lang-en.ts, lang-es.ts), fetched once per language when the panel is first
 * asked to speak it, so that a page in Portuguese never downloads them.
 */
import { hasPanelText, type Lang } from "./i18n";

const pending = new Map<Lang, Promise<void>>();

/** Resolves once `lang`'s texts are registered; a failed load may be tried again later. */
export function loadLanguage(server: string, lang: Lang): Promise<void> {
  if (hasPanelText(lang)) return Promise.resolve();
  let loading = pending.get(lang);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = `${server}/widget-lang-${lang}.js`;
      tag.async = true;
      tag.onload = () => resolve();
      tag.onerror = () => {
        pending.delete(lang);
        tag.remove();
        reject(new Error(`widget-lang-${lang}.js failed to load`));
      };
      document.head.append(tag);
    });
    pending.set(lang, loading);
  }
  return loading;
}
