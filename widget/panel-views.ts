/**
 * The panel's body for the view in use: loading, failed (with a retry), or one of the view
 * modules (form, offline, chat, a past chat's transcript).
 */
import { html, type nothing, type TemplateResult } from "lit";
import { chunks } from "./chunks";
import { renderFormView } from "./form-view";
import { renderTranscriptView } from "./history-views";
import type { PanelText } from "./i18n";
import { renderOfflineView } from "./offline-view";
import type { TomticketChatPanel } from "./panel";

export function renderView(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  switch (panel.view) {
    case "loading":
      return loading(t);
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
      return renderTranscript(panel, t);
    case "chat":
      // Closed by its hours while waiting: the offline form, pre-filled (offline-view.ts). The
      // panel enters a chat only once /widget-chat.js is here.
      return panel.chat.queueClosed ? renderOfflineView(panel, t) : (chunks().chat?.view(panel, t) ?? loading(t));
  }
}

/**
 * A past chat's messages are drawn by /widget-chat.js's rows, with their rules (it is fetched
 * when the panel shows; here it is asked for again if that failed).
 */
function renderTranscript(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  const live = chunks().chat;
  if (!live) {
    panel.liveChat().then(() => panel.requestUpdate(), () => undefined);
    return loading(t);
  }
  return html`<style>
      ${live.sheet}
    </style>
    ${renderTranscriptView(panel, t)}`;
}

const loading = (t: PanelText): TemplateResult => html`<div class="body"><p>${t.loading}</p></div>`;
