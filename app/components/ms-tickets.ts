/**
 * `<ms-tickets>`: the customer's tickets (Chamados), newest activity first, a page at a time,
 * and the form that opens a new one (`creating`). Reloads when the app hears of new replies.
 */
import { html, nothing } from "lit";
import { ApiFailure, Offline } from "../api";
import { formatDate } from "../i18n";
import { LightElement } from "../light-element";
import { ticketHash, TAB_HASH } from "../route";
import type { TicketSummary } from "../types";
import { UPDATES_EVENT, type MsApp } from "./ms-app";

export class MsTickets extends LightElement {
  static override properties = {
    app: { attribute: false },
    creating: { type: Boolean },
    tickets: { state: true },
    hasMore: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare app: MsApp;
  declare creating: boolean;
  declare tickets: TicketSummary[] | null;
  declare hasMore: boolean;
  declare error: string;
  declare busy: boolean;
  #page = 1;
  #reload = () => void this.#load(1);

  constructor() {
    super();
    this.creating = false;
    this.tickets = null;
    this.hasMore = false;
    this.error = "";
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.app.addEventListener(UPDATES_EVENT, this.#reload);
    void this.#load(1);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.app.removeEventListener(UPDATES_EVENT, this.#reload);
  }

  async #load(page: number): Promise<void> {
    try {
      const answer = await this.app.client.tickets(page);
      this.tickets = page === 1 ? answer.tickets : [...(this.tickets ?? []), ...answer.tickets];
      this.hasMore = answer.hasMore;
      this.#page = page;
      this.error = "";
    } catch (error) {
      this.error = this.#message(error);
    }
  }

  #message(error: unknown): string {
    const t = this.app.texts;
    if (error instanceof Offline) return t.offline;
    if (error instanceof ApiFailure && error.code === "rate_limited") return t.rateLimited;
    if (error instanceof ApiFailure && error.status === 400) return error.message;
    return t.genericError;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.busy = true;
    this.error = "";
    try {
      const { ticket } = await this.app.client.createTicket(String(data.get("subject") ?? "").trim(), String(data.get("message") ?? "").trim());
      location.hash = ticketHash(ticket.id);
    } catch (error) {
      this.error = this.#message(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return this.creating ? this.#form() : this.#list();
  }

  #form() {
    const t = this.app.texts;
    return html`<section class="ms-card" aria-labelledby="ms-new-title">
      <p><a class="ms-back" href=${TAB_HASH.tickets}>← ${t.back}</a></p>
      <h2 id="ms-new-title">${t.newTicket}</h2>
      <form @submit=${(event: SubmitEvent) => void this.#create(event)}>
        <div class="ms-field">
          <label for="ms-subject">${t.subject}</label>
          <input id="ms-subject" name="subject" required maxlength="200" />
        </div>
        <div class="ms-field">
          <label for="ms-message">${t.message}</label>
          <textarea id="ms-message" name="message" required rows="6" maxlength="10000"></textarea>
        </div>
        <p class="ms-error" role="alert">${this.error}</p>
        <button type="submit" class="ms-primary" aria-disabled=${this.busy ? "true" : "false"}>${this.busy ? t.sending : t.openTicket}</button>
      </form>
    </section>`;
  }

  #list() {
    const t = this.app.texts;
    const me = this.app.me;
    return html`<section aria-labelledby="ms-tickets-title">
      <div class="ms-title-row">
        <h2 id="ms-tickets-title">${t.ticketsTitle}</h2>
        <a class="ms-primary ms-small" href="#/chamados/novo">${t.newTicket}</a>
      </div>
      ${me ? html`<p class="ms-hint">${t.greeting(me.customer.name)}</p>` : nothing}
      ${this.app.notify === "default"
        ? html`<p><button type="button" class="ms-secondary" data-testid="notify" @click=${() => void this.app.askNotify()}>${t.notifyOn}</button></p>`
        : nothing}
      <p class="ms-error" role="alert">${this.error}</p>
      ${this.tickets === null
        ? this.error ? nothing : html`<p class="ms-empty">${t.loading}</p>`
        : this.tickets.length === 0
          ? html`<p class="ms-empty">${t.noTickets}</p>`
          : html`<ul class="ms-list" data-testid="tickets">
              ${this.tickets.map(
                (ticket) => html`<li>
                  <a href=${ticketHash(ticket.id)} data-ticket-id=${ticket.id}>
                    <span class="ms-row-title">#${ticket.number} · ${ticket.subject}</span>
                    <span class="ms-row-meta">
                      <span class="ms-status" data-status=${ticket.status}>${t.status[ticket.status] ?? ticket.status}</span>
                      ${ticket.departmentName ? html`<span>${ticket.departmentName}</span>` : nothing}
                      <span>${t.updatedAt} ${formatDate(this.app.language, ticket.updatedAt)}</span>
                    </span>
                  </a>
                </li>`,
              )}
            </ul>`}
      ${this.hasMore ? html`<button type="button" class="ms-secondary" @click=${() => void this.#load(this.#page + 1)}>${t.loadMore}</button>` : nothing}
    </section>`;
  }
}

if (!customElements.get("ms-tickets")) customElements.define("ms-tickets", MsTickets);
