/**
 * `/widget-emoji.js`: the composer's emoji picker, loaded only when the customer opens it
 * (emoji-button.ts). A small fixed set of the emoji people use in support chats, as a grid of
 * buttons: one tab stop (the chosen one), arrow keys move, Home/End jump, Enter or Space
 * picks, Escape closes. Screen readers read each emoji's own name.
 */
import { chunks, type EmojiArgs } from "./chunks";

const EMOJI = "😀 😃 😄 😁 😅 😂 🙂 😉 😊 😍 😘 😎 🤔 😐 😕 😢 😭 😡 😮 😴 👍 👎 👏 🙏 👋 🤝 💪 👌 ❤️ 💔 🎉 ✅ ❌ ⚠️ ⭐ 🔥 💡 📦 📎 📄".split(" ");
/** Buttons per row: the arrow keys move by this much up and down. */
const COLUMNS = 8;

const STYLE = `.tt-emoji{display:grid;grid-template-columns:repeat(${COLUMNS},1fr);gap:2px;margin:0 12px 8px;padding:6px;border:1px solid var(--_border);border-radius:10px;background:var(--tt-bg,#fff)}
.tt-emoji button{min-height:36px;padding:0;border:0;background:none;font-size:20px;line-height:1}.tt-emoji button:hover{background:#f0f0f3}`;

/** Where each key moves within the grid (none: not a move). */
function step(key: string, at: number): number | null {
  const last = EMOJI.length - 1;
  const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, ArrowDown: at + COLUMNS, ArrowUp: at - COLUMNS, Home: 0, End: last };
  const to = moves[key];
  return to === undefined ? null : Math.max(0, Math.min(last, to));
}

function onKey(event: KeyboardEvent, onClose: () => void): void {
  if (event.key === "Escape") {
    // Closes the picker only; the loader would otherwise minimize the panel.
    event.stopPropagation();
    onClose();
    return;
  }
  const grid = event.currentTarget as HTMLElement;
  const buttons = [...grid.querySelectorAll("button")];
  const at = buttons.indexOf(event.target as HTMLButtonElement);
  const to = step(event.key, at);
  if (at < 0 || to === null) return;
  event.preventDefault();
  buttons[at]!.tabIndex = -1;
  buttons[to]!.tabIndex = 0;
  buttons[to]!.focus();
}

function renderPicker({ html, label, onPick, onClose }: EmojiArgs) {
  return html`<style>
      ${STYLE}
    </style>
    <div class="tt-emoji" id="tt-emoji" part="emoji-picker" role="group" aria-label=${label} @keydown=${(e: KeyboardEvent) => onKey(e, onClose)}>
      ${EMOJI.map((emoji, i) => html`<button type="button" tabindex=${i ? -1 : 0} @click=${() => onPick(emoji)}>${emoji}</button>`)}
    </div>`;
}

chunks().emoji = renderPicker;
