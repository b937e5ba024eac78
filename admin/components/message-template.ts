/**
 * How one message looks, in the live chat and in a Histórico transcript. Bodies are text
 * bindings: whatever a customer typed is never parsed as HTML.
 */
import { css, html, type TemplateResult } from "lit";
import type { WireMessage } from "../../durable-objects/protocol";
import { formatTime } from "../format";
import { t } from "../i18n";
import "./ao-attachment";

/** Bubble styles for `.message` items; pair with {@link messageContent}. */
export const messageStyles = css`
  .message {
    max-width: min(36rem, 85%);
    padding: 0.45rem 0.7rem;
    border-radius: calc(2 * var(--ao-radius));
    background: var(--ao-customer-bubble);
    align-self: flex-start;
  }
  .message[data-author="attendant"] {
    background: var(--ao-attendant-bubble);
    align-self: flex-end;
  }
  .message[data-author="system"] {
    background: none;
    align-self: center;
    text-align: center;
    font-style: italic;
    color: var(--ao-muted);
    font-size: 0.9rem;
  }
  /* An internal note (a transfer's note): attendants only, so it must not read as sent to the customer. */
  .message[data-internal] {
    background: var(--ao-note-bubble, #fff3cd);
    border: 1px dashed var(--ao-note-border, #b58900);
    align-self: center;
  }
  .note-label {
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .meta {
    display: flex;
    gap: 0.5rem;
    font-size: 0.75rem;
    color: var(--ao-muted);
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .foot {
    display: flex;
    justify-content: flex-end;
    gap: 0.4rem;
    font-size: 0.75rem;
    color: var(--ao-muted);
  }
  .receipt[data-status="read"] {
    color: var(--ao-accent);
  }
  .failed {
    color: var(--ao-danger);
  }
`;

/** Author line and body of a message; `foot` goes under the body (receipts, pending state). */
export function messageContent(
  message: Pick<WireMessage, "author" | "body" | "createdAt" | "internal"> & Partial<Pick<WireMessage, "chatId" | "attachment">>,
  foot?: TemplateResult,
): TemplateResult {
  const name = message.author.type === "system" ? t("message.system") : message.author.name;
  return html`<div class="meta">
      ${message.internal ? html`<span class="note-label" data-testid="internal-note">${t("transfer.internalNote")}</span>` : ""}
      <span class="name">${name}</span>
      <time datetime=${new Date(message.createdAt).toISOString()}>${formatTime(message.createdAt)}</time>
    </div>
    ${message.attachment && message.chatId
      ? html`<ao-attachment chat-id=${message.chatId} .file=${message.attachment}></ao-attachment>`
      : html`<p class="body">${message.body}</p>`}
    ${foot ?? ""}`;
}
