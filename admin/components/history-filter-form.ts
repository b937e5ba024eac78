/**
 * The Histórico's filter bar: text in the messages, customer, protocol number, department,
 * attendant, status, dates and labels (any of them). Rendered from the applied filters; the page
 * keys it by the search so that back/forward puts the fields back as the URL says.
 */
import { css, html } from "lit";
import type { ChatLabel } from "../../worker/views-labels";
import { HISTORY_STATUSES, activeFilterCount, type HistoryFilters } from "../history-filters";
import { t } from "../i18n";
import { labelChip } from "./label-chips";

/** What the selects offer. */
export interface FilterChoices {
  departments: { id: string; name: string }[];
  attendants: { id: string; name: string }[];
  labels: ChatLabel[];
}

export const filterFormStyles = css`
  form.filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 0.6rem;
    align-items: end;
  }
  form.filters input,
  form.filters select {
    width: 100%;
    min-width: 0;
  }
  form.filters input[type="checkbox"] {
    width: auto;
  }
  .wide {
    grid-column: span 2;
  }
  details.labels {
    grid-column: 1 / -1;
  }
  details.labels summary {
    cursor: pointer;
    font-size: 0.85rem;
  }
  details.labels fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    border: 0;
    padding: 0.4rem 0 0;
    margin: 0;
  }
  details.labels label {
    white-space: nowrap;
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }
  .hint {
    font-size: 0.8rem;
    color: var(--ao-muted);
    margin: 0.2rem 0 0;
  }
  .actions {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: center;
  }
  @media (max-width: 30rem) {
    form.filters {
      grid-template-columns: 1fr 1fr;
    }
    .wide {
      grid-column: 1 / -1;
    }
  }
`;

/** The filter form; `exportHref` is the CSV of the applied filters. */
export function filterForm(
  filters: HistoryFilters,
  choices: FilterChoices,
  handlers: { submit: (event: SubmitEvent) => void; clear: () => void; exportHref: string },
) {
  const chosen = filters.labelIds.length;
  return html`<form class="filters" @submit=${handlers.submit} aria-label=${t("history.filters")} data-testid="history-filters">
    <label class="wide">
      ${t("history.text")}
      <input type="search" name="q" maxlength="200" .value=${filters.q ?? ""} placeholder=${t("history.textPlaceholder")} data-testid="history-q" />
    </label>
    <label class="wide">
      ${t("history.customer")}
      <input type="search" name="customer" maxlength="100" .value=${filters.customer ?? ""} data-testid="history-customer" />
    </label>
    <label>
      ${t("history.number")}
      <input type="number" name="number" min="1" inputmode="numeric" .value=${filters.number ? String(filters.number) : ""} data-testid="history-number" />
    </label>
    <label>
      ${t("history.status")}
      <select name="status" data-testid="history-status">
        ${HISTORY_STATUSES.map((s) => html`<option value=${s} ?selected=${s === filters.status}>${t(`history.status.${s}`)}</option>`)}
      </select>
    </label>
    <label>
      ${t("history.department")}
      <select name="departmentId" data-testid="history-department">
        <option value="">${t("history.allDepartments")}</option>
        ${choices.departments.map((d) => html`<option value=${d.id} ?selected=${d.id === filters.departmentId}>${d.name}</option>`)}
      </select>
    </label>
    <label>
      ${t("history.attendant")}
      <select name="attendantId" data-testid="history-attendant">
        <option value="">${t("history.allAttendants")}</option>
        ${choices.attendants.map((a) => html`<option value=${a.id} ?selected=${a.id === filters.attendantId}>${a.name}</option>`)}
      </select>
    </label>
    <label>
      ${t("history.from")}
      <input type="date" name="from" .value=${filters.from ?? ""} data-testid="history-from" />
    </label>
    <label>
      ${t("history.to")}
      <input type="date" name="to" .value=${filters.to ?? ""} data-testid="history-to" />
    </label>
    ${choices.labels.length
      ? html`<details class="labels" ?open=${chosen > 0}>
          <summary>${chosen ? t("history.labelsChosen", { n: chosen }) : t("history.labels")}</summary>
          <fieldset data-testid="history-labels">
            <legend class="hint">${t("history.labelsAny")}</legend>
            ${choices.labels.map(
              (l) => html`<label><input type="checkbox" name="labelId" value=${l.id} ?checked=${filters.labelIds.includes(l.id)} />${labelChip(l)}</label>`,
            )}
          </fieldset>
        </details>`
      : ""}
    <div class="actions">
      <button type="submit" data-testid="history-apply">${t("history.apply")}</button>
      ${activeFilterCount(filters) ? html`<button type="button" @click=${handlers.clear} data-testid="history-clear">${t("history.clear")}</button>` : ""}
      <a href=${handlers.exportHref} download data-testid="history-export" title=${t("history.exportHint")}>${t("history.export")}</a>
    </div>
  </form>`;
}
