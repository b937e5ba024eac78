/** `/widget-lang-en.js`: registers the panel's English texts (loaded by the loader before the panel needs them). */
import { registerPanelText } from "./i18n";
import { en } from "./i18n-en";

registerPanelText("en", en);
