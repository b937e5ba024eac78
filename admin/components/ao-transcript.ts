/**
 * `<ao-transcript chat-id>`: one closed chat from the Histórico (GET /api/chats/:id): who,
 * where from, when, the customer's satisfaction answer, and every message as text.
 */
import { css, html, type PropertyValues } from "lit";
import type { ChatDetailResponse } from "../../worker/views";
import { errorKey } from "../errors";
import { closedStatus } from "../closer-text";
import { formatDateTime, originLabel, safeHttpUrl } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { messageContent, messageStyles } from "./message-template";
import { surveyContent, surveyStyles } from "./survey-template";
import "./ao-create-ticket";
import "./ao-chat-labels";

export class AoTranscript extends AppElement {
  static override properties = {
    chatId: { attribute: "chat-id" },
    detail: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    messageStyles,
    surveyStyles,
    css`
      :host {
        display: block;
        padding: 1rem;
        max-width: 50rem;
        margin: 0 auto;
      }
      h1 {
        font-size: 1.3rem;
        margin: 0.8rem 0 0.4rem;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.15rem 0.8rem;
        margin: 0 0 1rem;
        font-size: 0.9rem;
      }
      dt {
        color: var(--ao-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      ol {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .error {
        color: var(--ao-danger);
      }
    `,
  ];

  declare chatId: string;
  declare detail: ChatDetailResponse | null;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.chatId = "";
    this.detail = null;
    this.error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("chatId") && this.chatId) void this.load(this.chatId);
  }

  private async load(chatId: string): Promise<void> {
    this.detail = null;
    this.error = null;
    try {
      const detail = await this.app.transcript(chatId);
      if (chatId === this.chatId) this.detail = detail;
    } catch (error) {
      if (chatId === this.chatId) this.error = errorKey(error);
    }
  }

  private labelsChanged(event: CustomEvent<{ chatId: string; labels: ChatDetailResponse["chat"]["labels"] }>): void {
    if (this.detail?.chat.id === event.detail.chatId) this.detail = { ...this.detail, chat: { ...this.detail.chat, labels: event.detail.labels } };
  }

  override render() {
    const back = html`<a href=${this.app.historySearch ? `#/history?${this.app.historySearch}` : "#/history"} data-testid="transcript-back">${t("transcript.back")}</a>`;
    if (this.error) return html`${back}<p class="error" role="alert">${t(this.error)}</p>`;
    if (!this.detail) return html`${back}<p class="muted" role="status">${t("history.loading")}</p>`;
    const { chat, messages, survey } = this.detail;
    const href = safeHttpUrl(chat.pageUrl);
    return html`${back}
      <h1>${t("transcript.heading", { number: chat.number })}</h1>
      <ao-create-ticket .app=${this.app} source="chat" source-id=${chat.id}></ao-create-ticket>
      <dl>
        <dt>${t("chat.customer")}</dt>
        <dd>${chat.customer.name}</dd>
        <dt>${t("chat.email")}</dt>
        <dd>${chat.customer.email}</dd>
        ${chat.pageUrl
          ? html`<dt>${t("chat.page")}</dt>
              <dd>${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${chat.pageUrl}</a>` : chat.pageUrl}</dd>`
          : ""}
        <dt>${t("origin.label")}</dt>
        <dd data-testid="transcript-origin">${originLabel(chat.origin)}</dd>
        <dt>${t("chat.department")}</dt>
        <dd>${chat.departmentName}</dd>
        <dt>${t("chat.status")}</dt>
        <dd>
          ${chat.attendant ? t("chat.attendedBy", { name: chat.attendant.name }) : t("history.noAttendant")} ·
          ${chat.status === "closed" ? html`<span data-testid="transcript-closer">${closedStatus(chat)}</span> ·` : ""}
          ${t("transcript.started", { date: formatDateTime(chat.createdAt) })}
          ${chat.closedAt ? html` · ${t("history.closedAt", { date: formatDateTime(chat.closedAt) })}` : ""}
        </dd>
      </dl>
      <ao-chat-labels .app=${this.app} chat-id=${chat.id} .labels=${chat.labels} @ao-chat-labels-changed=${this.labelsChanged}></ao-chat-labels>
      ${surveyContent(survey)}
      <ol aria-label=${t("messages.label")}>
        ${messages.map(
          (m) => html`<li class="message" data-testid="transcript-message" data-author=${m.author.type} data-seq=${m.seq} ?data-internal=${m.internal === true}>
            ${messageContent(m)}
          </li>`,
        )}
      </ol>
      ${messages.length === 0 ? html`<p class="muted">${t("transcript.empty")}</p>` : ""}`;
  }
}
define("ao-transcript", AoTranscript);
