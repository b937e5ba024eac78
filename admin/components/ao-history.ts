/**
 * `<ao-history>`: the "Histórico" screen. Closed chats, newest first, a page at a time, with a
 * department filter and a search; a row opens the transcript.
 */
import { css, html } from "lit";
import type { ChatListResponse, DepartmentsResponse } from "../../worker/views";
import { errorKey } from "../errors";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus, pager } from "./list-parts";
import { listPageStyles } from "./list-page-styles";

export class AoHistory extends AppElement {
  static override properties = {
    result: { state: true },
    departments: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
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
        grid-row: span 2;
      }
    `,
  ];

  declare result: ChatListResponse | null;
  declare departments: DepartmentsResponse["departments"];
  declare loading: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.result = null;
    this.departments = [];
    this.loading = false;
    this.error = null;
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
      this.result = await this.app.history(this.app.historyQuery);
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const departmentId = String(data.get("departmentId") ?? "");
    const q = String(data.get("q") ?? "").trim();
    this.app.historyQuery = { status: "closed", page: 1, departmentId: departmentId || undefined, q: q || undefined };
    void this.load();
  }

  private goTo(page: number): void {
    this.app.historyQuery = { ...this.app.historyQuery, page };
    void this.load();
  }

  override render() {
    const query = this.app.historyQuery;
    const chats = this.result?.chats ?? [];
    return html`<h1>${t("history.heading")}</h1>
      <form @submit=${this.filter} aria-label=${t("history.filters")}>
        <label>
          ${t("history.department")}
          <select name="departmentId" data-testid="history-department">
            <option value="">${t("history.allDepartments")}</option>
            ${this.departments.map((d) => html`<option value=${d.id} ?selected=${d.id === query.departmentId}>${d.name}</option>`)}
          </select>
        </label>
        <label>
          ${t("history.search")}
          <input type="search" name="q" .value=${query.q ?? ""} placeholder=${t("history.searchPlaceholder")} />
        </label>
        <button type="submit">${t("history.apply")}</button>
      </form>
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus(
          { error: this.error, loading: this.loading, loaded: !!this.result, empty: chats.length === 0 },
          { loading: t("history.loading"), empty: t("history.empty") },
        )}
        <ul>
          ${chats.map(
            (chat) => html`<li>
              <button
                type="button"
                data-testid="history-item"
                data-chat-id=${chat.id}
                @click=${() => this.app.navigate({ page: "transcript", chatId: chat.id })}
              >
                <span class="number">#${chat.number}</span>
                <span class="name">${chat.customer.name} <span class="line">${chat.customer.email}</span></span>
                <span class="when">${chat.closedAt ? formatDateTime(chat.closedAt) : ""}</span>
                <span class="line">
                  ${[chat.departmentName, chat.attendant?.name ?? t("history.noAttendant")].join(" · ")}
                </span>
                <span class="line when">${chat.messageCount === 1 ? t("history.oneMessage") : t("history.messages", { n: chat.messageCount })}</span>
              </button>
            </li>`,
          )}
        </ul>
      </div>
      ${this.result
        ? pager(
            { page: query.page, hasMore: this.result.hasMore, loading: this.loading },
            { page: t("history.page", { n: query.page }), prev: t("history.prev"), next: t("history.next") },
            "history",
            (page) => this.goTo(page),
          )
        : ""}`;
  }
}
define("ao-history", AoHistory);
