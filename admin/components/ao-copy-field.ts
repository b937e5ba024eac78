/**
 * `<ao-copy-field label value field-testid copy-testid>`: read-only text (a snippet, a URL) with a
 * "Copiar" button. Copies with `navigator.clipboard`; where that is refused (no permission, a
 * page served over plain http) it selects the text and tries the older copy command, and tells
 * the person what happened through a polite live region.
 *
 * Slots: default, after the button (for more actions, e.g. a link that opens the URL).
 */
import { css, html } from "lit";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";

const ANNOUNCEMENT_MS = 4000;

export class AoCopyField extends AppElement {
  static override properties = {
    label: {},
    value: {},
    rows: { type: Number },
    fieldTestId: { attribute: "field-testid" },
    copyTestId: { attribute: "copy-testid" },
    announcement: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: grid;
        gap: 0.3rem;
      }
      label {
        font-weight: 600;
      }
      textarea {
        width: 100%;
        resize: vertical;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 0.85rem;
        background: var(--ao-bg);
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.6rem;
      }
      [role="status"] {
        color: var(--ao-online);
        font-size: 0.9rem;
      }
    `,
  ];

  declare label: string;
  declare value: string;
  declare rows: number;
  declare fieldTestId: string;
  declare copyTestId: string;
  declare announcement: MessageKey | null;
  private clearTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.label = "";
    this.value = "";
    this.rows = 3;
    this.fieldTestId = "";
    this.copyTestId = "";
    this.announcement = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.clearTimer);
  }

  private async copy(): Promise<void> {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(this.value);
      this.announce("copy.done");
    } catch {
      const field = this.renderRoot.querySelector("textarea");
      field?.focus();
      field?.select();
      // Deprecated, but the only copy that works outside a secure context; when it fails too,
      // the text stays selected for Ctrl+C.
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      this.announce(copied ? "copy.done" : "copy.selected");
    }
  }

  private announce(key: MessageKey): void {
    this.announcement = key;
    clearTimeout(this.clearTimer);
    this.clearTimer = setTimeout(() => (this.announcement = null), ANNOUNCEMENT_MS);
  }

  override render() {
    // `defaultValue` too, so that the text is also the textarea's content (textContent).
    return html`<label for="text">${this.label}</label>
      <textarea
        id="text"
        readonly
        spellcheck="false"
        rows=${this.rows}
        data-testid=${this.fieldTestId}
        .defaultValue=${this.value}
        .value=${this.value}
      ></textarea>
      <div class="actions">
        <button type="button" data-testid=${this.copyTestId} aria-label=${t("copy.label", { label: this.label })} @click=${this.copy}>
          ${t("copy.button")}
        </button>
        <slot></slot>
        <span role="status" aria-live="polite">${this.announcement ? t(this.announcement) : ""}</span>
      </div>`;
  }
}
define("ao-copy-field", AoCopyField);
