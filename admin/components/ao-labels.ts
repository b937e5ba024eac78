/**
 * `<ao-labels>`: Gestão › Rótulos. The account's labels as chips with their description and how
 * many rules each has, and one label's form (`#/gestao/labels/<id>`, or `/new`). Administrators
 * and department managers manage them (the server says so in `canManage`).
 */
import { css, html, nothing } from "lit";
import { peopleApi } from "../api-gestao-people";
import { labelsApi, type LabelView } from "../api-labels";
import { errorKey } from "../errors";
import { t, type MessageKey } from "../i18n";
import { chipText } from "../labels-form";
import { AppElement, define } from "./app-element";
import { listStatus } from "./list-parts";
import { listPageStyles } from "./list-page-styles";
import { peopleStyles } from "./people-styles";
import "./ao-label-form";

/** The route id of the "Novo rótulo" form. */
export const NEW_LABEL_ID = "new";

export class AoLabels extends AppElement {
  static override properties = {
    labels: { state: true },
    canManage: { state: true },
    departments: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    ...AppElement.styles,
    listPageStyles,
    peopleStyles,
    css`
      .rows > li {
        grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
        align-items: center;
      }
      .chip {
        display: inline-block;
        border-radius: 999px;
        padding: 0.15rem 0.7rem;
        text-decoration: none;
        font-weight: 600;
        overflow-wrap: anywhere;
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

  declare labels: LabelView[] | null;
  declare canManage: boolean;
  declare departments: { id: string; name: string }[];
  declare loading: boolean;
  declare error: MessageKey | null;

  constructor() {
    super();
    this.labels = null;
    this.canManage = false;
    this.departments = [];
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
      const [data, departments] = await Promise.all([this.app.call(() => labelsApi.list()), this.app.call(() => peopleApi.departments())]);
      this.labels = data.labels;
      this.canManage = data.canManage;
      this.departments = departments.departments.map((d) => ({ id: d.id, name: d.name }));
    } catch (error) {
      this.error = errorKey(error);
    }
    this.loading = false;
  }

  /** The form or list on screen at the last render: back on the list, it is read again (labels change elsewhere too). */
  private shown: string | null | undefined = undefined;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const id = this.openId;
    if (id === this.shown) return;
    if (id === null && this.shown !== undefined && !this.loading) void this.load();
    this.shown = id;
  }

  private get openId(): string | null {
    const route = this.app.store.route;
    return route.page === "gestao" && route.section === "labels" ? (route.id ?? null) : null;
  }

  private saved(event: CustomEvent<{ label: LabelView; created: boolean }>): void {
    const { label, created } = event.detail;
    if (this.labels) this.labels = [...this.labels.filter((l) => l.id !== label.id), label].sort((a, b) => a.name.localeCompare(b.name));
    if (created) this.app.navigate({ page: "gestao", section: "labels", id: label.id });
  }

  private deleted(): void {
    this.app.store.notify("labels.deleted");
    this.app.navigate({ page: "gestao", section: "labels" });
    void this.load();
  }

  private row(label: LabelView) {
    const style = `background:${label.color};color:${chipText(label.color)}`;
    const name = this.canManage
      ? html`<a class="chip" style=${style} href="#/gestao/labels/${encodeURIComponent(label.id)}" data-testid="label-open" aria-label=${t("labels.editLabel", { name: label.name })}>${label.name}</a>`
      : html`<span class="chip" style=${style}>${label.name}</span>`;
    const rules = label.conditions.length ? t("labels.ruleCount", { count: label.conditions.length }) : t("labels.noRules");
    return html`<li data-testid="label-item" data-id=${label.id}>
      <span class="name">${name}</span>
      <span class="summary">${label.active ? nothing : html`<strong>${t("labels.inactive")}</strong> · `}${rules}${label.description ? html` · ${label.description}` : nothing}</span>
    </li>`;
  }

  private list() {
    const labels = this.labels;
    return html`<div class="top">
        <h1>${t("labels.heading")}</h1>
        ${this.canManage ? html`<a class="button" href="#/gestao/labels/${NEW_LABEL_ID}" data-testid="labels-new">${t("labels.new")}</a>` : nothing}
      </div>
      <p class="muted">${t("labels.intro")}</p>
      <div aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
        ${listStatus({ error: this.error, loading: this.loading, loaded: labels !== null, empty: labels?.length === 0 }, { loading: t("page.loading"), empty: t("labels.empty") })}
        ${labels && labels.length > 0 ? html`<ul class="rows" aria-label=${t("labels.heading")}>${labels.map((l) => this.row(l))}</ul>` : nothing}
      </div>`;
  }

  override render() {
    const id = this.openId;
    if (id === null) return this.list();
    const back = html`<a class="back" href="#/gestao/labels" data-testid="labels-back">${t("labels.back")}</a>`;
    if (this.labels === null) return html`${back}${listStatus({ error: this.error, loading: true, loaded: false, empty: false }, { loading: t("page.loading"), empty: "" })}`;
    if (!this.canManage) return html`${back}<p class="muted">${t("labels.readOnly")}</p>`;
    const form = (label: LabelView | null) =>
      html`${back}<ao-label-form .app=${this.app} .label=${label} .departments=${this.departments} @ao-label-saved=${this.saved} @ao-label-deleted=${this.deleted}></ao-label-form>`;
    if (id === NEW_LABEL_ID) return form(null);
    const label = this.labels.find((l) => l.id === id);
    return label ? form(label) : html`${back}<p class="error" role="alert">${t("people.error.notFound")}</p>`;
  }
}
define("ao-labels", AoLabels);
