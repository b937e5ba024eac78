// Widget bundle sizes as a customer's browser downloads them: gzip -9 of the built files.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** `[name, value]` figures for public/widget.js (the loader) and widget.js + widget-panel.js (two
 * requests, each gzipped on its own). */
export function widgetSizes(publicDir) {
  const loader = join(publicDir, "widget.js");
  const panel = join(publicDir, "widget-panel.js");
  const figures = [];
  if (!existsSync(loader)) return [["widget_gzip_bytes", "missing (public/widget.js not built)"]];
  figures.push(["widget_gzip_bytes", gz(loader)]);
  if (existsSync(panel)) {
    figures.push(["widget_panel_gzip_bytes", gz(panel)]);
    figures.push(["widget_open_gzip_bytes", gz(loader) + gz(panel)]);
  } else figures.push(["widget_open_gzip_bytes", "n/a (public/widget-panel.js not built yet)"]);
  return figures;
}
