/**
 * `<ao-offline>`: the "Mensagens Offline" screen. What customers left with the widget's offline
 * form, newest first, a page at a time, with status and department filters and a status badge
 * on each. "Abrir conversa" shows the thread and the answer box (`<ao-offline-thread>`) in place
 * of the list; going back reloads the list, whose statuses the answer may have changed.
 * Customer-typed text (name, message, page address) goes through Lit text bindings, never
 * markup; the page address is a link only when it is http(s).
 */
import { css, html } from "lit";
import type { DepartmentsResponse, OfflineMessageItem, OfflineMessagesResponse } from "../../worker/views";
import type { OfflineQuery } from "../api";
import { errorKey } from "../errors";
import { formatDateTime, safeHttpUrl } from "../format";
import { t, type MessageKey } from "../i18n";
import { OFFLINE_STATUSES, statusKey } from "../offline-thread";
import { AppElement, define } from "./app-element";
import "./ao-offline-thread";
import { offlineBadge, offlineBadgeStyles } from "./offline-badge";
import { listStatus, pager } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import "./ao-create-ticket";

export class AoOffline extends AppElement {
  static override properties = {
    result: { state: true },
    departments: { state: true },
    loading: { state: true },
    error: { state: true },
    openId: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    offlineBadgeStyles,
    css`
      h1 {
        margin-bottom: 0.4rem;
      }
      .note {
        color: var(--ao-muted);
        font-size: 0.9rem;
        margin-bottom: 0.8rem;
      }
      ul {
        gap: 0.6rem;
      }
      article {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.3rem 0.8rem;
        padding: 0.6rem 0.8rem;
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        background: var(--ao-surface);
      }
      .message {
        grid-column: 1 / -1;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .open {
        grid-column: 1 / -1;
        justify-self: start;
      }
      article a {
        overflow-wrap: anywhere;
      }
      /* Phones: one column, so a long page address never squeezes the name. */
      @media (max-width: 40rem) {
        article {
          grid-template-columns: 1fr;
        }
        .when {
          text-align: left;
        }
      }
    `,
  ];

  declare result: OfflineMessagesResponse | null;
  declare departments: DepartmentsResponse["departments"];
  declare loading: boolean;
  declare error: MessageKey | null;
  declare openId: string | null;
  private query: OfflineQuery = { page: 1 };

  constructor() {
    super();
    this.result = null;
    this.departments = [];
    this.loading = false;
    this.error = null;
    this.openId = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.app.departments().then((departments) => (this.departments = departments));
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.result = await this.app.offlineMessages(this.query);
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const departmentId = String(data.get("departmentId") ?? "");
    const status = OFFLINE_STATUSES.find((s) => s === data.get("status"));
    this.query = { page: 1, departmentId: departmentId || undefined, status };
    void this.load();
  }

  private goTo(page: number): void {
    this.query = { ...this.query, page };
    void this.load();
  }

  private close(): void {
    this.openId = null;
    void this.load();
  }

  private item(m: OfflineMessageItem) {
    const url = safeHttpUrl(m.pageUrl);
    return html`<li>
      <article data-testid="offline-item" data-id=${m.id} aria-label=${m.name}>
        <span class="name">${m.name} <span class="line">${m.email}</span> ${offlineBadge(m.status)}</span>
        <time class="when" datetime=${new Date(m.createdAt).toISOString()}>${formatDateTime(m.createdAt)}</time>
        <span class="line">${m.departmentName ?? t("offline.noDepartment")}</span>
        <span class="line when">
          ${url
            ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${m.pageUrl}</a>`
            : (m.pageUrl ?? "")}
        </span>
        <p class="message" data-testid="offline-message">${m.message}</p>
        <button type="button" class="open" data-testid="offline-open" aria-label=${t("offline.openFor", { name: m.name })} @click=${() => (this.openId = m.id)}>
          ${t("offline.open")}
        </button>
        <ao-create-ticket .app=${this.app} source="offline" source-id=${m.id}></ao-create-ticket>
      </article>
    </li>`;
  }

  override render() {
    if (this.openId) {
      return html`<ao-offline-thread .app=${this.app} message-id=${this.openId} @ao-offline-back=${this.close}></ao-offline-thread>`;
    }
    const query = this.query;
    const items = this.result?.offlineMessages ?? [];
    return html`<h1>${t("offline.heading")}</h1>
      <p class="note">${t("offline.threadNote")}</p>
      <form @submit=${this.filter} aria-label=${t("offline.filters")}>
        <label>
          ${t("offline.status")}
          <select name="status" data-testid="offline-status-filter">
            <option value="">${t("offline.allStatuses")}</option>
            ${OFFLINE_STATUSES.map((s) => html`<option value=${s} ?selected=${s === query.status}>${t(statusKey(s))}</option>`)}
          </select>
        </label>
        <label>
          ${t("offline.department")}
          <select name="departmentId" data-testid="offline-department">
            <option value="">${t("offline.allDepartments")}</option>
            ${this.departments.map((d) => html`<option value=${d.id} ?selected=${d.id === query.departmentId}>${d.name}</option>`)}
          </select>
        </label>
        <button type="submit">${t("offline.apply")}</button>
      </form>
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus(
          { error: this.error, loading: this.loading, loaded: !!this.result, empty: items.length === 0 },
          { loading: t("offline.loading"), empty: t("offline.empty") },
        )}
        <ul>
          ${items.map((m) => this.item(m))}
        </ul>
      </div>
      ${this.result
        ? pager(
            { page: query.page, hasMore: this.result.hasMore, loading: this.loading },
            { page: t("offline.pageN", { n: query.page }), prev: t("offline.prev"), next: t("offline.next") },
            "offline",
            (page) => this.goTo(page),
          )
        : ""}`;
  }
}
define("ao-offline", AoOffline);
