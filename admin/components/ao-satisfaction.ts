/**
 * `<ao-satisfaction>`: the "Satisfação" report (GET /api/reports/satisfaction): answers to the
 * "Pesquisa de satisfação" per attendant and per department, over the departments the signed-in
 * person may see. Read only.
 */
import { css, html } from "lit";
import type { SatisfactionReportResponse, SatisfactionRow } from "../../worker/views";
import { errorKey } from "../errors";
import { formatGrade, formatPercent } from "../format";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { pageStyles } from "./page-styles";

export class AoSatisfaction extends AppElement {
  static override properties = {
    report: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    pageStyles,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
        margin-bottom: 1.5rem;
        background: var(--ao-surface);
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding: 0.4rem 0;
      }
      th,
      td {
        padding: 0.45rem 0.7rem;
        border-bottom: 1px solid var(--ao-border);
        text-align: right;
      }
      th:first-child,
      td:first-child {
        text-align: left;
        overflow-wrap: anywhere;
      }
      thead th {
        font-size: 0.85rem;
        color: var(--ao-muted);
        font-weight: 600;
      }
    `,
  ];

  declare report: SatisfactionReportResponse | null;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.report = null;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.report = await this.app.satisfaction();
    } catch (error) {
      this.error = errorKey(error);
    }
  }

  private table(caption: MessageKey, first: MessageKey, rows: SatisfactionRow[], testId: string) {
    return html`<table>
      <caption>${t(caption)}</caption>
      <thead>
        <tr>
          <th scope="col">${t(first)}</th>
          <th scope="col">${t("satisfaction.answers")}</th>
          <th scope="col">${t("satisfaction.average")}</th>
          <th scope="col">${t("satisfaction.solved")}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.length === 0 ? html`<tr><td colspan="4" class="muted">${t("satisfaction.empty")}</td></tr>` : ""}
        ${rows.map(
          (row) => html`<tr data-testid=${testId} data-id=${row.id}>
            <th scope="row">${row.name}</th>
            <td>${row.answers}</td>
            <td>${row.answers > 0 ? formatGrade(row.averageGrade) : "—"}</td>
            <td>${row.answers > 0 ? formatPercent(row.solvedRate) : "—"}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    return html`<h1>${t("satisfaction.heading")}</h1>
      <p class="intro muted">${t("satisfaction.intro")}</p>
      ${this.error ? html`<p class="error" role="alert">${t(this.error)}</p>` : ""}
      ${!this.report && !this.error ? html`<p class="muted" role="status">${t("page.loading")}</p>` : ""}
      ${this.report
        ? html`${this.table("satisfaction.byAttendant", "satisfaction.attendant", this.report.byAttendant, "satisfaction-attendant")}
          ${this.table("satisfaction.byDepartment", "satisfaction.department", this.report.byDepartment, "satisfaction-department")}`
        : ""}`;
  }
}
define("ao-satisfaction", AoSatisfaction);
