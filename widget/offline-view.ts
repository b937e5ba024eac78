/**
 * Nobody is online: the offline form, drawn by the lazily loaded `/widget-offline.js`
 * (offline-chunk.ts). The panel starts loading it as soon as its configuration shows the
 * department offline (`preloadOffline`), so it is usually here before the form is drawn; until
 * then the panel says "loading", and if it cannot load, shows its "failed" view (whose retry
 * comes back here).
 */
import { html, type TemplateResult } from "lit";
import { chunks, loadScript } from "./chunks";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";
import { kit } from "./panel-kit";

function load(panel: TomticketChatPanel): void {
  const server = panel.boot?.server;
  if (server && !chunks().offline)
    loadScript(`${server}/widget-offline.js`).then(
      () => panel.requestUpdate(),
      () => (panel.view = "failed"),
    );
}

/** Starts loading the offline form when the configuration says the department in view is offline. */
export function preloadOffline(panel: TomticketChatPanel): void {
  const fixed = panel.fixedDepartment();
  if (!panel.config?.departments.some((d) => d.online && (!fixed || d.id === fixed))) load(panel);
}

export function renderOfflineView(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const render = chunks().offline;
  if (render) return render(kit, panel, t);
  load(panel);
  return html`<div class="body"><p>${t.loading}</p></div>`;
}
