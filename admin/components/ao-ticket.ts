/**
 * `<ao-ticket ticket-id>`: one ticket of Chamados. The thread (customer entries, public replies
 * with their delivery state, internal notes styled apart), the controls (status, priority,
 * department, assignee; close and reopen) and the reply box with its "Nota interna" toggle.
 * Everything a customer wrote goes through Lit text bindings, never markup.
 */
import { html } from "lit";
import type { DepartmentsResponse } from "../../worker/views";
import type { AttendantsResponse } from "../../worker/views-gestao";
import type { TicketDetailResponse, TicketEntryView } from "../../worker/views-tickets";
import { assigneeOptions, deliveryText, entryLabel, TICKET_PRIORITIES, TICKET_STATUSES, ticketErrorKey, ticketsApi, type TicketPatch } from "../api-tickets";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listPageStyles } from "./list-page-styles";
import { badgeStyles, priorityBadge, statusBadge } from "./ticket-badges";
import { ticketStyles } from "./ticket-styles";

export class AoTicket extends AppElement {
  static override properties = {
    ticketId: { attribute: "ticket-id" },
    detail: { state: true },
    departments: { state: true },
    attendants: { state: true },
    internal: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [...AppElement.styles, listPageStyles, badgeStyles, ticketStyles];

  declare ticketId: string;
  declare detail: TicketDetailResponse | null;
  declare departments: DepartmentsResponse["departments"];
  declare attendants: AttendantsResponse["attendants"] | null;
  declare internal: boolean;
  declare busy: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.ticketId = "";
    this.detail = null;
    this.departments = [];
    this.attendants = null;
    this.internal = false;
    this.busy = false;
    this.error = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // The same element shows the next ticket when only the hash's id changes.
    if (changed.has("ticketId") && this.ticketId) void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.app.departments().then((departments) => (this.departments = departments));
    if (this.app.store.me?.role !== "attendant") {
      ticketsApi.attendants().then(
        (r) => (this.attendants = r.attendants),
        () => (this.attendants = null),
      );
    }
  }

  private async load(): Promise<void> {
    try {
      this.detail = await this.app.call(() => ticketsApi.get(this.ticketId));
      this.error = null;
    } catch (error) {
      this.error = ticketErrorKey(error);
    }
  }

  /** Runs a change; the answer replaces the ticket, a refusal shows its text. */
  private async act(run: () => Promise<unknown>, done: MessageKey): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await this.app.call(run);
      await this.load();
      this.app.store.notify(done, { number: this.detail?.ticket.number ?? "" });
      return true;
    } catch (error) {
      this.error = ticketErrorKey(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private save(event: SubmitEvent): void {
    event.preventDefault();
    const ticket = this.detail!.ticket;
    const data = new FormData(event.target as HTMLFormElement);
    const patch: TicketPatch = {};
    const status = String(data.get("status")) as TicketPatch["status"];
    const priority = String(data.get("priority")) as TicketPatch["priority"];
    const departmentId = String(data.get("departmentId") ?? "") || null;
    const assigneeId = String(data.get("assigneeId") ?? "") || null;
    if (status !== ticket.status) patch.status = status;
    if (priority !== ticket.priority) patch.priority = priority;
    if (departmentId !== (ticket.department?.id ?? null)) patch.departmentId = departmentId;
    if (assigneeId !== (ticket.assignee?.id ?? null)) patch.assigneeId = assigneeId;
    if (Object.keys(patch).length === 0) return;
    void this.act(() => ticketsApi.patch(ticket.id, patch), "tickets.saved");
  }

  private async send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = String(new FormData(form).get("body") ?? "").trim();
    if (!body) return;
    const internal = this.internal;
    // Only the text is cleared: a form reset would also untick "Nota interna" behind the state's back.
    const sent = await this.act(() => ticketsApi.reply(this.ticketId, body, internal), internal ? "tickets.noteAdded" : "tickets.sent");
    if (sent) (form.elements.namedItem("body") as HTMLTextAreaElement).value = "";
  }

  private entry(entry: TicketEntryView) {
    const delivery = deliveryText(entry);
    return html`<li class="entry ${entry.kind}" data-testid="ticket-entry" data-kind=${entry.kind}>
      <p class="meta">
        <strong>${t(entryLabel(entry.kind))}</strong> · ${entry.author.name}
        <time datetime=${new Date(entry.createdAt).toISOString()}>${formatDateTime(entry.createdAt)}</time>
      </p>
      <p class="body">${entry.body}</p>
      ${delivery ? html`<p class="delivery" data-testid="ticket-delivery">${t(delivery.key, delivery.params)}</p>` : ""}
    </li>`;
  }

  private controls(detail: TicketDetailResponse) {
    const { ticket } = detail;
    const me = this.app.store.me!;
    const options = assigneeOptions(me, ticket, this.attendants);
    const closed = ticket.status === "closed";
    return html`<form class="controls" @submit=${this.save} aria-label=${t("tickets.save")}>
      <label>
        ${t("tickets.status")}
        <select name="status" data-testid="ticket-status-select">
          ${TICKET_STATUSES.map((s) => html`<option value=${s} ?selected=${s === ticket.status}>${t(`tickets.status.${s}`)}</option>`)}
        </select>
      </label>
      <label>
        ${t("tickets.priority")}
        <select name="priority" data-testid="ticket-priority-select">
          ${TICKET_PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === ticket.priority}>${t(`tickets.priority.${p}`)}</option>`)}
        </select>
      </label>
      <label>
        ${t("tickets.department")}
        <select name="departmentId" data-testid="ticket-department-select">
          <option value="" ?selected=${!ticket.department}>${t("tickets.noDepartment")}</option>
          ${ticket.department && !this.departments.some((d) => d.id === ticket.department!.id)
            ? html`<option value=${ticket.department.id} selected>${ticket.department.name}</option>`
            : ""}
          ${this.departments.map((d) => html`<option value=${d.id} ?selected=${d.id === ticket.department?.id}>${d.name}</option>`)}
        </select>
      </label>
      <label>
        ${t("tickets.assignee")}
        <select name="assigneeId" data-testid="ticket-assignee-select">
          <option value="" ?selected=${!ticket.assignee}>${t("tickets.unassigned")}</option>
          ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === ticket.assignee?.id}>${o.name}</option>`)}
        </select>
      </label>
      <button type="submit" class="primary" ?disabled=${this.busy} data-testid="ticket-save">${t("tickets.save")}</button>
      ${ticket.assignee?.id !== me.id
        ? html`<button type="button" ?disabled=${this.busy} data-testid="ticket-take" @click=${() => this.act(() => ticketsApi.patch(ticket.id, { assigneeId: me.id }), "tickets.saved")}>${t("tickets.take")}</button>`
        : ""}
      <button
        type="button"
        ?disabled=${this.busy}
        data-testid=${closed ? "ticket-reopen" : "ticket-close"}
        @click=${() => this.act(() => ticketsApi.patch(ticket.id, { status: closed ? "in_progress" : "closed" }), "tickets.saved")}
      >
        ${t(closed ? "tickets.reopen" : "tickets.close")}
      </button>
    </form>`;
  }

  private replyBox() {
    const hintId = "ticket-reply-hint";
    return html`<form class="reply ${this.internal ? "internal" : ""}" @submit=${this.send} aria-label=${t(this.internal ? "tickets.internal" : "tickets.reply")}>
      <label class="toggle">
        <input type="checkbox" data-testid="ticket-internal" .checked=${this.internal} @change=${(e: Event) => (this.internal = (e.target as HTMLInputElement).checked)} />
        ${t("tickets.internal")}
      </label>
      <label>
        ${t(this.internal ? "tickets.internal" : "tickets.reply")}
        <textarea name="body" rows="4" maxlength="10000" required aria-describedby=${hintId} data-testid="ticket-reply-body"></textarea>
      </label>
      <p class="line" id=${hintId}>${t(this.internal ? "tickets.internalHint" : "tickets.publicHint")}</p>
      <button type="submit" class="primary" ?disabled=${this.busy} data-testid="ticket-reply-send">${t(this.internal ? "tickets.addNote" : "tickets.send")}</button>
    </form>`;
  }

  override render() {
    const detail = this.detail;
    const back = html`<p><a href="#/tickets" data-testid="ticket-back">${t("tickets.back")}</a></p>`;
    const error = this.error ? html`<p class="error" role="alert" data-testid="ticket-error">${t(this.error)}</p>` : "";
    if (!detail) return html`${back}<div aria-live="polite">${error || html`<p class="muted">${t("tickets.loading")}</p>`}</div>`;
    const { ticket } = detail;
    return html`${back}
      <h1 data-testid="ticket-heading">${t("tickets.number", { number: ticket.number })} ${ticket.subject}</h1>
      <p class="badges">${statusBadge(ticket.status)} ${priorityBadge(ticket.priority)}</p>
      <dl class="facts">
        <dt>${t("tickets.customer")}</dt>
        <dd>${ticket.customer.name} · ${ticket.customer.email}</dd>
        <dt>${t("tickets.department")}</dt>
        <dd>${ticket.department?.name ?? t("tickets.noDepartment")}</dd>
        <dt>${t("tickets.assignee")}</dt>
        <dd>${ticket.assignee?.name ?? t("tickets.unassigned")}</dd>
      </dl>
      ${this.controls(detail)}
      <div aria-live="polite">${error}</div>
      <h2>${t("tickets.thread")}</h2>
      <ol class="thread" data-testid="ticket-thread">
        ${detail.entries.map((e) => this.entry(e))}
      </ol>
      ${this.replyBox()}`;
  }
}
define("ao-ticket", AoTicket);
