/**
 * A verified customer's previous conversations: a short list under the form, and a read-only
 * transcript of the one picked.
 */
import { html, nothing, type TemplateResult } from "lit";
import type { WidgetHistoryChat } from "../worker/views";
import type { Transcript } from "./history-controller";
import type { Lang, PanelText } from "./i18n";
import { toRows } from "./messages";
import { renderRow } from "./panel-views";

const dates = new Map<Lang, Intl.DateTimeFormat>();

function when(at: number, lang: Lang): string {
  let format = dates.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: "short", timeStyle: "short" });
    dates.set(lang, format);
  }
  return format.format(at);
}

/** The list of past chats; nothing when there is none. */
export function renderHistory(
  chats: readonly WidgetHistoryChat[],
  t: PanelText,
  lang: Lang,
  onPick: (chat: WidgetHistoryChat) => void,
): TemplateResult | typeof nothing {
  if (chats.length === 0) return nothing;
  return html`<nav part="history" aria-labelledby="tt-history-title">
    <h3 id="tt-history-title">${t.history}</h3>
    <ul>
      ${chats.map(
        (chat) =>
          html`<li>
            <button type="button" @click=${() => onPick(chat)}>
              <span>${t.chatNumber(chat.number)}</span>
              <small>${when(chat.createdAt, lang)}${chat.attendant ? ` · ${chat.attendant.name}` : ""}</small>
            </button>
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** One past chat: its messages, read-only. */
export function renderTranscript(view: Transcript, t: PanelText, lang: Lang, onBack: () => void): TemplateResult {
  const { chat, messages } = view;
  return html`<div class="body" part="transcript">
    <button type="button" class="link" part="back" @click=${onBack}>← ${t.back}</button>
    <h3>${t.chatNumber(chat.number)} · ${when(chat.createdAt, lang)}</h3>
    ${view.failed
      ? html`<p role="alert">${t.errors.generic}</p>`
      : messages
        ? html`<ol part="messages" aria-label=${t.messages}>
            ${toRows(messages, [], { deliveredSeq: 0, readSeq: 0 }).map((row) => renderRow({ ...row, receipt: null }, t, lang, null))}
          </ol>`
        : html`<p>${t.loading}</p>`}
  </div>`;
}
