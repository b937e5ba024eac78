/**
 * "Encerrar conversa" asks once before it ends the chat: a one-line question under the header
 * (role alertdialog), focus on "Encerrar"; Enter confirms, Escape or "Cancelar" takes the
 * customer back to the button. The question belongs to one chat (its id is kept), so a chat
 * closed meanwhile by the attendant, or a new one, never shows a stale question.
 */
import { html, nothing, type TemplateResult } from "lit";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";

const focusIn = async (panel: TomticketChatPanel, selector: string): Promise<void> => {
  await panel.updateComplete;
  panel.renderRoot.querySelector<HTMLElement>(selector)?.focus();
};

/** Shows or withdraws the question (back on the end-chat button). */
function ask(panel: TomticketChatPanel, on: boolean): void {
  panel.endAsk = on ? (panel.chat.chat?.id ?? "") : "";
  panel.requestUpdate();
  void focusIn(panel, on ? "[part=end-confirm] .primary" : "[part=end-chat]");
}

/** Whether the question is up for the chat in view. */
const asking = (panel: TomticketChatPanel): boolean =>
  panel.chat.isOpen && !!panel.endAsk && panel.endAsk === panel.chat.chat?.id;

/** The header's "Encerrar conversa" button: opens (or withdraws) the question. */
export function renderEndButton(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const on = asking(panel);
  return html`<button part="end-chat" type="button" aria-expanded=${on} aria-controls="tt-end" @click=${() => ask(panel, !on)}>${t.endChat}</button>`;
}

/** The question itself, under the header, while it is asked. */
export function renderEndConfirm(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  if (!asking(panel)) return nothing;
  const onKey = (event: KeyboardEvent): void => {
    // Escape withdraws the question only; the loader would otherwise minimize the panel.
    if (event.key !== "Escape") return;
    event.stopPropagation();
    ask(panel, false);
  };
  const confirm = (): void => {
    panel.endAsk = "";
    panel.wantFocus = true;
    panel.chat.closeChat();
  };
  return html`<div part="end-confirm" id="tt-end" role="alertdialog" aria-labelledby="tt-end-q" @keydown=${onKey}>
    <p id="tt-end-q">${t.endConfirm}</p>
    <button type="button" class="primary" @click=${confirm}>${t.endYes}</button>
    <button type="button" class="secondary" @click=${() => ask(panel, false)}>${t.cancel}</button>
  </div>`;
}
