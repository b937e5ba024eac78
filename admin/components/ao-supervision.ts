/**
 * `<ao-supervision>`: "Supervisão", for administrators (every department) and department
 * managers (theirs). Every waiting and active chat of the departments they supervise, with who
 * has it and for how long (a clock that ticks), filterable by department; any of them can be
 * closed after a confirmation (the `chat.close` frame on that department's socket: the customer
 * and the attendant see who closed it). Live from the console's room sockets (supervision.ts):
 * chats appear, change and go without a reload. On phones the table's rows become cards.
 */
import { css, html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { t } from "../i18n";
import { ALL_DEPARTMENTS, elapsedClock, supervisedDepartments, supervisionCounts, supervisionRows, type SupervisionRow } from "../supervision";
import { AppElement, define } from "./app-element";
import type { AoConfirm } from "./ao-confirm";
import "./ao-confirm";
import { listPageStyles } from "./list-page-styles";
import { tableStyles } from "./table-styles";

/** The clocks move once a second. */
const TICK_MS = 1000;

export class AoSupervision extends AppElement {
  static override properties = { departmentId: { state: true } };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    tableStyles,
    css`
      :host {
        max-width: 72rem;
      }
      .intro {
        color: var(--ao-muted);
        margin-bottom: 0.8rem;
        max-width: 48rem;
      }
      .counts {
        margin-bottom: 0.6rem;
        font-weight: 600;
      }
      .clock {
        font-variant-numeric: tabular-nums;
      }
      .queue {
        color: var(--ao-muted);
        font-style: italic;
      }
      .warning {
        color: var(--ao-danger);
      }
    `,
  ];

  /** The department filter ("" = all). */
  declare departmentId: string;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    super();
    this.departmentId = ALL_DEPARTMENTS;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private async close(row: SupervisionRow): Promise<void> {
    const { chat } = row;
    const confirm = this.renderRoot.querySelector<AoConfirm>("ao-confirm");
    const ok = await confirm?.ask({
      heading: t("supervision.closeHeading", { number: chat.number }),
      message: t("supervision.closeMessage", { name: chat.customer.name }),
      confirm: t("supervision.closeConfirm"),
    });
    if (ok) this.app.live?.close(chat.id);
  }

  private filter(departments: { id: string; name: string }[]) {
    if (departments.length < 2) return nothing;
    const onChange = (event: Event) => (this.departmentId = (event.target as HTMLSelectElement).value);
    return html`<form @submit=${(event: Event) => event.preventDefault()}>
      <label>
        ${t("supervision.department")}
        <select data-testid="supervision-department" @change=${onChange}>
          <option value=${ALL_DEPARTMENTS} ?selected=${this.departmentId === ALL_DEPARTMENTS}>${t("supervision.allDepartments")}</option>
          ${departments.map((d) => html`<option value=${d.id} ?selected=${d.id === this.departmentId}>${d.name}</option>`)}
        </select>
      </label>
    </form>`;
  }

  /** A line per supervised department whose socket is down: what shows may be stale. */
  private connections(departments: { id: string; name: string }[]) {
    const down = departments.filter((d) => {
      const state = this.app.store.departments.get(d.id)?.connection;
      return state !== undefined && state !== "open";
    });
    return down.map((d) => html`<p class="warning" data-testid="supervision-offline">${t("supervision.offline", { department: d.name })}</p>`);
  }

  private row(row: SupervisionRow, now: number) {
    const { chat } = row;
    return html`<tr role="row" data-testid="supervision-row" data-chat-id=${chat.id} data-status=${chat.status}>
      <td role="cell" class="nowrap" data-label=${t("supervision.number")}>#${chat.number}</td>
      <td role="cell" data-label=${t("supervision.customer")}>${chat.customer.name}</td>
      <td role="cell" data-label=${t("supervision.department")}>${row.departmentName}</td>
      <td role="cell" data-label=${t("supervision.status")}>
        <span class="badge ${chat.status === "waiting" ? "" : "neutral"}">${t(chat.status === "waiting" ? "supervision.waiting" : "supervision.active")}</span>
      </td>
      <td role="cell" data-label=${t("supervision.attendant")} data-testid="supervision-attendant">
        ${chat.attendant ? chat.attendant.name : html`<span class="queue">${t("supervision.inQueue")}</span>`}
      </td>
      <td role="cell" class="nowrap" data-label=${t("supervision.time")}>
        <span class="clock" data-testid="supervision-clock">${elapsedClock(now - row.since)}</span>
      </td>
      <td role="cell" data-label=${t("supervision.actions")}>
        <button
          type="button"
          class="danger"
          data-testid="supervision-close"
          aria-label=${t("supervision.closeLabel", { number: chat.number, name: chat.customer.name })}
          @click=${() => this.close(row)}
        >
          ${t("supervision.close")}
        </button>
      </td>
    </tr>`;
  }

  private table(rows: SupervisionRow[]) {
    if (rows.length === 0) return html`<p class="muted" data-testid="supervision-empty">${t("supervision.empty")}</p>`;
    const now = Date.now();
    const headers = ["number", "customer", "department", "status", "attendant", "time", "actions"] as const;
    return html`<table role="table" data-testid="supervision-table">
      <caption class="visually-hidden">${t("supervision.caption")}</caption>
      <thead role="rowgroup">
        <tr role="row">
          ${headers.map((key) => html`<th role="columnheader" scope="col">${t(`supervision.${key}`)}</th>`)}
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${repeat(
          rows,
          (row) => row.chat.id,
          (row) => this.row(row, now),
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const store = this.app.store;
    const departments = supervisedDepartments(store.me);
    // A department no longer supervised (rights changed) falls back to all.
    const filter = departments.some((d) => d.id === this.departmentId) ? this.departmentId : ALL_DEPARTMENTS;
    const rows = supervisionRows(store, filter);
    const counts = supervisionCounts(rows);
    return html`<h1>${t("supervision.heading")}</h1>
      <p class="intro">${t("supervision.intro")}</p>
      ${this.filter(departments)} ${this.connections(departments)}
      <p class="counts" role="status" data-testid="supervision-counts">${t("supervision.counts", counts)}</p>
      ${this.table(rows)}
      <ao-confirm></ao-confirm>`;
  }
}
define("ao-supervision", AoSupervision);
