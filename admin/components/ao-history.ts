/**
 * `<ao-history search>`: the "Histórico" screen. The filters live in the URL
 * (`#/history?q=…&labelId=…`, `search` is the part after `?`), so a search can be bookmarked and
 * the back button returns to the previous one; applying the form or turning a page navigates.
 * Results show their labels as chips; "Exportar CSV" downloads the same search.
 */
import { css, html } from "lit";
import { keyed } from "lit/directives/keyed.js";
import type { DepartmentsResponse } from "../../worker/views";
import type { HistoryChat, HistoryResponse } from "../../worker/views-history";
import type { ChatLabel } from "../../worker/views-labels";
import { historyApi } from "../api-history";
import { errorKey } from "../errors";
import { formatDateTime, originLabel } from "../format";
import { DEFAULT_HISTORY_FILTERS, activeFilterCount, historyExportUrl, historySearchText, parseHistorySearch, type HistoryFilters } from "../history-filters";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { filterForm, filterFormStyles } from "./history-filter-form";
import { labelChipStyles, labelChips } from "./label-chips";
import { listStatus, pager } from "./list-parts";
import { listPageStyles } from "./list-page-styles";

export class AoHistory extends AppElement {
  static override properties = {
    search: {},
    result: { state: true },
    departments: { state: true },
    labels: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    filterFormStyles,
    labelChipStyles,
    css`
      li button {
        display: grid;
        grid-template-columns: 4rem 1fr auto;
        gap: 0.2rem 0.8rem;
        width: 100%;
        text-align: left;
        padding: 0.6rem 0.8rem;
      }
      .number {
        color: var(--ao-muted);
        grid-row: span 3;
      }
      .row-chips {
        grid-column: 2 / -1;
      }
      .badge {
        font-size: 0.78rem;
        font-weight: 600;
      }
      @media (max-width: 30rem) {
        li button {
          grid-template-columns: 3rem 1fr;
        }
        .when {
          text-align: left;
          grid-column: 2;
        }
      }
    `,
  ];

  /** The filters as the hash's query text (from the route). */
  declare search: string;
  declare result: HistoryResponse | null;
  declare departments: DepartmentsResponse["departments"];
  declare labels: ChatLabel[];
  declare loading: boolean;
  declare error: MessageKey | null;
  private filters: HistoryFilters = DEFAULT_HISTORY_FILTERS;
  private loads = 0;

  constructor() {
    super();
    this.search = "";
    this.result = null;
    this.departments = [];
    this.labels = [];
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.app.departments().then((departments) => (this.departments = departments));
    void this.app.call(() => historyApi.labels()).then(
      (labels) => (this.labels = labels),
      () => (this.labels = []),
    );
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has("search")) {
      this.filters = parseHistorySearch(this.search);
      this.app.historySearch = historySearchText(this.filters);
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const mine = ++this.loads;
    this.loading = true;
    this.error = null;
    try {
      const result = await this.app.call(() => historyApi.search(this.filters));
      if (mine === this.loads) this.result = result;
    } catch (error) {
      if (mine === this.loads) this.error = errorKey(error);
    }
    if (mine === this.loads) this.loading = false;
  }

  /** Goes to the search of `filters` (a new history entry); the same search again reloads. */
  private show(filters: HistoryFilters): void {
    const search = historySearchText(filters);
    if (search === historySearchText(this.filters)) void this.load();
    else this.app.navigate(search ? { page: "history", search } : { page: "history" });
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const params = new URLSearchParams();
    for (const [key, value] of data) if (typeof value === "string") params.append(key, value);
    this.show({ ...parseHistorySearch(params), page: 1 });
  }

  /** Everyone the console knows in the departments it sees, by name. */
  private attendants(): { id: string; name: string }[] {
    const byId = new Map<string, string>();
    for (const d of this.app.store.departments.values()) for (const a of d.attendants) byId.set(a.id, a.name);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  private row(chat: HistoryChat) {
    const when = chat.closedAt ?? chat.createdAt;
    return html`<li>
      <button type="button" data-testid="history-item" data-chat-id=${chat.id} @click=${() => this.app.navigate({ page: "transcript", chatId: chat.id })}>
        <span class="number">#${chat.number}</span>
        <span class="name">${chat.customer.name} <span class="line">${chat.customer.email}</span></span>
        <span class="when">${formatDateTime(when)}</span>
        <span class="line">
          ${[chat.departmentName, chat.attendant?.name ?? t("history.noAttendant"), originLabel(chat.origin)].join(" · ")}
          ${chat.status === "closed" ? "" : html` · <span class="badge" data-testid="history-status">${chat.abandonedAt ? t("history.abandoned") : t(`history.status.badge.${chat.status}`)}</span>`}
        </span>
        <span class="line when">${chat.messageCount === 1 ? t("history.oneMessage") : t("history.messages", { n: chat.messageCount })}</span>
        ${chat.labels.length ? html`<span class="row-chips">${labelChips(chat.labels, t("history.chipsLabel"))}</span>` : ""}
      </button>
    </li>`;
  }

  override render() {
    const filters = this.filters;
    const chats = this.result?.chats ?? [];
    const choices = { departments: this.departments, attendants: this.attendants(), labels: this.labels };
    const empty = activeFilterCount(filters) ? t("history.noResults") : t("history.empty");
    return html`<h1>${t("history.heading")}</h1>
      ${keyed(
        this.search,
        filterForm(filters, choices, {
          submit: (e) => this.submit(e),
          clear: () => this.show(DEFAULT_HISTORY_FILTERS),
          exportHref: historyExportUrl(filters),
        }),
      )}
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"} data-testid="history-results">
        ${listStatus({ error: this.error, loading: this.loading, loaded: !!this.result, empty: chats.length === 0 }, { loading: t("history.loading"), empty })}
        <ul>
          ${chats.map((chat) => this.row(chat))}
        </ul>
      </div>
      ${this.result
        ? pager(
            { page: filters.page, hasMore: this.result.hasMore, loading: this.loading },
            { page: t("history.page", { n: filters.page }), prev: t("history.prev"), next: t("history.next") },
            "history",
            (page) => this.show({ ...filters, page }),
          )
        : ""}`;
  }
}
define("ao-history", AoHistory);
