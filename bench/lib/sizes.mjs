// Widget bundle sizes as a customer's browser downloads them: gzip -9 of the built files.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * `[name, value]` figures for what a page view downloads from our server, each response gzipped
 * on its own: before the launcher shows, widget.js and the config JSON (`widget_gzip_bytes`);
 * for a usable chat, those plus widget-panel.js (`widget_open_gzip_bytes`, a page in Portuguese),
 * plus its language's texts for a page in English or Spanish (`widget_open_en_gzip_bytes`…).
 * @param {string} publicDir
 * @param {string} configJson the body of /api/widget/config for the demo account
 */
export function widgetSizes(publicDir, configJson) {
  const config = gzipSync(Buffer.from(configJson), { level: 9 }).length;
  const loader = join(publicDir, "widget.js");
  const panel = join(publicDir, "widget-panel.js");
  const figures = [];
  if (!existsSync(loader)) return [["widget_gzip_bytes", "missing (public/widget.js not built)"]];
  figures.push(["widget_loader_gzip_bytes", gz(loader)]);
  figures.push(["widget_config_gzip_bytes", config]);
  figures.push(["widget_gzip_bytes", gz(loader) + config]);
  if (existsSync(panel)) {
    figures.push(["widget_panel_gzip_bytes", gz(panel)]);
    figures.push(["widget_open_gzip_bytes", gz(loader) + config + gz(panel)]);
    // A page in English or Spanish also downloads its texts (/widget-lang-<lang>.js).
    for (const lang of ["en", "es"]) {
      const file = join(publicDir, `widget-lang-${lang}.js`);
      if (existsSync(file)) figures.push([`widget_open_${lang}_gzip_bytes`, gz(loader) + config + gz(panel) + gz(file)]);
    }
  } else figures.push(["widget_open_gzip_bytes", "n/a (public/widget-panel.js not built yet)"]);
  return figures;
}
