/**
 * The composer's `/` list of Respostas prontas, as a Lit reactive controller so that
 * `<ao-compose>` only forwards its input and keys. Typing `/` (at the start or after a space)
 * opens it; the letters after `/` search it (admin/canned.ts); ArrowDown/ArrowUp move, Enter or
 * Tab insert the response with its placeholders filled, Escape closes. The textarea keeps the
 * focus (`aria-activedescendant` names the active option; a polite live region says how many
 * match), and a click on an option inserts it too.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import type { CannedResponseView } from "../worker/views-canned";
import { cannedCatalog } from "./api-canned";
import { fillPlaceholders, insertCanned, searchCanned, slashToken, type SlashToken } from "./canned";
import { t } from "./i18n";

export const CANNED_LIST_ID = "canned-list";

/** What the picker needs from the composer. */
export interface CannedPickerContext {
  /** The department of the chat being answered (null: no chat). */
  departmentId(): string | null;
  names(): { customer: string; attendant: string };
  /** Replaces the draft and puts the caret at `caret`. */
  apply(draft: string, caret: number): void;
}

export class CannedPicker implements ReactiveController {
  /** The `/query` being typed, or null when the list is closed. */
  token: SlashToken | null = null;
  items: CannedResponseView[] = [];
  active = 0;
  loading = false;
  private all: CannedResponseView[] | null = null;
  private draft = "";

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: CannedPickerContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  get open(): boolean {
    return this.token !== null;
  }

  /** The id of the active option, for the textarea's `aria-activedescendant`. */
  get activeId(): string | undefined {
    return this.open && this.items.length > 0 ? `canned-option-${this.active}` : undefined;
  }

  /** After each input: opens, searches or closes the list from the text before the caret. */
  onInput(textarea: HTMLTextAreaElement): void {
    this.draft = textarea.value;
    const token = slashToken(textarea.value, textarea.selectionStart ?? textarea.value.length);
    const departmentId = this.context.departmentId();
    if (!token || departmentId === null) return this.close();
    const changed = token.query !== this.token?.query;
    this.token = token;
    if (changed) this.active = 0;
    if (this.all) this.items = searchCanned(this.all, departmentId, token.query);
    else void this.load();
    this.host.requestUpdate();
  }

  private async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.host.requestUpdate();
    try {
      this.all = await cannedCatalog();
    } catch {
      this.all = [];
    }
    this.loading = false;
    const departmentId = this.context.departmentId();
    if (this.token && departmentId !== null) this.items = searchCanned(this.all, departmentId, this.token.query);
    this.host.requestUpdate();
  }

  /** Handles the list's keys while it is open; true when the key was the list's (the composer ignores it). */
  onKeyDown(event: KeyboardEvent): boolean {
    if (!this.open || event.isComposing) return false;
    const n = this.items.length;
    if (event.key === "Escape") {
      this.close();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && n > 0) {
      this.active = (this.active + (event.key === "ArrowDown" ? 1 : n - 1)) % n;
      this.host.requestUpdate();
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && n > 0) {
      this.choose(this.active);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** Inserts the `index`th response in place of the `/query`. */
  choose(index: number): void {
    const item = this.items[index];
    if (!item || !this.token) return;
    const { draft, caret } = insertCanned(this.draft, this.token, fillPlaceholders(item.body, this.context.names()));
    this.close();
    this.context.apply(draft, caret);
  }

  close(): void {
    if (!this.token && this.items.length === 0) return;
    this.token = null;
    this.items = [];
    this.active = 0;
    // The next `/` reads the catalog again (it may have changed; api-canned.ts caches a minute).
    this.all = null;
    this.host.requestUpdate();
  }

  /** The list above the composer, and its live status line. */
  render() {
    if (!this.token) return nothing;
    const status = this.loading ? t("canned.pickerLoading") : this.items.length === 0 ? t("canned.pickerEmpty", { query: this.token.query }) : t("canned.pickerCount", { n: this.items.length });
    return html`<div class="canned" data-testid="canned-picker">
      <p class="canned-status" role="status">${status}</p>
      ${this.items.length > 0
        ? html`<ul role="listbox" id=${CANNED_LIST_ID} aria-label=${t("canned.pickerLabel")}>
            ${this.items.map(
              (item, i) => html`<li
                role="option"
                id="canned-option-${i}"
                data-testid="canned-option"
                aria-selected=${i === this.active ? "true" : "false"}
                @mousedown=${(e: Event) => e.preventDefault()}
                @click=${() => this.choose(i)}
              >
                <span class="canned-shortcut">/${item.shortcut}</span> <span class="canned-title">${item.title}</span>
                <span class="canned-body">${item.body}</span>
              </li>`,
            )}
          </ul>`
        : nothing}
      <p class="canned-hint">${t("canned.pickerHint")}</p>
    </div>`;
  }
}

/** The list's styles, added to the composer's. */
export const cannedPickerStyles = css`
  .canned {
    position: absolute;
    left: 0.6rem;
    right: 0.6rem;
    bottom: 100%;
    z-index: 5;
    max-height: min(20rem, 50vh);
    overflow: auto;
    background: var(--ao-surface);
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
    padding: 0.3rem;
  }
  .canned ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .canned li {
    padding: 0.35rem 0.5rem;
    border-radius: var(--ao-radius);
    cursor: pointer;
  }
  .canned li[aria-selected="true"] {
    background: var(--ao-hover);
    outline: 2px solid var(--ao-focus);
    outline-offset: -2px;
  }
  .canned-shortcut {
    font-family: ui-monospace, monospace;
    font-weight: 600;
  }
  .canned-body {
    display: block;
    color: var(--ao-muted);
    font-size: 0.85rem;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .canned-status,
  .canned-hint {
    margin: 0.2rem 0.5rem;
    font-size: 0.8rem;
    color: var(--ao-muted);
  }
`;
