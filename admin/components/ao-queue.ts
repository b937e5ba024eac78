/**
 * `<ao-queue>`: the chats waiting in the attendant's departments, longest wait first. Each item
 * opens a preview of the chat or accepts it. The list is a polite live region, so a new
 * customer in the queue is announced.
 */
import { css, html } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { formatDuration } from "../format";
import { t } from "../i18n";
import { queueKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import { chatSummary, summaryStyles } from "./chat-summary";
import type { ChatView } from "../chat-view";
import { presenceBadge, presenceStyles } from "../customer-presence";

/** The start of the customer's first message: from the server's preview, else the messages this console has. */
function queuePreview(view: ChatView) {
  const text = view.chat.preview ?? view.messages.find((m) => m.author.type === "customer")?.body;
  return text ? html`<span class="preview" data-testid="queue-preview" title=${text}>${text}</span>` : "";
}

/** Waiting times on screen are refreshed this often. */
const TICK_MS = 30_000;
/**
 * Rows listed at first, and added by each "show more": with 500 customers waiting, listing all
 * of them made every change of the queue (and the waiting-time tick) lay out and paint 500 rows.
 * The longest waits come first, and those are the ones to take.
 */
const PAGE = 50;

export class AoQueue extends AppElement {
  static override styles = [
    ...AppElement.styles,
    summaryStyles,
    presenceStyles,
    css`
      li {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        padding: 0.3rem;
        border-radius: var(--ao-radius);
        /* Rows out of view are neither laid out nor painted. */
        content-visibility: auto;
        contain-intrinsic-size: auto 4.5rem;
      }
      li[aria-current="true"] {
        background: var(--ao-hover);
      }
      .open {
        flex: 1;
        min-width: 0;
        border: none;
        background: none;
        padding: 0.2rem;
      }
      .count {
        margin-left: 0.3rem;
      }
      .open {
        display: grid;
        gap: 0.1rem;
        text-align: left;
      }
      .waiting {
        font-size: 0.8rem;
        color: var(--ao-muted);
      }
      .more {
        margin-top: 0.3rem;
        width: 100%;
      }
      .preview {
        font-size: 0.85rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ];

  static override properties = { ...AppElement.properties, shown: { state: true } };

  private timer: ReturnType<typeof setInterval> | null = null;
  /** How many rows are listed (the rest are behind "show more"). */
  declare shown: number;

  constructor() {
    super();
    this.shown = PAGE;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  protected override storeKeys(): unknown[] {
    return queueKeys(this.app.store);
  }

  override render() {
    const store = this.app.store;
    const queue = store.queue;
    const now = Date.now();
    const manyDepartments = store.departments.size > 1;
    return html`<section aria-labelledby="queue-heading">
      <h2 id="queue-heading">
        ${t("queue.heading")}${queue.length > 0 ? html`<span class="badge count">${queue.length}</span>` : ""}
      </h2>
      <ul aria-live="polite" aria-labelledby="queue-heading">
        ${repeat(
          queue.slice(0, this.shown),
          (view) => view.chat.id,
          (view) => this.row(view, now, manyDepartments),
        )}
      </ul>
      ${this.more(queue.length)}
      ${queue.length === 0 ? html`<p class="muted">${t("queue.empty")}</p>` : ""}
    </section>`;
  }

  private more(total: number) {
    const rest = total - this.shown;
    if (rest <= 0) return "";
    const n = Math.min(PAGE, rest);
    return html`<button type="button" class="more" data-testid="queue-more" aria-label=${t("queue.moreLabel", { n, rest })} @click=${() => (this.shown += PAGE)}>
      ${t("queue.more", { n })}
    </button>`;
  }

  private row(view: ChatView, now: number, manyDepartments: boolean) {
    const store = this.app.store;
    const { chat } = view;
    return html`<li
      data-testid="queue-item"
      data-chat-id=${view.chat.id}
      aria-current=${store.selectedChatId === chat.id ? "true" : "false"}
    >
      <button type="button" class="open" @click=${() => this.app.live?.open(chat.id)}>
        ${chatSummary(chat, manyDepartments ? store.departmentName(chat.departmentId) : "")}
        <span class="waiting" data-testid="queue-waiting">${t("queue.waiting", { time: formatDuration(now - chat.createdAt) })}</span>
        ${queuePreview(view)}
        ${presenceBadge(chat, now)}
      </button>
      ${store.takesChatsOf(chat.departmentId)
        ? html`<button
            type="button"
            class="primary"
            data-testid="accept"
            aria-label=${t("queue.acceptLabel", { name: chat.customer.name, number: chat.number })}
            ?disabled=${store.accepting.has(chat.id)}
            @click=${() => this.app.live?.accept(chat.id)}
          >
            ${t("queue.accept")}
          </button>`
        : ""}
    </li>`;
  }
}
define("ao-queue", AoQueue);
