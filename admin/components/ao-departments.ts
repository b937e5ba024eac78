/**
 * `<ao-departments>`: Gestão › Departamentos. The list (`#/gestao/departments`: name, active or
 * inactive, the start of the initial message) and one department's form
 * (`#/gestao/departments/<id>`, or `/new` for "Novo departamento"). Administrators change
 * everything; a department manager the initial message and logos of the departments they
 * manage; the others are listed read-only. A department is never deleted, only deactivated.
 */
import { css, html } from "lit";
import type { DepartmentView } from "../../worker/views-gestao";
import { peopleApi } from "../api-gestao-people";
import { canCreateDepartment, departmentScope, excerpt } from "../department-form";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { AppElement, define } from "./app-element";
import { listStatus } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-department-form";

/** The route id of the "Novo departamento" form. */
export const NEW_ID = "new";

export class AoDepartments extends AppElement {
  static override properties = {
    departments: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    peopleStyles,
    css`
      .intro {
        margin-bottom: 0.8rem;
      }
      .message {
        color: var(--ao-muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare departments: DepartmentView[] | null;
  declare loading: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.departments = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.departments = (await this.app.call(() => peopleApi.departments())).departments;
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  /** The id in the route (`new`, a department's id) or null for the list. */
  private get openId(): string | null {
    const route = this.app.store.route;
    return route.page === "gestao" && route.section === "departments" ? (route.id ?? null) : null;
  }

  private saved(event: CustomEvent<{ department: DepartmentView; created: boolean }>): void {
    const { department, created } = event.detail;
    const others = (this.departments ?? []).filter((d) => d.id !== department.id);
    this.departments = [...others, department].sort((a, b) => a.name.localeCompare(b.name));
    if (created) this.app.navigate({ page: "gestao", section: "departments", id: department.id });
  }

  private row(d: DepartmentView) {
    const me = this.app.store.me;
    const editable = me !== null && departmentScope(me, d.id) !== "none";
    return html`<li data-testid="department-item" data-id=${d.id}>
      <span class="name">
        ${editable ? html`<a href="#/gestao/departments/${encodeURIComponent(d.id)}" data-testid="department-open">${d.name}</a>` : d.name}
      </span>
      <span class="message">${d.initialMessage ? excerpt(d.initialMessage) : html`<span class="muted">${t("dept.noMessage")}</span>`}</span>
      <span class="badges">
        <span class="badge ${d.active ? "ok" : "off"}" data-testid="department-status">${t(d.active ? "dept.active" : "dept.inactive")}</span>
      </span>
    </li>`;
  }

  private list() {
    const me = this.app.store.me;
    const items = this.departments ?? [];
    return html`<div class="top">
        <h1>${t("dept.heading")}</h1>
        ${me && canCreateDepartment(me.role)
          ? html`<a class="button" href="#/gestao/departments/${NEW_ID}" data-testid="department-new">${t("dept.new")}</a>`
          : ""}
      </div>
      <p class="muted intro">${t("dept.intro")}</p>
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus(
          { error: this.error, loading: this.loading, loaded: this.departments !== null, empty: items.length === 0 },
          { loading: t("page.loading"), empty: t("dept.empty") },
        )}
        <ul class="rows" aria-label=${t("dept.heading")}>
          ${items.map((d) => this.row(d))}
        </ul>
      </div>`;
  }

  override render() {
    const id = this.openId;
    if (id === null) return this.list();
    const back = html`<a class="back" href="#/gestao/departments" data-testid="department-back">${t("dept.back")}</a>`;
    const form = (department: DepartmentView | null) =>
      html`${back}<ao-department-form .app=${this.app} .department=${department} @ao-department-saved=${this.saved}></ao-department-form>`;
    if (id === NEW_ID) {
      const me = this.app.store.me;
      if (!me || !canCreateDepartment(me.role)) return html`${back}<p class="error" role="alert">${t("notice.forbidden")}</p>`;
      return form(null);
    }
    if (this.departments === null) {
      return html`${back}${listStatus({ error: this.error, loading: true, loaded: false, empty: false }, { loading: t("page.loading"), empty: "" })}`;
    }
    const department = this.departments.find((d) => d.id === id);
    if (!department) return html`${back}<p class="error" role="alert">${t("people.error.notFound")}</p>`;
    // One template for both, so that the new department's form stays the same element.
    return form(department);
  }
}
define("ao-departments", AoDepartments);
