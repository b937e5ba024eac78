// Widget bundle sizes as a customer's browser downloads them: gzip -9 of the built files, and
// brotli at quality 11 beside it (Cloudflare serves brotli to browsers that accept it).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const codecs = {
  gzip: (bytes) => gzipSync(bytes, { level: 9 }).length,
  br: (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
};

/**
 * `[name, value]` figures for what a page view downloads from our server, each response
 * compressed on its own (`_gzip_bytes`, then `_br_bytes` for each): before the launcher shows,
 * widget.js and the config JSON (`widget_gzip_bytes`); for a usable chat, those plus
 * widget-panel.js (with the rest of the element, loaded right after the launcher shows) (`widget_open_gzip_bytes`, a page in Portuguese), plus its language's texts for
 * a page in English or Spanish (`widget_open_en_gzip_bytes`…).
 * "Until a customer can type" is until the pre-chat form (name, e-mail, first message) works:
 * the live chat's machinery, widget-chat.js (controller, socket, message views), is fetched when
 * the panel shows but needed only once a chat exists (started from the form, or resumed), so it
 * is not in `widget_open_*`; it is printed on its own (`widget_chat_gzip_bytes`), and
 * `widget_chat_open_gzip_bytes` is everything a page in Portuguese has downloaded once its chat
 * is on.
 * @param {string} publicDir
 * @param {string} configJson the body of /api/widget/config for the demo account
 */
export function widgetSizes(publicDir, configJson) {
  const loader = join(publicDir, "widget.js");
  if (!existsSync(loader)) return [["widget_gzip_bytes", "missing (public/widget.js not built)"]];
  const figures = [];
  for (const [codec, size] of Object.entries(codecs)) {
    const file = (name) => (existsSync(join(publicDir, name)) ? size(readFileSync(join(publicDir, name))) : null);
    const config = size(Buffer.from(configJson));
    const first = file("widget.js") + config;
    figures.push([`widget_loader_${codec}_bytes`, file("widget.js")]);
    figures.push([`widget_config_${codec}_bytes`, config]);
    figures.push([`widget_${codec}_bytes`, first]);
    const panel = file("widget-panel.js");
    if (panel === null) {
      figures.push([`widget_open_${codec}_bytes`, "n/a (public/widget-panel.js not built yet)"]);
      continue;
    }
    figures.push([`widget_panel_${codec}_bytes`, panel]);
    figures.push([`widget_open_${codec}_bytes`, first + panel]);
    const chat = file("widget-chat.js");
    if (chat !== null) {
      figures.push([`widget_chat_${codec}_bytes`, chat]);
      figures.push([`widget_chat_open_${codec}_bytes`, first + panel + chat]);
    }
    // A page in English or Spanish also downloads its texts (/widget-lang-<lang>.js).
    for (const lang of ["en", "es"]) {
      const texts = file(`widget-lang-${lang}.js`);
      if (texts !== null) figures.push([`widget_open_${lang}_${codec}_bytes`, first + panel + texts]);
    }
  }
  return figures;
}
