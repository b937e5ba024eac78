/**
 * `<ao-tickets>`: the "Chamados" list. Tickets the attendant may see, newest activity first, a
 * page at a time, with filters (status, department, assignee, search over subject, number and
 * customer). Each row links to the ticket (`#/tickets/<id>`). Customer-typed text goes through
 * Lit text bindings, never markup.
 */
import { css, html } from "lit";
import type { DepartmentsResponse } from "../../worker/views";
import type { TicketItem, TicketListResponse } from "../../worker/views-tickets";
import { TICKET_STATUSES, ticketErrorKey, ticketsApi, type TicketQuery } from "../api-tickets";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus, pager } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { badgeStyles, priorityBadge, statusBadge } from "./ticket-badges";

export class AoTickets extends AppElement {
  static override properties = {
    result: { state: true },
    departments: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    badgeStyles,
    css`
      article {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.3rem 0.8rem;
        padding: 0.6rem 0.8rem;
        border: 1px solid var(--ao-border);
        border-radius: var(--ao-radius);
        background: var(--ao-surface);
      }
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem;
        grid-column: 1 / -1;
      }
      input[type="search"] {
        min-width: 14rem;
      }
    `,
  ];

  declare result: TicketListResponse | null;
  declare departments: DepartmentsResponse["departments"];
  declare loading: boolean;
  declare error: MessageKey | null;
  private query: TicketQuery = { page: 1 };

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
      this.result = await this.app.call(() => ticketsApi.list(this.query));
    } catch (error) {
      this.error = ticketErrorKey(error);
    }
    this.loading = false;
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? "") || undefined;
    const assignee = value("assigneeId");
    this.query = {
      page: 1,
      status: value("status") as TicketQuery["status"],
      departmentId: value("departmentId"),
      assigneeId: assignee === "me" ? this.app.store.me?.id : assignee,
      q: value("q"),
    };
    void this.load();
  }

  private goTo(page: number): void {
    this.query = { ...this.query, page };
    void this.load();
  }

  private item(ticket: TicketItem) {
    return html`<li>
      <article data-testid="ticket-item" data-id=${ticket.id}>
        <a class="name" href=${`#/tickets/${encodeURIComponent(ticket.id)}`}>${t("tickets.number", { number: ticket.number })} ${ticket.subject}</a>
        <time class="when" datetime=${new Date(ticket.updatedAt).toISOString()}>${formatDateTime(ticket.updatedAt)}</time>
        <span class="line">${ticket.customer.name} · ${ticket.customer.email}</span>
        <span class="line when">${ticket.department?.name ?? t("tickets.noDepartment")}</span>
        <span class="badges">
          ${statusBadge(ticket.status)} ${priorityBadge(ticket.priority)}
          ${ticket.assignee ? html`<span class="line">${t("tickets.assignee")}: ${ticket.assignee.name}</span>` : ""}
        </span>
      </article>
    </li>`;
  }

  private filters() {
    const q = this.query;
    return html`<form @submit=${this.filter} aria-label=${t("tickets.filters")}>
      <label>
        ${t("tickets.status")}
        <select name="status" data-testid="tickets-status">
          <option value="">${t("tickets.allStatuses")}</option>
          ${TICKET_STATUSES.map((s) => html`<option value=${s} ?selected=${s === q.status}>${t(`tickets.status.${s}`)}</option>`)}
        </select>
      </label>
      <label>
        ${t("tickets.department")}
        <select name="departmentId" data-testid="tickets-department">
          <option value="">${t("tickets.allDepartments")}</option>
          ${this.departments.map((d) => html`<option value=${d.id} ?selected=${d.id === q.departmentId}>${d.name}</option>`)}
        </select>
      </label>
      <label>
        ${t("tickets.assignee")}
        <select name="assigneeId" data-testid="tickets-assignee">
          <option value="">${t("tickets.anyAssignee")}</option>
          <option value="me" ?selected=${!!q.assigneeId && q.assigneeId === this.app.store.me?.id}>${t("tickets.mine")}</option>
        </select>
      </label>
      <label>
        ${t("tickets.search")}
        <input type="search" name="q" maxlength="100" .value=${q.q ?? ""} data-testid="tickets-search" />
      </label>
      <button type="submit">${t("tickets.apply")}</button>
    </form>`;
  }

  override render() {
    const items = this.result?.tickets ?? [];
    return html`<h1>${t("tickets.heading")}</h1>
      ${this.filters()}
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus(
          { error: this.error, loading: this.loading, loaded: !!this.result, empty: items.length === 0 },
          { loading: t("tickets.loading"), empty: t("tickets.empty") },
        )}
        <ul>
          ${items.map((ticket) => this.item(ticket))}
        </ul>
      </div>
      ${this.result
        ? pager(
            { page: this.query.page, hasMore: this.result.hasMore, loading: this.loading },
            { page: t("tickets.pageN", { n: this.query.page }), prev: t("tickets.prev"), next: t("tickets.next") },
            "tickets",
            (page) => this.goTo(page),
          )
        : ""}`;
  }
}
define("ao-tickets", AoTickets);
