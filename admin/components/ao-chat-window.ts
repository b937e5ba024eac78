/**
 * `<ao-chat-window>`: the selected chat. Customer details (the page URL is a link only when it
 * is http/https), the messages, the customer's typing, the compose box for the attendant's own
 * open chat, and the actions: accept a waiting chat, close (own chat, or any for supervisors),
 * remove a closed one from the list, transfer an open one (own chat, or any for supervisors;
 * `<ao-transfer-dialog>`). Reports what is on screen as read.
 */
import { css, html } from "lit";
import type { ChatView } from "../chat-view";
import { formatDateTime, originLabel, safeHttpUrl } from "../format";
import { closedNotice, closedStatus } from "../closer-text";
import { t } from "../i18n";
import { selectedKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import "./ao-chat-labels";
import "./ao-compose";
import "./ao-messages";
import "./ao-transfer-dialog";
import "./ao-create-ticket";
import { presenceBadge, presenceStyles } from "../customer-presence";

import { VisitorDetails } from "../visitor-details";

/** As the queue's waiting times. */
const PRESENCE_TICK_MS = 30_000;

export class AoChatWindow extends AppElement {
  static override styles = [
    ...AppElement.styles,
    presenceStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        height: 100%;
        background: var(--ao-surface);
      }
      .empty {
        margin: auto;
        padding: 2rem;
        color: var(--ao-muted);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: flex-start;
        padding: 0.75rem 1rem;
        border-bottom: 1px solid var(--ao-border);
      }
      .title {
        flex: 1;
        min-width: 12rem;
      }
      h1 {
        font-size: 1.15rem;
        overflow-wrap: anywhere;
      }
      h1 .number {
        color: var(--ao-muted);
        font-weight: normal;
        margin-left: 0.3rem;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.1rem 0.6rem;
        margin: 0.3rem 0 0;
        font-size: 0.85rem;
      }
      dt {
        color: var(--ao-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        gap: 0.4rem;
      }
      .back {
        display: none;
      }
      ao-messages {
        flex: 1;
      }
      .status {
        padding: 0.4rem 1rem;
        font-size: 0.85rem;
        color: var(--ao-muted);
        min-height: 1.9rem;
      }
      [data-testid="chat-closed"] {
        margin: 0.5rem 1rem;
        padding: 0.6rem 0.8rem;
        border-radius: var(--ao-radius);
        background: var(--ao-hover);
      }
      @media (max-width: 48rem) {
        .back {
          display: inline-block;
        }
      }
    `,
  ];

  private readonly onVisibility = (): void => this.requestUpdate();
  private readonly visitor = new VisitorDetails(this);
  /** The customer's presence ("left 3 min ago") ages without a store change: re-rendered on a tick. */
  private timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("visibilitychange", this.onVisibility);
    this.timer = setInterval(() => this.requestUpdate(), PRESENCE_TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.onVisibility);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  protected override updated(): void {
    const view = this.app.store.selected;
    if (view && document.visibilityState === "visible") this.app.live?.markRead(view.chat.id);
  }

  protected override storeKeys(): unknown[] {
    return selectedKeys(this.app.store);
  }

  override render() {
    const view = this.app.store.selected;
    if (!view) return html`<p class="empty">${t("chat.select")}</p>`;
    const store = this.app.store;
    const { chat } = view;
    const mine = store.isMine(view);
    const canClose = chat.status !== "closed" && (mine || (store.isSupervisor && chat.status === "active"));
    const canTransfer = chat.status !== "closed" && (mine || store.isSupervisor);
    return html`<header>
        <button type="button" class="back" @click=${() => this.app.live?.open(null)}>${t("chat.back")}</button>
        <div class="title">
          <h1 id="chat-title">${chat.customer.name}<span class="number">#${chat.number}</span></h1>
          ${presenceBadge(chat, Date.now())}
          ${this.details(view)}
          <ao-chat-labels .app=${this.app} chat-id=${chat.id} .labels=${view.labels}></ao-chat-labels>
        </div>
        <div class="actions">
          ${chat.status === "waiting" && store.takesChatsOf(chat.departmentId)
            ? html`<button
                type="button"
                class="primary"
                data-testid="accept"
                ?disabled=${store.accepting.has(chat.id)}
                @click=${() => this.app.live?.accept(chat.id)}
              >
                ${t("queue.accept")}
              </button>`
            : ""}
          ${canTransfer
            ? html`<button
                type="button"
                data-testid="transfer-chat"
                aria-haspopup="dialog"
                @click=${() => void this.renderRoot.querySelector("ao-transfer-dialog")?.open(chat)}
              >
                ${t("transfer.open")}
              </button>`
            : ""}
          <ao-create-ticket .app=${this.app} source="chat" source-id=${chat.id}></ao-create-ticket>
          ${canClose
            ? html`<button type="button" class="danger" data-testid="close-chat" @click=${() => this.app.live?.close(chat.id)}>
                ${t("chat.close")}
              </button>`
            : ""}
          ${chat.status === "closed"
            ? html`<button type="button" data-testid="dismiss-chat" @click=${() => this.app.live?.dismiss(chat.id)}>
                ${t("chat.dismiss")}
              </button>`
            : ""}
        </div>
      </header>
      ${view.messages.length === 0 && view.syncing ? html`<p class="status" role="status">${t("chat.loading")}</p>` : ""}
      <ao-transfer-dialog .app=${this.app}></ao-transfer-dialog>
      <ao-messages .app=${this.app} .view=${view}></ao-messages>
      <p class="status" aria-live="polite" data-testid="typing">
        ${view.customerTyping && chat.status !== "closed" ? t("chat.typing", { name: view.customerTyping }) : ""}
      </p>
      ${chat.status === "closed"
        ? html`<p data-testid="chat-closed" role="status">${closedNotice(chat)}</p>`
        : mine
          ? html`<ao-compose .app=${this.app} chat-id=${chat.id}></ao-compose>`
          : chat.status === "active"
            ? html`<p class="status">${t("chat.readOnly")}</p>`
            : ""}`;
  }

  private details(view: ChatView) {
    const { chat } = view;
    const store = this.app.store;
    const href = safeHttpUrl(chat.pageUrl);
    return html`<dl>
      <dt>${t("chat.email")}</dt>
      <dd>${chat.customer.email}</dd>
      ${chat.pageUrl
        ? html`<dt>${t("chat.page")}</dt>
            <dd>
              ${href
                ? html`<a href=${href} target="_blank" rel="noopener noreferrer" data-testid="page-url">${chat.pageUrl}</a>`
                : html`<span data-testid="page-url">${chat.pageUrl}</span>`}
            </dd>`
        : ""}
      <dt>${t("origin.label")}</dt>
      <dd data-testid="chat-origin">${originLabel(chat.origin)}</dd>
      <dt>${t("chat.department")}</dt>
      <dd>${store.departmentName(chat.departmentId)}</dd>
      <dt>${t("chat.status")}</dt>
      <dd data-testid="chat-status">
        ${chat.status === "waiting"
          ? t("chat.waitingStatus")
          : chat.status === "closed"
            ? html`<span data-testid="chat-closer">${closedStatus(chat)}</span>`
            : chat.attendant
            ? t("chat.attendedBy", { name: chat.attendant.name })
            : ""}
        · ${formatDateTime(chat.createdAt)}
      </dd>
      ${this.visitor.rows(chat.id)}
    </dl>`;
  }
}
define("ao-chat-window", AoChatWindow);
