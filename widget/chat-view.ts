/**
 * The conversation: the messages with their receipts, the attendant's typing, and the message
 * input while the chat is open; once it is closed, the closed state and the past chats.
 * Each message is a `message-row.ts` row.
 */
import { html, nothing, type TemplateResult } from "lit";
import { MAX_MESSAGE_LENGTH } from "../durable-objects/protocol";
import { renderClosedView } from "./closed-views";
import { renderHistoryList } from "./history-views";
import type { PanelText } from "./i18n";
import { renderRow } from "./message-row";
import { toRows } from "./messages";
import type { TomticketChatPanel } from "./panel";
import type { ChatController } from "./chat-controller";
import { chatSheet } from "./chat-styles";
import { onFilePicked } from "./attach-loader";
import { renderEmojiButton, renderEmojiPicker } from "./emoji-button";

/** The panel's chat: this view is drawn only once the panel entered one (the real controller). */
const live = (panel: TomticketChatPanel): ChatController => panel.chat as ChatController;

/** Shows the character count only near the limit. */
const COUNTER_FROM = 0.9;

export function renderChatView(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const { language } = panel;
  const chat = live(panel);
  const open = chat.isOpen;
  return html`<style>
      ${chatSheet}
    </style>
    <div class="body">
      <ol part="messages" aria-live="polite" aria-relevant="additions" aria-label=${t.messages}>
        ${toRows(chat.messages, chat.pending, chat.receipts).map((row) =>
          renderRow(row, t, language, open && row.clientId ? () => chat.retry(row.clientId ?? "") : null),
        )}
      </ol>
      ${chat.typingName ? html`<p part="typing">${t.typing(chat.typingName)}</p>` : nothing}
      ${open ? nothing : renderClosedView(panel, t)} ${open ? nothing : renderHistoryList(panel, t, chat.chat?.id)}
    </div>
    ${open ? renderCompose(panel, t) : nothing}`;
}

/** The message input of an open chat. Enter sends, Shift+Enter breaks the line. */
function renderCompose(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const length = panel.draftLength;
  const over = length > MAX_MESSAGE_LENGTH;
  return html`<form part="compose" @submit=${(event: SubmitEvent) => send(panel, event)}>
      <label class="sr" for="tt-compose">${t.compose}</label>
      <textarea
        id="tt-compose"
        name="compose"
        rows="2"
        placeholder=${t.composePlaceholder}
        aria-invalid=${over ? "true" : "false"}
        aria-describedby="tt-compose-error"
        @input=${() => onDraft(panel)}
        @keydown=${onComposeKey}
        @blur=${() => live(panel).stopTyping()}
      ></textarea>
      <input id="tt-file" type="file" accept="image/*,.pdf" hidden @change=${(e: Event) => onFilePicked(panel, e)} />
      <button part="attach" type="button" aria-label=${t.attach} title=${t.attach} @click=${() => panel.renderRoot.querySelector<HTMLElement>("#tt-file")?.click()}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16 6v11a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v11a1 1 0 0 1-2 0V6H9.5v10a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12a5.5 5.5 0 0 0 11 0V6z" /></svg>
      </button>
      ${renderEmojiButton(panel, t)}
      <button part="send" type="submit" class="primary" aria-label=${t.sendButton} title=${t.sendButton}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20.5 21 12 3 3.5V10l12 2-12 2z" /></svg>
      </button>
    </form>
    ${renderEmojiPicker(panel, t)}
    ${length >= MAX_MESSAGE_LENGTH * COUNTER_FROM ? html`<p part="counter">${length} / ${MAX_MESSAGE_LENGTH}</p>` : nothing}
    <div class="footer-alert">
      <p part="inactivity" role="status">${panel.chat.inactivityClosesAt ? t.inactivityWarning : ""}</p>
      <p role="alert" id="tt-compose-error">${panel.composeError}</p>
    </div>`;
}

const composeInput = (panel: TomticketChatPanel): HTMLTextAreaElement | null =>
  panel.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name="compose"]');

function send(panel: TomticketChatPanel, event: SubmitEvent): void {
  event.preventDefault();
  const input = composeInput(panel);
  if (!input || !panel.chat.isOpen) return;
  const body = input.value.trim();
  if (!body) return;
  if (body.length > MAX_MESSAGE_LENGTH) {
    panel.composeError = panel.texts.tooLong(body.length, MAX_MESSAGE_LENGTH);
    return;
  }
  input.value = "";
  panel.draftLength = 0;
  panel.composeError = "";
  panel.stick = true;
  live(panel).send(body);
}

/** The draft changed: the counter, a "too long" error that no longer applies, "typing". */
function onDraft(panel: TomticketChatPanel): void {
  const length = composeInput(panel)?.value.trim().length ?? 0;
  panel.draftLength = length;
  if (length <= MAX_MESSAGE_LENGTH && panel.composeError) panel.composeError = "";
  live(panel).typed(length > 0);
}

function onComposeKey(event: KeyboardEvent): void {
  const textarea = event.currentTarget;
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing && textarea instanceof HTMLTextAreaElement) {
    event.preventDefault();
    textarea.form?.requestSubmit();
  }
}
