/**
 * The composer's emoji button and, while it is open, the picker from the lazily loaded
 * `/widget-emoji.js` (emoji-chunk.ts). A pick goes in at the caret (replacing a selection) and
 * counts as typing; the picker then closes and focus returns to the message input; Escape
 * closes it and focus returns to the button.
 */
import { html, nothing, type TemplateResult } from "lit";
import { chunk } from "./chunks";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";

const open = new WeakSet<TomticketChatPanel>();

function toggle(panel: TomticketChatPanel, on: boolean, focus: string): void {
  if (on) open.add(panel);
  else open.delete(panel);
  panel.requestUpdate();
  void panel.updateComplete.then(() => panel.renderRoot.querySelector<HTMLElement>(focus)?.focus());
}

/** The button, beside the attach button. */
export function renderEmojiButton(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const on = open.has(panel);
  return html`<button part="emoji" type="button" aria-label=${t.emoji} aria-expanded=${on} aria-controls="tt-emoji" @click=${() => toggle(panel, !on, "#tt-emoji button")}>
    <svg viewBox="0 0 24 24" aria-hidden="true"><path fill-rule="evenodd" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM8 8h2v3H8zm6 0h2v3h-2zm-7 6h10a5 5 0 0 1-10 0z" /></svg>
  </button>`;
}

/** The picker under the composer while it is open (nothing until its script is here). */
export function renderEmojiPicker(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  if (!open.has(panel) || !panel.boot) return nothing;
  const picker = chunk(panel.boot.server, "emoji", () => toggle(panel, true, "#tt-emoji button"));
  return picker
    ? picker({ html, label: t.emoji, onPick: (emoji) => insert(panel, emoji), onClose: () => toggle(panel, false, 'button[part="emoji"]') })
    : nothing;
}

function insert(panel: TomticketChatPanel, emoji: string): void {
  const input = panel.renderRoot.querySelector<HTMLTextAreaElement>("#tt-compose");
  if (input) {
    input.setRangeText(emoji, input.selectionStart, input.selectionEnd, "end");
    input.dispatchEvent(new Event("input"));
  }
  toggle(panel, false, "#tt-compose");
}
