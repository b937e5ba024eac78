/**
 * `<ao-create-ticket source="offline|chat" source-id="…">`: the "Criar chamado" button of an
 * offline message or a chat. It converts the source (POST …/:id/ticket) and opens the ticket; a
 * source converted already opens its existing ticket. The outcome is announced in the console's
 * notices (`aria-live`).
 */
import { html } from "lit";
import { convertedTicketId, ticketErrorKey, ticketsApi } from "../api-tickets";
import { t } from "../i18n";
import { commonKeys } from "../desk-keys";
import { AppElement, define } from "./app-element";

export class AoCreateTicket extends AppElement {
  static override properties = {
    source: {},
    sourceId: { attribute: "source-id" },
    busy: { state: true },
  };

  declare source: "offline" | "chat";
  declare sourceId: string;
  declare busy: boolean;

  constructor() {
    super();
    this.source = "offline";
    this.sourceId = "";
    this.busy = false;
  }

  private async create(): Promise<void> {
    this.busy = true;
    try {
      const convert = this.source === "chat" ? ticketsApi.fromChat : ticketsApi.fromOfflineMessage;
      const { ticket } = await this.app.call(() => convert(this.sourceId));
      this.app.store.notify("tickets.created", { number: ticket.number });
      location.hash = `#/tickets/${encodeURIComponent(ticket.id)}`;
    } catch (error) {
      const existing = convertedTicketId(error);
      if (existing) location.hash = `#/tickets/${encodeURIComponent(existing)}`;
      else this.app.store.notify(ticketErrorKey(error));
    } finally {
      this.busy = false;
    }
  }

  /** Re-rendered for the store only when the language, the attendant or the departments change. */
  protected override storeKeys(): unknown[] {
    return commonKeys(this.app.store);
  }

  override render() {
    return html`<button type="button" data-testid="create-ticket" ?disabled=${this.busy || !this.sourceId} @click=${this.create}>${t("tickets.create")}</button>`;
  }
}
define("ao-create-ticket", AoCreateTicket);
