/**
 * `<ao-chat-list kind="mine|others">`: the attendant's own chats (with unread counts and closed
 * ones until dismissed), or, for supervisors, the chats other attendants are handling.
 */
import { css, html } from "lit";
import { guard } from "lit/directives/guard.js";
import { repeat } from "lit/directives/repeat.js";
import { unreadCount } from "../chat-view";
import { t } from "../i18n";
import { chatListKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import { chatSummary, summaryStyles } from "./chat-summary";

export class AoChatList extends AppElement {
  static override properties = { kind: {} };
  static override styles = [
    ...AppElement.styles,
    summaryStyles,
    css`
      button {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        width: 100%;
        border: none;
        background: none;
        padding: 0.45rem;
      }
      li {
        /* Rows out of view are neither laid out nor painted: an unread badge repaints only what shows. */
        content-visibility: auto;
        contain-intrinsic-size: auto 3.2rem;
      }
      button[aria-current="true"] {
        background: var(--ao-hover);
      }
      .summary {
        flex: 1;
      }
      .closed .name {
        text-decoration: line-through;
        font-weight: normal;
      }
    `,
  ];

  /** "mine": the attendant's own chats; "others": other attendants' (supervisors only). */
  declare kind: "mine" | "others";

  constructor() {
    super();
    this.kind = "mine";
  }

  protected override storeKeys(): unknown[] {
    return chatListKeys(this.app.store);
  }

  override render() {
    const store = this.app.store;
    const mine = this.kind === "mine";
    const chats = mine ? store.myChats : store.otherChats;
    const manyDepartments = store.departments.size > 1;
    const headingId = `${this.kind}-heading`;
    return html`<section aria-labelledby=${headingId}>
      <h2 id=${headingId}>${mine ? t("mine.heading") : t("others.heading")}</h2>
      <ul aria-labelledby=${headingId}>
        ${repeat(
          chats,
          (view) => view.chat.id,
          (view) => {
            const { chat } = view;
            const unread = mine && chat.status === "active" ? unreadCount(view) : 0;
            const extra = [manyDepartments ? store.departmentName(chat.departmentId) : "", mine ? "" : (chat.attendant?.name ?? "")];
            const selected = store.selectedChatId === chat.id;
            // One message changes one row: the other 49 are not even re-evaluated.
            return guard([chat, unread, selected, extra[0], mine, store.locale], () => html`<li class=${chat.status === "closed" ? "closed" : ""}>
              <button
                type="button"
                data-testid=${mine ? "my-chat" : "other-chat"}
                data-chat-id=${chat.id}
                data-status=${chat.status}
                aria-current=${selected ? "true" : "false"}
                @click=${() => this.app.live?.open(chat.id)}
              >
                ${chatSummary(chat, extra.filter(Boolean).join(" · "))}
                ${chat.status === "closed" ? html`<span class="badge neutral">${t("chat.closedBadge")}</span>` : ""}
                ${unread > 0
                  ? html`<span class="badge" data-testid="unread"
                      ><span aria-hidden="true">${unread}</span
                      ><span class="visually-hidden">${unread === 1 ? t("chat.unreadOne") : t("chat.unread", { n: unread })}</span></span
                    >`
                  : ""}
              </button>
            </li>`);
          },
        )}
      </ul>
      ${chats.length === 0 ? html`<p class="muted">${mine ? t("mine.empty") : t("others.empty")}</p>` : ""}
    </section>`;
  }
}
define("ao-chat-list", AoChatList);
