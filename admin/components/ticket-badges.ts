/**
 * Status and priority badges of Chamados, shared by the list and the detail. Colours come from
 * the console's custom properties; each badge carries its text, never colour alone.
 */
import { css, html } from "lit";
import type { TicketPriority, TicketStatus } from "../../worker/views-tickets";
import { t } from "../i18n";

export const badgeStyles = css`
  .badge.status-new {
    background: var(--ao-accent);
    color: var(--ao-on-accent);
  }
  .badge.status-in_progress,
  .badge.status-waiting_customer,
  .badge.status-closed,
  .badge.priority-low,
  .badge.priority-normal {
    background: var(--ao-hover);
    color: var(--ao-text);
  }
  .badge.priority-high,
  .badge.priority-urgent {
    background: transparent;
    color: var(--ao-danger);
    border: 1px solid currentColor;
  }
  .badge.priority-urgent {
    font-weight: 700;
  }
`;

export function statusBadge(status: TicketStatus) {
  return html`<span class="badge status-${status}" data-testid="ticket-status">${t(`tickets.status.${status}`)}</span>`;
}

export function priorityBadge(priority: TicketPriority) {
  return html`<span class="badge priority-${priority}" data-testid="ticket-priority">${t("tickets.priority")}: ${t(`tickets.priority.${priority}`)}</span>`;
}
