/**
 * The panel's body for the view in use: loading, failed (with a retry), or one of the view
 * modules (form, offline, chat, a past chat's transcript).
 */
import { html, type nothing, type TemplateResult } from "lit";
import { renderChatView } from "./chat-view";
import { renderFormView } from "./form-view";
import { renderTranscriptView } from "./history-views";
import type { PanelText } from "./i18n";
import { renderOfflineView } from "./offline-view";
import type { TomticketChatPanel } from "./panel";

export function renderView(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  switch (panel.view) {
    case "loading":
      return html`<div class="body"><p>${t.loading}</p></div>`;
    case "failed":
      return html`<div class="body">
        <p role="alert">${t.loadFailed}</p>
        <button class="primary" type="button" @click=${() => void panel.init()}>${t.retry}</button>
      </div>`;
    case "offline":
      return renderOfflineView(panel, t);
    case "form":
      return renderFormView(panel, t);
    case "transcript":
      return renderTranscriptView(panel, t);
    case "chat":
      // Closed by its hours while waiting: the offline form, pre-filled (offline-view.ts).
      return panel.chat.queueClosed ? renderOfflineView(panel, t) : renderChatView(panel, t);
  }
}
