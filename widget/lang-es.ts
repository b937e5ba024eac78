/** `/widget-lang-es.js`: registers the panel's Spanish texts (loaded by the loader before the panel needs them). */
import { registerPanelText } from "./i18n";
import { es } from "./i18n-es";

registerPanelText("es", es);
