/**
 * `<ao-emoji-picker>`: a small emoji picker of our own for the composer (no library): a button
 * that opens a grid of the emoji a help desk uses most. Keyboard: Enter/Space opens it with the
 * first emoji focused, arrow keys move (roving tabindex), Enter picks, Escape closes and gives
 * focus back to the button.
 *
 * @fires ao-emoji-pick - `{ emoji }`, bubbles and composed.
 */
import { css, html } from "lit";
import { t } from "../i18n";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

/**
 * The grid's emoji, in rows of {@link COLUMNS}. No names of ours: screen readers announce an
 * emoji by its Unicode name in the reader's own language.
 */
export const EMOJI: readonly string[] = [
  "😊", "😀", "😉", "🙂", "😅", "😂",
  "🙏", "👍", "👋", "👏", "🙌", "💪",
  "✅", "❌", "⚠️", "⏳", "📎", "📧",
  "❤️", "🎉", "⭐", "💡", "🔧", "📦",
  "😕", "😢", "😮", "🤔", "👀", "☕",
];

/** Emoji per row of the grid (arrow up/down move by this much). */
export const COLUMNS = 6;

/** Inserts `text` at the textarea's caret (replacing a selection); returns the new value and puts the caret after it. */
export function insertAtCursor(field: HTMLTextAreaElement, text: string): string {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  field.value = field.value.slice(0, start) + text + field.value.slice(end);
  field.selectionStart = field.selectionEnd = start + text.length;
  return field.value;
}

/** The index an arrow key moves to in the grid, or null for other keys. */
export function moveIndex(key: string, index: number, count: number): number | null {
  const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS, Home: -index, End: count - 1 - index }[key];
  if (step === undefined) return null;
  return Math.min(count - 1, Math.max(0, index + step));
}

export class AoEmojiPicker extends AppElement {
  static override properties = { ...AppElement.properties, open: { state: true }, active: { state: true } };
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      .toggle {
        font-size: 1.2rem;
        line-height: 1;
        padding: 0.45rem 0.55rem;
      }
      [role="group"] {
        position: absolute;
        z-index: 20;
        bottom: calc(100% + 0.3rem);
        /* The button sits at the composer's right end: the grid opens leftwards. */
        right: 0;
        display: grid;
        grid-template-columns: repeat(${COLUMNS}, 2.4rem);
        gap: 0.15rem;
        padding: 0.4rem;
        background: var(--ao-surface);
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        box-shadow: 0 6px 20px rgba(0, 0, 0, 0.15);
      }
      [role="group"] button {
        font-size: 1.3rem;
        line-height: 1;
        padding: 0.35rem 0;
        border: none;
        background: none;
      }
      [role="group"] button:hover,
      [role="group"] button:focus-visible {
        background: var(--ao-hover);
      }
    `,
  ];

  declare open: boolean;
  declare active: number;

  constructor() {
    super();
    this.open = false;
    this.active = 0;
  }

  private toggle(): void {
    this.open = !this.open;
    this.active = 0;
    if (this.open) void this.updateComplete.then(() => this.focusActive());
  }

  private focusActive(): void {
    this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="group"] button')[this.active]?.focus();
  }

  private close(): void {
    this.open = false;
    this.renderRoot.querySelector<HTMLButtonElement>(".toggle")?.focus();
  }

  private pick(emoji: string): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent("ao-emoji-pick", { detail: { emoji }, bubbles: true, composed: true }));
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === "Escape") {
      event.stopPropagation();
      this.close();
      return;
    }
    const next = moveIndex(event.key, this.active, EMOJI.length);
    if (next === null) return;
    event.preventDefault();
    this.active = next;
    void this.updateComplete.then(() => this.focusActive());
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    return html`<button
        type="button"
        class="toggle"
        data-testid="emoji-toggle"
        aria-label=${t("emoji.open")}
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls="emoji-grid"
        @click=${this.toggle}
      >
        <span aria-hidden="true">😊</span>
      </button>
      ${this.open
        ? html`<div role="group" id="emoji-grid" aria-label=${t("emoji.label")} data-testid="emoji-grid" @keydown=${this.onKey}>
            ${EMOJI.map(
              (emoji, i) => html`<button type="button" tabindex=${i === this.active ? 0 : -1} @click=${() => this.pick(emoji)}>
                ${emoji}
              </button>`,
            )}
          </div>`
        : ""}`;
  }
}
define("ao-emoji-picker", AoEmojiPicker);
