/**
 * A verified customer's previous conversations: a short list under the form (and under a
 * closed chat), and a read-only transcript of the one picked, with the way back.
 */
import { html, nothing, type TemplateResult } from "lit";
import type { WidgetHistoryChat } from "../worker/views";
import type { PanelText } from "./i18n";
import { formatAt, renderRow } from "./message-row";
import { toRows } from "./messages";
import type { TomticketChatPanel } from "./panel";

/** The past chats except `current`; nothing when there is none. */
export function renderHistoryList(panel: TomticketChatPanel, t: PanelText, current?: string): TemplateResult | typeof nothing {
  const chats = panel.history.chats.filter((c) => c.id !== current);
  if (chats.length === 0) return nothing;
  const lang = panel.language;
  return html`<nav part="history" aria-labelledby="tt-history-title">
    <h3 id="tt-history-title">${t.history}</h3>
    <ul>
      ${chats.map(
        (chat) =>
          html`<li>
            <button type="button" @click=${() => void openTranscript(panel, chat)}>
              <span>${t.chatNumber(chat.number)}</span>
              <small>${formatAt(chat.createdAt, lang, true)}${chat.attendant ? ` · ${chat.attendant.name}` : ""}</small>
            </button>
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** One past chat: its messages, read-only. */
export function renderTranscriptView(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  const view = panel.history.transcript;
  if (!view) return nothing;
  const { chat, messages } = view;
  const lang = panel.language;
  return html`<div class="body" part="transcript">
    <button type="button" class="link" part="back" @click=${() => closeTranscript(panel)}>← ${t.back}</button>
    <h3>${t.chatNumber(chat.number)} · ${formatAt(chat.createdAt, lang, true)}</h3>
    ${view.failed
      ? html`<p role="alert">${t.errors.generic}</p>`
      : messages
        ? html`<ol part="messages" aria-label=${t.messages}>
            ${toRows(messages, [], { deliveredSeq: 0, readSeq: 0 }).map((row) => renderRow({ ...row, receipt: null }, t, lang, null))}
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
