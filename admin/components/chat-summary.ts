/**
 * The lines that describe a chat in the lists: customer name, number, department and time.
 * Shared by the queue and the chat lists so they read the same.
 */
import { css, html, type TemplateResult } from "lit";
import type { WireChat } from "../../durable-objects/protocol";

export const summaryStyles = css`
  .summary {
    display: grid;
    gap: 0.1rem;
    min-width: 0;
    text-align: left;
  }
  .summary .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .summary .line {
    font-size: 0.8rem;
    color: var(--ao-muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

/** Name and "#N · department · extra" for a chat. */
export function chatSummary(chat: WireChat, department: string, extra?: string): TemplateResult {
  const line = [`#${chat.number}`, department, extra].filter(Boolean).join(" · ");
  return html`<span class="summary">
    <span class="name">${chat.customer.name}</span>
    <span class="line">${line}</span>
  </span>`;
}
