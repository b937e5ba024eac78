/**
 * `<ao-compose chat-id>`: the attendant's message box. Enter sends, Shift+Enter breaks the
 * line; typing is reported (debounced by the live session). Drafts are kept per chat while the
 * page is open. `/` opens the Respostas prontas list (canned-picker.ts).
 */
import { css, html, nothing, type PropertyValues } from "lit";
import { MAX_MESSAGE_LENGTH as MAX_LENGTH } from "../../durable-objects/protocol";
import { t } from "../i18n";
import { CANNED_LIST_ID, CannedPicker, cannedPickerStyles } from "../canned-picker";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import "./ao-attach-button";
import { insertAtCursor } from "./ao-emoji-picker";

const drafts = new Map<string, string>();

export class AoCompose extends AppElement {
  static override properties = {
    chatId: { attribute: "chat-id" },
    draft: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    css`
      form {
        display: flex;
        gap: 0.5rem;
        align-items: flex-end;
        padding: 0.6rem;
        border-top: 1px solid var(--ao-border);
        position: relative;
      }
      textarea {
        flex: 1;
        resize: vertical;
        min-height: 2.6rem;
        max-height: 12rem;
      }
      :host {
        position: relative;
      }
      /* The keys' hint under the box; on a phone the box is narrow and the hint stays for screen readers only. */
      .keys {
        margin: -0.3rem 0.6rem 0.4rem;
        font-size: 0.75rem;
        color: var(--ao-muted);
      }
      @media (max-width: 600px) {
        .keys {
          display: none;
        }
      }
    `,
    cannedPickerStyles,
  ];

  declare chatId: string;
  declare draft: string;
  /** Respostas prontas: the `/` list (canned-picker.ts). */
  private readonly canned = new CannedPicker(this, {
    departmentId: () => this.app?.store.chats.get(this.chatId)?.chat.departmentId ?? null,
    names: () => ({ customer: this.app.store.chats.get(this.chatId)?.chat.customer.name ?? "", attendant: this.app.store.me?.name ?? "" }),
    apply: (draft, caret) => void this.applyDraft(draft, caret),
  });

  constructor() {
    super();
    this.chatId = "";
    this.draft = "";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("chatId")) this.draft = drafts.get(this.chatId) ?? "";
    if (changed.has("chatId")) this.canned.close();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A chat just opened (accepted or picked from the list): the attendant will type next.
    if (changed.has("chatId")) this.renderRoot.querySelector("textarea")?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.app?.live?.setTyping(this.chatId, false);
  }

  private onInput(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    drafts.set(this.chatId, this.draft);
    this.app.live?.setTyping(this.chatId, this.draft.trim() !== "");
    this.canned.onInput(event.target as HTMLTextAreaElement);
  }

  /** A canned response inserted: the new draft, the caret after it, the focus kept. */
  private async applyDraft(draft: string, caret: number): Promise<void> {
    this.draft = draft;
    drafts.set(this.chatId, draft);
    this.app.live?.setTyping(this.chatId, draft.trim() !== "");
    await this.updateComplete;
    const textarea = this.renderRoot.querySelector("textarea");
    textarea?.focus();
    textarea?.setSelectionRange(caret, caret);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.canned.onKeyDown(event)) return;
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private submit(event?: Event): void {
    event?.preventDefault();
    if (this.draft.trim() === "" || this.draft.length > MAX_LENGTH) return;
    this.app.live?.send(this.chatId, this.draft);
    this.draft = "";
    drafts.delete(this.chatId);
  }

  /** An emoji from the picker goes in at the caret, and the caret stays in the message. */
  private onEmoji(event: CustomEvent<{ emoji: string }>): void {
    const field = this.renderRoot.querySelector("textarea");
    if (!field) return;
    this.draft = insertAtCursor(field, event.detail.emoji);
    drafts.set(this.chatId, this.draft);
    field.focus();
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return [...commonKeys(this.app.store), this.app.store.chats.get(this.chatId)?.chat];
  }

  override render() {
    const tooLong = this.draft.length > MAX_LENGTH;
    return html`${this.canned.render()}<form @submit=${this.submit}>
      <label for="compose" class="visually-hidden">${t("compose.label")}</label>
      <textarea
        id="compose"
        name="compose"
        rows="2"
        placeholder=${t("compose.placeholder")}
        aria-describedby="compose-keys"
        aria-invalid=${tooLong ? "true" : "false"}
        aria-controls=${this.canned.open ? CANNED_LIST_ID : nothing}
        aria-activedescendant=${this.canned.activeId ?? nothing}
        .value=${this.draft}
        @input=${this.onInput}
        @keydown=${this.onKeyDown}
        @blur=${() => {
          this.app.live?.setTyping(this.chatId, false);
          this.canned.close();
        }}
      ></textarea>
      <ao-attach-button chat-id=${this.chatId}></ao-attach-button>
      <ao-emoji-picker .app=${this.app} @ao-emoji-pick=${this.onEmoji}></ao-emoji-picker>
      <button type="submit" class="primary" data-testid="send" ?disabled=${this.draft.trim() === "" || tooLong}>
        ${t("compose.send")}
      </button>
    </form>
    <p id="compose-keys" class="keys">${t("compose.keys")}</p>
    ${tooLong ? html`<p class="muted" role="alert">${t("compose.tooLong", { n: this.draft.length, max: MAX_LENGTH })}</p>` : ""}`;
  }
}
define("ao-compose", AoCompose);
