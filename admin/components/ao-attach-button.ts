/**
 * `<ao-attach-button chat-id>`: the composer's "Anexar arquivo". Picks a file and uploads it
 * (admin/api-attachments.ts); the message then arrives on the department's socket like any
 * other. Too large, unsupported or refused files are explained in an alert, in words.
 */
import { css, html, LitElement } from "lit";
import { MAX_ATTACHMENT_BYTES } from "../../durable-objects/protocol";
import { ApiError } from "../api";
import { uploadAttachment } from "../api-attachments";
import { t, type MessageKey } from "../i18n";
import { define } from "./app-element";
import { base } from "./styles";

const KNOWN_ERRORS = new Set(["too_large", "unsupported_type", "chat_closed", "forbidden", "rate_limited"]);
const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf";

export class AoAttachButton extends LitElement {
  static override properties = {
    chatId: { attribute: "chat-id" },
    sending: { state: true },
    error: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: contents;
      }
      .status {
        position: absolute;
        bottom: 100%;
        left: 0.6rem;
        margin: 0;
        font-size: 0.85rem;
      }
      .error {
        color: var(--ao-danger);
      }
      button svg {
        width: 1.2rem;
        height: 1.2rem;
        vertical-align: middle;
      }
    `,
  ];

  declare chatId: string;
  declare sending: string;
  declare error: string;

  constructor() {
    super();
    this.chatId = "";
    this.sending = "";
    this.error = "";
  }

  private pick(): void {
    this.renderRoot.querySelector<HTMLInputElement>("input[type=file]")?.click();
  }

  private async onFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    this.error = "";
    // The server decides by content; this only spares a 10 MB upload that would be refused.
    if (file.size > MAX_ATTACHMENT_BYTES) {
      this.error = t("attach.error.too_large");
      return;
    }
    this.sending = file.name;
    try {
      await uploadAttachment(this.chatId, file, crypto.randomUUID());
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "";
      this.error = KNOWN_ERRORS.has(code) ? t(`attach.error.${code}` as MessageKey) : t("error.generic");
    } finally {
      this.sending = "";
    }
  }

  override render() {
    return html`<input type="file" accept=${ACCEPT} hidden data-testid="attach-input" @change=${this.onFile} />
      <button type="button" data-testid="attach" aria-label=${t("attach.button")} title="${t("attach.button")}. ${t("attach.hint")}" ?disabled=${!!this.sending} @click=${this.pick}>
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
          <path d="M21 11.5 12.5 20a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5" />
        </svg>
      </button>
      <p class="status ${this.error ? "error" : "muted"}" role=${this.error ? "alert" : "status"}>
        ${this.error || (this.sending ? t("attach.sending", { name: this.sending }) : "")}
      </p>`;
  }
}
define("ao-attach-button", AoAttachButton);
