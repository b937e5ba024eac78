/**
 * The composer's emoji button and, while it is open, the picker from the lazily loaded
 * `/widget-emoji.js` (emoji-chunk.ts). A pick goes in at the caret (replacing a selection) and
 * counts as typing; the picker then closes and focus returns to the message input, with the
 * caret after the emoji; Escape closes it and focus returns to the message input too, caret
 * where it was. Open for one chat only: a new chat starts with it closed.
 */
import { html, nothing, type TemplateResult } from "lit";
import { chunk } from "./chunks";
import type { PanelText } from "./i18n";
import type { TomticketChatPanel } from "./panel";

/** The chat whose picker is open, per panel. */
const open = new WeakMap<TomticketChatPanel, string | undefined>();
const isOpen = (panel: TomticketChatPanel): boolean => open.has(panel) && open.get(panel) === panel.chat.chat?.id;

function toggle(panel: TomticketChatPanel, on: boolean, focus: string): void {
  if (on) open.set(panel, panel.chat.chat?.id);
  else open.delete(panel);
  panel.requestUpdate();
  void panel.updateComplete.then(() => panel.renderRoot.querySelector<HTMLElement>(focus)?.focus());
}

/** The button, beside the attach button. */
export function renderEmojiButton(panel: TomticketChatPanel, t: PanelText): TemplateResult {
  const on = isOpen(panel);
  return html`<button part="emoji" type="button" aria-label=${t.emoji} title=${t.emoji} aria-expanded=${on} aria-controls="tt-emoji" @click=${() => toggle(panel, !on, "#tt-emoji button")}>
    <svg viewBox="0 0 24 24" aria-hidden="true"><path fill-rule="evenodd" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM8 8h2v3H8zm6 0h2v3h-2zm-7 6h10a5 5 0 0 1-10 0z" /></svg>
  </button>`;
}

/** The picker under the composer while it is open (nothing until its script is here). */
export function renderEmojiPicker(panel: TomticketChatPanel, t: PanelText): TemplateResult | typeof nothing {
  if (!isOpen(panel) || !panel.boot) return nothing;
  // Once its script is here, focus goes to the first emoji (unless the picker was closed meanwhile).
  const picker = chunk(panel.boot.server, "emoji", () => isOpen(panel) && toggle(panel, true, "#tt-emoji button"));
  return picker
    ? picker({ html, label: t.emoji, onPick: (emoji) => insert(panel, emoji), onClose: () => toggle(panel, false, "#tt-compose") })
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
