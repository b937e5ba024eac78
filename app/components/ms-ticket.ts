/**
 * `<ms-ticket>`: one of the customer's tickets with its public thread (oldest first) and the
 * reply form (`POST /api/p/:key/tickets/:id/replies`, which reopens a closed ticket). Reloads
 * when the app hears of a new reply to it.
 */
import { html, nothing, type PropertyValues } from "lit";
import { ApiFailure, Offline } from "../api";
import { formatDate } from "../i18n";
import { LightElement } from "../light-element";
import { TAB_HASH } from "../route";
import type { TicketResponse, UpdatesResponse } from "../types";
import { UPDATES_EVENT, type MsApp } from "./ms-app";

export class MsTicket extends LightElement {
  static override properties = {
    app: { attribute: false },
    ticketId: { attribute: false },
    data: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
  };
  declare app: MsApp;
  declare ticketId: string;
  declare data: TicketResponse | null;
  declare error: string;
  declare notice: string;
  declare busy: boolean;

  #onUpdates = (event: Event): void => {
    const replies = (event as CustomEvent<UpdatesResponse["replies"]>).detail;
    if (replies.some((r) => r.ticketId === this.ticketId)) void this.#load();
  };

  constructor() {
    super();
    this.data = null;
    this.error = "";
    this.notice = "";
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.app.addEventListener(UPDATES_EVENT, this.#onUpdates);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.app.removeEventListener(UPDATES_EVENT, this.#onUpdates);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("ticketId")) {
      this.data = null;
      void this.#load();
    }
  }

  #message(error: unknown): string {
    const t = this.app.texts;
    if (error instanceof Offline) return t.offline;
    if (error instanceof ApiFailure && error.code === "rate_limited") return t.rateLimited;
    if (error instanceof ApiFailure && (error.status === 400 || error.status === 404)) return error.message;
    return t.genericError;
  }

  async #load(): Promise<void> {
    try {
      this.data = await this.app.client.ticket(this.ticketId);
      this.error = "";
    } catch (error) {
      this.error = this.#message(error);
    }
  }

  async #reply(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.busy) return;
    const body = String(new FormData(form).get("body") ?? "").trim();
    if (!body) return;
    this.busy = true;
    this.error = this.notice = "";
    try {
      await this.app.client.reply(this.ticketId, body);
      form.reset();
      this.notice = this.app.texts.replySent;
      await this.#load();
    } catch (error) {
      this.error = this.#message(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.app.texts;
    const data = this.data;
    return html`<section aria-labelledby="ms-ticket-title">
      <p><a class="ms-back" href=${TAB_HASH.tickets}>← ${t.back}</a></p>
      ${data
        ? html`<h2 id="ms-ticket-title">${t.ticketTitle(data.ticket.number)} · ${data.ticket.subject}</h2>
            <p class="ms-row-meta">
              <span class="ms-status" data-status=${data.ticket.status}>${t.status[data.ticket.status] ?? data.ticket.status}</span>
              ${data.ticket.departmentName ? html`<span>${data.ticket.departmentName}</span>` : nothing}
            </p>
            <ol class="ms-thread" data-testid="entries">
              ${data.entries.map(
                (entry) => html`<li class="ms-entry" data-author=${entry.author}>
                  <p class="ms-entry-meta">
                    <strong>${entry.author === "customer" ? t.you : entry.authorName}</strong>
                    <time datetime=${new Date(entry.createdAt).toISOString()}>${formatDate(this.app.language, entry.createdAt)}</time>
                  </p>
                  <p class="ms-entry-body">${entry.body}</p>
                </li>`,
              )}
            </ol>
            <form class="ms-card" @submit=${(event: SubmitEvent) => void this.#reply(event)}>
              <div class="ms-field">
                <label for="ms-reply">${t.yourReply}</label>
                <textarea id="ms-reply" name="body" required rows="4" maxlength="10000"></textarea>
              </div>
              <p class="ms-notice" role="status">${this.notice}</p>
              <button type="submit" class="ms-primary" aria-disabled=${this.busy ? "true" : "false"}>${this.busy ? t.sending : t.sendReply}</button>
            </form>`
        : html`<h2 id="ms-ticket-title">${t.tabTickets}</h2>${this.error ? nothing : html`<p class="ms-empty">${t.loading}</p>`}`}
      <p class="ms-error" role="alert">${this.error}</p>
    </section>`;
  }
}

if (!customElements.get("ms-ticket")) customElements.define("ms-ticket", MsTicket);
