/**
 * `/widget-history.js`, loaded only for verified customers (history-controller.ts): their
 * previous conversations as a short list under the form (and under a closed chat), and a
 * read-only transcript of the one picked, with the way back.
 */
import type { WidgetHistoryChat } from "../worker/views";
import { chunks, type HistoryChunk } from "./chunks";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";
import type { PanelKit } from "./panel-kit";

// Its own sheet (the panel's styles.ts ships to every page).
const STYLE = `[part="history"]{margin-top:20px;padding-top:12px;border-top:1px solid var(--_border)}
[part="history"] ul{list-style:none;margin:0;padding:0;display:grid;gap:6px}
[part="history"] button{width:100%;display:grid;text-align:left;padding:8px 10px;border:1px solid var(--_border);background:none;color:inherit}
[part="history"] small{color:var(--_muted);font-size:12px}[part="transcript"] h3{margin:8px 0 12px}`;

function list(kit: PanelKit, panel: TomticketChatPanel, t: PanelText, current?: string): ReturnType<HistoryChunk["list"]> {
  const { html } = kit;
  const chats = panel.history.chats.filter((c) => c.id !== current);
  if (chats.length === 0) return kit.nothing;
  const lang = panel.language;
  return html`<style>
      ${STYLE}
    </style>
    <nav part="history" aria-labelledby="tt-history-title">
    <h3 id="tt-history-title">${t.history}</h3>
    <ul>
      ${chats.map(
        (chat) =>
          html`<li>
            <button type="button" @click=${() => void openTranscript(panel, chat)}>
              <span>${t.chatNumber(chat.number)}</span>
              <small>${kit.formatAt(chat.createdAt, lang, true)}${chat.attendant ? ` · ${chat.attendant.name}` : ""}</small>
            </button>
          </li>`,
      )}
    </ul>
  </nav>`;
}

function transcript(kit: PanelKit, panel: TomticketChatPanel, t: PanelText): ReturnType<HistoryChunk["transcript"]> {
  const { html } = kit;
  const view = panel.history.transcript;
  if (!view) return kit.nothing;
  const { chat, messages } = view;
  const lang = panel.language;
  return html`<div class="body" part="transcript">
    <style>
      ${STYLE}
    </style>
    <button type="button" class="link" part="back" @click=${() => closeTranscript(panel)}>← ${t.back}</button>
    <h3>${t.chatNumber(chat.number)} · ${kit.formatAt(chat.createdAt, lang, true)}</h3>
    ${view.failed
      ? html`<p role="alert">${t.errors.generic}</p>`
      : messages
        ? html`<ol part="messages" aria-label=${t.messages}>
            ${kit.toRows(messages, [], { deliveredSeq: 0, readSeq: 0 }).map((row) => kit.renderRow({ ...row, receipt: null }, t, lang, null))}
          </ol>`
        : html`<p>${t.loading}</p>`}
  </div>`;
}

async function openTranscript(panel: TomticketChatPanel, chat: WidgetHistoryChat): Promise<void> {
  if (!panel.boot) return;
  panel.view = "transcript";
  panel.wantFocus = true;
  await panel.history.open(panel.boot, chat);
}

/** Back to the chat if there is one, else to the form. */
function closeTranscript(panel: TomticketChatPanel): void {
  panel.history.close();
  if (panel.chat.chat) panel.view = "chat";
  else panel.showForm();
  panel.wantFocus = true;
}

chunks().history = { list, transcript };
