/**
 * `<ao-desk>`: the "Atendimento Online" screen. A side column with the connection state, the
 * queue, the attendant's chats, other attendants' chats (supervisors) and presence; the
 * selected chat beside it. On narrow screens one of the two shows at a time. Administrators
 * see their first steps above both until they are done.
 */
import { css, html, type PropertyValues } from "lit";
import { t, type MessageKey } from "../i18n";
import type { Connection } from "../store";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";
import "./ao-chat-list";
import "./ao-chat-window";
import "./ao-presence";
import "./ao-queue";
import "./ao-setup-checklist";

const CONNECTION_TEXT: Record<Connection, MessageKey | null> = {
  open: null,
  connecting: "conn.connecting",
  reconnecting: "conn.reconnecting",
  stopped: "conn.stopped",
};

export class AoDesk extends AppElement {
  static override styles = [
    ...AppElement.styles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(16rem, 22rem) 1fr;
        grid-template-rows: auto minmax(0, 1fr);
        height: 100%;
        min-height: 0;
      }
      ao-setup-checklist {
        grid-column: 1 / -1;
        grid-row: 1;
      }
      aside,
      .chat {
        grid-row: 2;
      }
      aside {
        display: flex;
        flex-direction: column;
        gap: 1.2rem;
        padding: 0.8rem;
        overflow-y: auto;
        border-right: 1px solid var(--ao-border);
      }
      .connection {
        padding: 0.4rem 0.6rem;
        border-radius: var(--ao-radius);
        background: var(--ao-warning-bg);
        font-size: 0.85rem;
      }
      .chat {
        min-width: 0;
        min-height: 0;
      }
      @media (max-width: 48rem) {
        :host {
          grid-template-columns: 1fr;
        }
        :host([chat-open]) aside,
        :host([chat-open]) ao-setup-checklist,
        :host(:not([chat-open])) .chat {
          display: none;
        }
      }
    `,
  ];

  protected override storeKeys(): unknown[] {
    return [...commonKeys(this.app.store), this.app.store.selected !== null];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.toggleAttribute("chat-open", this.app.store.selected !== null);
  }

  override render() {
    const store = this.app.store;
    return html`<ao-setup-checklist .app=${this.app}></ao-setup-checklist>
      <aside>
        <div role="status" aria-live="polite">
          ${[...store.departments.values()].map((d) => {
            const text = CONNECTION_TEXT[d.connection];
            return text
              ? html`<p class="connection" data-testid="connection" data-state=${d.connection}>${t(text, { department: d.name })}</p>`
              : "";
          })}
        </div>
        <ao-queue .app=${this.app}></ao-queue>
        <ao-chat-list .app=${this.app} kind="mine"></ao-chat-list>
        ${store.isSupervisor ? html`<ao-chat-list .app=${this.app} kind="others"></ao-chat-list>` : ""}
        <ao-presence .app=${this.app}></ao-presence>
      </aside>
      <section class="chat">
        <ao-chat-window .app=${this.app}></ao-chat-window>
      </section>`;
  }
}
define("ao-desk", AoDesk);
