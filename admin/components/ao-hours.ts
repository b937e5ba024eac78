/**
 * `<ao-hours>`: Gestão › Horários de Atendimento. The account's time zone, the shifts grouped
 * by scope (the general ones, then each department with its "Aberto agora · fecha às 18:00"
 * line from the server's `now`), and one shift's form (`#/gestao/hours/<id>`, or `/new`).
 * Administrators change every shift; a department manager their departments' shifts.
 */
import { css, html, nothing } from "lit";
import { hoursApi, type Shift, type ShiftsResponse } from "../api-hours";
import { peopleApi } from "../api-gestao-people";
import { errorKey } from "../errors";
import { WEEK_ORDER, canEditShift, groupShifts, nowLabel, scopeOptions, type ShiftGroup } from "../hours-form";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { peopleStyles } from "./people-styles";
import { dayName } from "./shift-editor";
import "./ao-shift-form";

/** The route id of the "Novo turno" form. */
export const NEW_SHIFT_ID = "new";

/** "Seg 09:00–12:00, 13:00–18:00 · Ter …": a shift's week in one line. */
function weekSummary(shift: Shift): string {
  return WEEK_ORDER.map((day) => {
    const ranges = shift.intervals.filter((i) => i.day === day).map((i) => `${i.start}–${i.end}`);
    return ranges.length ? `${dayName(day).slice(0, 3)} ${ranges.join(", ")}` : "";
  })
    .filter(Boolean)
    .join(" · ");
}

export class AoHours extends AppElement {
  static override properties = {
    data: { state: true },
    departments: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    peopleStyles,
    css`
      .group {
        margin-bottom: 1.2rem;
      }
      .group h2 {
        font-size: 1rem;
        margin: 0 0 0.3rem;
      }
      .now {
        margin: 0 0 0.4rem;
        font-weight: 600;
      }
      .now.open {
        color: #137333;
      }
      .rows > li {
        grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
      }
      .summary {
        color: var(--ao-muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      @media (max-width: 700px) {
        .rows > li {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  declare data: ShiftsResponse | null;
  declare departments: { id: string; name: string }[];
  declare loading: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.data = null;
    this.departments = [];
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The shifts and `now` again (a save moves the "open now" lines too). */
  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const [data, departments] = await Promise.all([this.app.call(() => hoursApi.shifts()), this.app.call(() => peopleApi.departments())]);
      this.data = data;
      this.departments = departments.departments.map((d) => ({ id: d.id, name: d.name }));
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  private get openId(): string | null {
    const route = this.app.store.route;
    return route.page === "gestao" && route.section === "hours" ? (route.id ?? null) : null;
  }

  private saved(event: CustomEvent<{ shift: Shift; created: boolean }>): void {
    const { shift, created } = event.detail;
    if (this.data) this.data = { ...this.data, shifts: [...this.data.shifts.filter((s) => s.id !== shift.id), shift] };
    if (created) this.app.navigate({ page: "gestao", section: "hours", id: shift.id });
    void this.load();
  }

  private deleted(): void {
    this.app.store.notify("hours.deleted");
    this.app.navigate({ page: "gestao", section: "hours" });
    void this.load();
  }

  private shiftRow(shift: Shift) {
    const me = this.app.store.me;
    const editable = me !== null && canEditShift(me, shift.scope);
    const href = `#/gestao/hours/${encodeURIComponent(shift.id)}`;
    const summary = weekSummary(shift);
    return html`<li data-testid="shift-item" data-id=${shift.id}>
      <span class="name">${editable ? html`<a href=${href} data-testid="shift-open" aria-label=${t("hours.editLabel", { name: shift.name })}>${shift.name}</a>` : shift.name}</span>
      <span class="summary">
        ${summary || t("hours.noIntervals")}
        ${shift.exceptions.length ? html` · ${t("hours.exceptionCount", { count: shift.exceptions.length })}` : nothing}
      </span>
    </li>`;
  }

  private group(g: ShiftGroup, data: ShiftsResponse) {
    const headingId = `hours-group-${g.scope}`;
    const now = g.scope === "account" ? undefined : data.now[g.scope];
    const label = now ? nowLabel(now, Date.now(), this.app.store.locale, data.timeZone) : null;
    return html`<section class="group" aria-labelledby=${headingId} data-testid="hours-group-${g.scope}">
      <h2 id=${headingId}>${g.name ?? t("hours.general")}</h2>
      ${label ? html`<p class="now ${now?.open ? "open" : ""}" data-testid="hours-department-${g.scope}">${t(label.key, label.params)}</p>` : nothing}
      ${g.shifts.length === 0
        ? html`<p class="muted">${t(g.scope === "account" ? "hours.groupEmpty" : "hours.usesGeneral")}</p>`
        : html`<ul class="rows" aria-labelledby=${headingId}>
            ${g.shifts.map((s) => this.shiftRow(s))}
          </ul>`}
    </section>`;
  }

  private list() {
    const me = this.app.store.me;
    const data = this.data;
    const canCreate = me !== null && scopeOptions(me, this.departments).length > 0;
    return html`<div class="top">
        <h1>${t("hours.heading")}</h1>
        ${canCreate ? html`<a class="button" href="#/gestao/hours/${NEW_SHIFT_ID}" data-testid="hours-new">${t("hours.new")}</a>` : ""}
      </div>
      <p class="muted">${t("hours.intro")}</p>
      ${data
        ? html`<p data-testid="hours-time-zone">
            ${t("hours.timeZone", { zone: data.timeZone })}
            ${me?.role === "administrator" ? html` · <a href="#/gestao/account">${t("hours.timeZoneChange")}</a>` : nothing}
          </p>`
        : nothing}
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus({ error: this.error, loading: this.loading, loaded: data !== null, empty: false }, { loading: t("page.loading"), empty: "" })}
        ${data ? groupShifts(data.shifts, this.departments, data.now).map((g) => this.group(g, data)) : nothing}
      </div>`;
  }

  override render() {
    const id = this.openId;
    if (id === null) return this.list();
    const back = html`<a class="back" href="#/gestao/hours" data-testid="hours-back">${t("hours.back")}</a>`;
    const form = (shift: Shift | null) =>
      html`${back}<ao-shift-form
          .app=${this.app}
          .shift=${shift}
          .departments=${this.departments}
          @ao-shift-saved=${this.saved}
          @ao-shift-deleted=${this.deleted}
        ></ao-shift-form>`;
    if (this.data === null) {
      return html`${back}${listStatus({ error: this.error, loading: true, loaded: false, empty: false }, { loading: t("page.loading"), empty: "" })}`;
    }
    if (id === NEW_SHIFT_ID) return form(null);
    const shift = this.data.shifts.find((s) => s.id === id);
    if (!shift) return html`${back}<p class="error" role="alert">${t("people.error.notFound")}</p>`;
    return form(shift);
  }
}
define("ao-hours", AoHours);
