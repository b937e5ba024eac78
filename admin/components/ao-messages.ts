/**
 * `<ao-messages>`: the messages of one chat, oldest first, then this console's pending ones.
 * A polite live region; it follows new messages to the bottom unless the attendant scrolled up.
 * The attendant side's messages show whether the customer received and read them.
 */
import { css, html, type PropertyValues } from "lit";
import { guard } from "lit/directives/guard.js";
import { repeat } from "lit/directives/repeat.js";
import { receiptOf, type ChatView, type Receipt } from "../chat-view";
import { t, type MessageKey } from "../i18n";
import { messageListKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import { messageContent, messageStyles } from "./message-template";

const RECEIPT_MARK: Record<Receipt, string> = { sent: "✓", delivered: "✓✓", read: "✓✓" };
const RECEIPT_TEXT: Record<Receipt, MessageKey> = { sent: "message.sent", delivered: "message.delivered", read: "message.read" };
/** Closer than this to the bottom counts as "following the conversation". */
const STICK_PX = 80;

export class AoMessages extends AppElement {
  static override properties = { view: { attribute: false } };
  static override styles = [
    ...AppElement.styles,
    messageStyles,
    css`
      :host {
        display: block;
        min-height: 0;
      }
      ol {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        height: 100%;
        overflow-y: auto;
        padding: 1rem;
        /* Its size comes from the chat window, never from the messages: a new message is laid out and painted inside the list alone. */
        contain: strict;
      }
    `,
  ];

  declare view: ChatView;
  /** Following the conversation: set by the attendant's own scrolling, and on a switch of chat. */
  private stick = true;
  private shownChatId: string | null = null;
  private scrollFrame = 0;

  /**
   * Whether the attendant is at the bottom, read when they scroll (layout is up to date then),
   * not before each render: reading it there forced a layout of the whole desk per message.
   */
  private readonly onScroll = (): void => {
    const list = this.renderRoot.querySelector("ol");
    if (list) this.stick = list.scrollHeight - list.scrollTop - list.clientHeight < STICK_PX;
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.view.chat.id !== this.shownChatId) this.stick = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.shownChatId = this.view.chat.id;
    if (this.stick && this.scrollFrame === 0) this.scrollFrame = requestAnimationFrame(() => this.toBottom());
  }

  /**
   * Scrolls to the newest message in the next frame's animation callbacks: the layout this
   * reads is the one the frame does anyway, so it is done once, not forced and done again.
   */
  private toBottom(): void {
    this.scrollFrame = 0;
    const list = this.renderRoot.querySelector("ol");
    // Decided at the render: a scroll event between the two (a chat switch clamping the old
    // position) must not cancel it.
    if (list) list.scrollTop = list.scrollHeight;
  }

  protected override storeKeys(): unknown[] {
    return messageListKeys(this.app.store, this.view);
  }

  override render() {
    const view = this.view;
    return html`<ol aria-live="polite" aria-relevant="additions" aria-label=${t("messages.label")} tabindex="0" @scroll=${this.onScroll}>
      ${repeat(
        view.messages,
        (m) => m.id,
        (m) => {
          const receipt = m.author.type === "attendant" ? receiptOf(view, m) : null;
          // A message never changes once stored: only its receipt and the language do.
          return guard([m, receipt, this.app.store.locale], () => html`<li class="message" data-testid="message" data-author=${m.author.type} data-seq=${m.seq} ?data-internal=${m.internal === true}>
            ${messageContent(
              m,
              receipt
                ? html`<div class="foot">
                    <span class="receipt" data-testid="receipt" data-status=${receipt}>
                      <span aria-hidden="true">${RECEIPT_MARK[receipt]}</span>
                      <span class="visually-hidden">${t(RECEIPT_TEXT[receipt])}</span>
                    </span>
                  </div>`
                : undefined,
            )}
          </li>`);
        },
      )}
      ${repeat(
        view.pending,
        (p) => p.clientId,
        (p) => html`<li class="message" data-testid="pending-message" data-author="attendant" data-client-id=${p.clientId}>
          ${messageContent(
            { author: { type: "attendant", id: null, name: this.app.store.me?.name ?? "" }, body: p.body, createdAt: p.createdAt },
            html`<div class="foot">
              ${p.failed
                ? html`<span class="failed">${t("message.failed")}</span>
                    <button type="button" @click=${() => this.app.live?.retry(view.chat.id, p.clientId)}>${t("message.retry")}</button>`
                : html`<span>${t("message.pending")}</span>`}
            </div>`,
          )}
        </li>`,
      )}
    </ol>`;
  }
}
define("ao-messages", AoMessages);
